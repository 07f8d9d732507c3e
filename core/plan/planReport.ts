import type { TargetKey } from './liveState';
import { countChanges, countsText, formatValue, leafValues, targetKeyLabel } from './plan';
import type { Change, FieldDiff, Plan } from './planTypes';

// The plan for machines and for pull requests: `plan --format json` (one entry per change,
// the schema is schemas/plan-report.schema.json, documented in docs/plan-format.md) and
// `plan --format markdown` (a summary for a pull-request comment). Both are built from the
// same plans the text output shows.

/** The version of the JSON report's shape: raised when a member changes meaning or goes. */
export const PLAN_REPORT_VERSION = 1;

/** One member that a change sets: `before` absent when it is not set live, `after` absent when the file unsets it. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** What kind of AWS object a change is about. */
export type ObjectKind = 'scalableTarget' | 'scalingPolicy' | 'alarm' | 'scheduledAction';

export interface ReportChange {
  action: 'create' | 'update' | 'delete';
  kind: ObjectKind;
  target: TargetKey;
  /** The object's name: the ResourceId for a target, else the policy, alarm or action name. */
  object: string;
  /** For an alarm: the step policy it triggers. */
  policy?: string;
  summary: string;
  note?: string;
  fields: FieldChange[];
}

export interface ReportFile {
  file: string;
  region?: string;
  /** Why the file could not be planned (errors in it, failed live checks, AWS errors); no changes then. */
  error?: string;
  changes: ReportChange[];
  /** Live objects the file does not list, kept (prune deletes them). */
  unmanaged: { target: TargetKey; kind: 'policy' | 'scheduledAction' | 'alarm'; name: string }[];
}

export interface PlanReport {
  formatVersion: number;
  summary: { files: number; failed: number; create: number; update: number; delete: number; unmanaged: number };
  files: ReportFile[];
}

/** One file's outcome: its plan, or why there is none. */
export type FileOutcome = { file: string; region?: string } & ({ plan: Plan } | { error: string });

function diffFields(diff: readonly FieldDiff[]): FieldChange[] {
  return diff.map((d) => ({
    path: d.path,
    ...(d.live !== undefined ? { before: d.live } : {}),
    ...(d.desired !== undefined ? { after: d.desired } : {}),
  }));
}

/** One change as a report entry. */
export function reportChange(change: Change): ReportChange {
  const note = 'note' in change && change.note ? { note: change.note } : {};
  const entry = (
    action: ReportChange['action'],
    kind: ObjectKind,
    object: string,
    fields: FieldChange[],
    policy?: string,
  ): ReportChange => ({
    action,
    kind,
    object,
    ...(policy !== undefined ? { policy } : {}),
    target: { ...change.target },
    summary: change.summary,
    ...note,
    fields,
  });
  /** A put: every leaf of the object when it is created (but its name), else the members that differ. */
  const put = (
    { create, diff }: { create: boolean; diff: readonly FieldDiff[] },
    kind: ObjectKind,
    object: string,
    value: unknown,
    name?: string,
    policy?: string,
  ) => {
    const fields: FieldChange[] = create
      ? leafValues(value, name).map((leaf) => ({ path: leaf.path, after: leaf.value }))
      : diffFields(diff);
    return entry(create ? 'create' : 'update', kind, object, fields, policy);
  };
  switch (change.kind) {
    case 'registerTarget':
      return put(change, 'scalableTarget', change.target.ResourceId, change.settings);
    case 'putPolicy':
      return put(change, 'scalingPolicy', change.policy.PolicyName, change.policy, 'PolicyName');
    case 'putAlarm':
      return put(change, 'alarm', change.alarm.AlarmName, change.alarm, 'AlarmName', change.policyName);
    case 'putScheduledAction':
      return put(change, 'scheduledAction', change.action.ScheduledActionName, change.action, 'ScheduledActionName');
    case 'deletePolicy':
      return entry('delete', 'scalingPolicy', change.policyName, []);
    case 'deleteAlarm':
      return entry('delete', 'alarm', change.alarmName, [], change.policyName);
    case 'deleteScheduledAction':
      return entry('delete', 'scheduledAction', change.actionName, []);
  }
}

