import { keyText, type TargetKey } from './liveState';
import { countChanges, countsText, formatValue, UNMANAGED_WORDS } from './plan';
import type { Change, FieldDiff, Plan } from './planTypes';

// The plan in the few lines a confirmation dialog holds: grouped by target (named once),
// one line per change with old → new values, and what is kept. renderPlanText (plan.ts) is
// the whole plan for a terminal and a log; this is its digest for the question before
// apply. A plan too long for a dialog becomes a count per target, and the caller offers
// the whole text.

/** What a confirmation shows: its text, and whether every change is in it. */
export interface PlanSummary {
  text: string;
  /** False when the plan was too long and the text counts changes per target instead. */
  complete: boolean;
}

export interface PlanSummaryOptions {
  /** The file's name, which starts the headline. */
  file: string;
  /** The most lines the text may have (a modal dialog shows about a dozen without scrolling). */
  maxLines?: number;
}

const DEFAULT_MAX_LINES = 12;

/** Members whose own name says enough inside their object: the wrapper is left out. */
const WRAPPERS =
  /^(TargetTrackingScalingPolicyConfiguration|StepScalingPolicyConfiguration|PredictiveScalingPolicyConfiguration|ScalableTargetAction)\./;

const POLICY_KINDS: Record<string, string> = {
  TargetTrackingScaling: 'target tracking',
  StepScaling: 'step scaling',
  PredictiveScaling: 'predictive',
};

/** `ResourceId (DesiredInstanceCount)`: the dimension's last part, since the resource id names the service. */
function targetHeader(key: TargetKey): string {
  return `${key.ResourceId} (${key.ScalableDimension.split(':').pop() ?? key.ScalableDimension})`;
}

/** `MaxCapacity 4 → 8, TargetValue 70 → 90`. */
function fieldChanges(diff: readonly FieldDiff[]): string {
  return diff
    .map((d) => `${d.path.replace(WRAPPERS, '')} ${formatValue(d.live)} → ${formatValue(d.desired)}`)
    .join(', ');
}

/** `min 2, max 6` for what a target or a scheduled action sets; empty when it sets neither. */
function capacity(min: number | undefined, max: number | undefined): string {
  return [min !== undefined ? `min ${min}` : '', max !== undefined ? `max ${max}` : ''].filter(Boolean).join(', ');
}

/** One line for one change, its target left out (the group's header names it). */
function changeLine(change: Change): string {
  const note = 'note' in change && change.note ? ` (${change.note})` : '';
  switch (change.kind) {
    case 'registerTarget': {
      if (!change.create) return `~ ${fieldChanges(change.diff)}`;
      const bounds = capacity(change.settings.MinCapacity, change.settings.MaxCapacity);
      return `+ target${bounds ? `: ${bounds}` : ''}`;
    }
    case 'putPolicy': {
      const name = `policy "${change.policy.PolicyName}"`;
      if (!change.create) return `~ ${name}: ${fieldChanges(change.diff)}${note}`;
      const kind = POLICY_KINDS[change.policy.PolicyType ?? ''] ?? change.policy.PolicyType ?? 'policy';
      return `+ ${name} (${kind})${note}`;
    }
    case 'deletePolicy':
      return `- policy "${change.policyName}"${note}`;
    case 'putAlarm': {
      const name = `alarm "${change.alarm.AlarmName}"`;
      if (change.create) return `+ ${name} for policy "${change.policyName}"`;
      return change.diff.length > 0 ? `~ ${name}: ${fieldChanges(change.diff)}${note}` : `~ ${name} put again${note}`;
    }
    case 'deleteAlarm':
      return `- alarm "${change.alarmName}" of policy "${change.policyName}" (prune)`;
    case 'putScheduledAction': {
      const action = change.action;
      const name = `scheduled action "${action.ScheduledActionName}"`;
      if (!change.create) return `~ ${name}: ${fieldChanges(change.diff)}`;
      const sets = capacity(action.ScalableTargetAction?.MinCapacity, action.ScalableTargetAction?.MaxCapacity);
      return `+ ${name}: ${action.Schedule}${action.Timezone ? ` ${action.Timezone}` : ''}${sets ? ` → ${sets}` : ''}`;
    }
    case 'deleteScheduledAction':
      return `- scheduled action "${change.actionName}" (prune)`;
  }
}

interface Group {
  header: string;
  lines: string[];
  counts: { create: number; update: number; delete: number; kept: number };
}

/** The changes and kept objects by target, in the order their first change comes. */
function groups(plan: Plan): Group[] {
  const byTarget = new Map<string, Group>();
  const group = (target: TargetKey): Group => {
    let entry = byTarget.get(keyText(target));
    if (!entry) {
      entry = { header: targetHeader(target), lines: [], counts: { create: 0, update: 0, delete: 0, kept: 0 } };
      byTarget.set(keyText(target), entry);
    }
    return entry;
  };
  for (const change of plan.changes) {
    const entry = group(change.target);
    entry.lines.push(`  ${changeLine(change)}`);
    if ('create' in change) entry.counts[change.create ? 'create' : 'update']++;
    else entry.counts.delete++;
  }
  for (const item of plan.unmanaged) {
    const entry = group(item.target);
    entry.lines.push(`  = ${UNMANAGED_WORDS[item.kind]} "${item.name}" kept (not in the file)`);
    entry.counts.kept++;
  }
  return [...byTarget.values()];
}

/** `16 to create, 2 to update; 1 kept`: the non-zero counts of one target. */
function countWords(counts: Group['counts']): string {
  const changes = (['create', 'update', 'delete'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} to ${k}`)
    .join(', ');
  const kept = counts.kept > 0 ? `${counts.kept} kept` : '';
  return [changes, kept].filter(Boolean).join('; ');
}

/** The plan as a confirmation's detail: headline, then each target with its changes, or with counts when too long. */
export function summarizeForConfirmation(plan: Plan, options: PlanSummaryOptions): PlanSummary {
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const counts = countChanges(plan);
  const kept = plan.unmanaged.length;
  const headline = `${options.file}: ${countsText(counts)}${
    kept > 0 ? `; ${kept} live object${kept === 1 ? '' : 's'} not in the file ${kept === 1 ? 'is' : 'are'} kept.` : '.'
  }`;
  const all = groups(plan);
  const full = all.flatMap((g) => [g.header, ...g.lines]);
  if (full.length + 2 <= maxLines) return { text: [headline, '', ...full].join('\n'), complete: true };

  // Too long for a dialog: a line per target, as many as fit.
  const room = maxLines - 2;
  const lines = all.map((g) => `${g.header}: ${countWords(g.counts)}`);
  if (lines.length > room) {
    const shown = lines.slice(0, room - 1);
    shown.push(`… and ${lines.length - shown.length} more targets`);
    return { text: [headline, '', ...shown].join('\n'), complete: false };
  }
  return { text: [headline, '', ...lines].join('\n'), complete: false };
}