/** Plans of several files as one report. */
export function planReport(outcomes: readonly FileOutcome[]): PlanReport {
  const summary = { files: outcomes.length, failed: 0, create: 0, update: 0, delete: 0, unmanaged: 0 };
  const files = outcomes.map((o): ReportFile => {
    const region = o.region !== undefined ? { region: o.region } : {};
    if ('error' in o) {
      summary.failed++;
      return { file: o.file, ...region, error: o.error, changes: [], unmanaged: [] };
    }
    const counts = countChanges(o.plan);
    summary.create += counts.create;
    summary.update += counts.update;
    summary.delete += counts.delete;
    summary.unmanaged += o.plan.unmanaged.length;
    return {
      file: o.file,
      ...region,
      changes: o.plan.changes.map(reportChange),
      unmanaged: o.plan.unmanaged.map((u) => ({ target: { ...u.target }, kind: u.kind, name: u.name })),
    };
  });
  return { formatVersion: PLAN_REPORT_VERSION, summary, files };
}

// ---------------------------------------------------------------------------------------
// Markdown, for a pull-request comment.

/** Text in a Markdown table cell or list item: pipes and the characters Markdown reads are escaped. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** Text inside HTML (the <summary> of a collapsed section). */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value in code: backticks that the value holds get a longer fence (CommonMark's code spans). */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const SIGN = { create: '+', update: '~', delete: '-' } as const;
const KIND_WORDS: Record<ObjectKind, string> = {
  scalableTarget: 'target',
  scalingPolicy: 'policy',
  alarm: 'alarm',
  scheduledAction: 'scheduled action',
};

/** The report as Markdown: a headline, a table by file, and each file's changes by target in a collapsed section. */
export function renderPlanMarkdown(report: PlanReport): string {
  const s = report.summary;
  const changes = s.create + s.update + s.delete;
  const lines: string[] = [];
  const headline =
    s.failed > 0
      ? `${s.failed} of ${s.files} file${s.files === 1 ? '' : 's'} could not be planned`
      : changes === 0
        ? 'No changes: AWS matches the files'
        : `Plan: ${countsText(s)}`;
  lines.push(`### sagemaker-scaling plan: ${headline}`, '');
  lines.push('| file | region | create | update | delete | kept, not in the file |', '|---|---|--:|--:|--:|--:|');
  for (const f of report.files) {
    const c = { create: 0, update: 0, delete: 0 };
    for (const change of f.changes) c[change.action]++;
    const region = f.region ? code(f.region) : '';
    if (f.error) lines.push(`| ${code(f.file)} | ${region} | ✗ | ✗ | ✗ | ${md(f.error.split('\n')[0]!)} |`);
    else
      lines.push(`| ${code(f.file)} | ${region} | ${c.create} | ${c.update} | ${c.delete} | ${f.unmanaged.length} |`);
  }
  for (const f of report.files) {
    if (f.changes.length === 0 && f.unmanaged.length === 0) continue;
    lines.push(
      '',
      `<details><summary>${html(f.file)}: ${f.changes.length} change${f.changes.length === 1 ? '' : 's'}</summary>`,
      '',
    );
    const groups = new Map<string, string[]>();
    const group = (target: TargetKey) => {
      const label = targetKeyLabel(target);
      let entry = groups.get(label);
      if (!entry) groups.set(label, (entry = []));
      return entry;
    };
    for (const change of f.changes) {
      const entry = group(change.target);
      const of = change.policy !== undefined ? ` of policy ${code(change.policy)}` : '';
      const note = change.note ? ` (${md(change.note)})` : '';
      entry.push(
        `- \`${SIGN[change.action]}\` ${change.action} ${KIND_WORDS[change.kind]} ${code(change.object)}${of}${note}`,
      );
      for (const field of change.fields) {
        const value =
          change.action === 'create'
            ? code(formatValue(field.after))
            : `${code(formatValue(field.before))} → ${code(formatValue(field.after))}`;
        entry.push(`  - ${code(field.path)}: ${value}`);
      }
    }
    for (const u of f.unmanaged)
      group(u.target).push(
        `- \`?\` ${KIND_WORDS[u.kind === 'policy' ? 'scalingPolicy' : u.kind]} ${code(u.name)} is live but not in the file: kept`,
      );
    for (const [label, entries] of groups) lines.push(`**${md(label)}**`, '', ...entries, '');
    lines.push('</details>');
  }
  return `${lines.join('\n')}\n`;
}
