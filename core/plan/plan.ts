import { alarmForPolicy, alarmToPut, DEFAULT_TRIGGER, policyAlarms } from './alarmActions';
import { isRecord } from './canonical';
import { canonicalInstant, diffSpecs, normalizeSpec } from './compare';
import {
  keyText,
  type AlarmSpec,
  type DesiredState,
  type LivePolicyFacts,
  type LiveState,
  type LiveTarget,
  type PolicySpec,
  type ScheduledActionSpec,
  type TargetKey,
  type TargetSettings,
  type TargetState,
} from './liveState';
import type { Change, FieldDiff, Plan, PlanOptions } from './planTypes';

// The plan: desired state (a file) against live state (AWS), as the list of changes apply
// sends, in the order it sends them. docs/format.md, "What apply does with it": the file is the desired
// state of the targets it lists; live policies and actions it does not list are shown and
// deleted only with prune; targets it does not list are untouched.

/** The note of both halves of a rename. */
export const RENAME_NOTE = 'policies cannot be renamed: delete + create';

const TARGET_TRACKING = 'TargetTrackingScaling';
const STEP_SCALING = 'StepScaling';

/** A target for people: `endpoint/e/variant/v (sagemaker:variant:DesiredInstanceCount)`. */
export function targetKeyLabel(key: TargetKey): string {
  return `${key.ResourceId} (${key.ScalableDimension})`;
}

function keyOf(target: TargetKey): TargetKey {
  return {
    ServiceNamespace: target.ServiceNamespace,
    ResourceId: target.ResourceId,
    ScalableDimension: target.ScalableDimension,
  };
}

/**
 * Alarms that target tracking creates carry this prefix. They belong to AWS: the plan never
 * puts or deletes them, whatever the live facts say.
 */
function awsManagedAlarm(name: string): boolean {
  return name.startsWith('TargetTracking-');
}

/** The alarms a live policy's deletion takes with it: a step policy's, never target tracking's. */
function alarmsOf(policy: PolicySpec, facts: LivePolicyFacts | undefined): string[] {
  if (policy.PolicyType === TARGET_TRACKING) return [];
  const names = new Set(facts?.AlarmNames ?? []);
  for (const alarm of policyAlarms(policy)) names.add(alarm.AlarmName);
  return [...names].filter((name) => !awsManagedAlarm(name));
}

/**
 * A live alarm: as DescribeAlarms has it when aws/ read it, the step policies it triggers,
 * and how each of them holds it (as fetch writes it under the policy).
 */
export interface LiveAlarm {
  alarm?: AlarmSpec;
  owners: Set<string>;
  held: Map<string, AlarmSpec>;
}

const ownerKey = (target: TargetKey, policyName: string): string => `${keyText(target)}\u0000${policyName}`;

/**
 * Every live alarm the live state knows, by name: the ones aws/ read (`live.alarms`, as
 * DescribeAlarms has them), and those the live step policies hold, with the policies each
 * one triggers. An alarm only a policy holds is also read back to DescribeAlarms' form with
 * that policy's ARN.
 */
export function liveAlarmIndex(live: LiveState): Map<string, LiveAlarm> {
  const index = new Map<string, LiveAlarm>();
  const entry = (name: string): LiveAlarm => {
    let found = index.get(name);
    if (!found) {
      found = { owners: new Set<string>(), held: new Map<string, AlarmSpec>() };
      index.set(name, found);
    }
    return found;
  };
  for (const alarm of live.alarms ?? []) entry(alarm.AlarmName).alarm = alarm;
  for (const target of live.targets) {
    for (const policy of target.ScalingPolicies) {
      if (policy.PolicyType === TARGET_TRACKING) continue;
      const facts = target.policyFacts[policy.PolicyName];
      const owner = ownerKey(target, policy.PolicyName);
      for (const name of alarmsOf(policy, facts)) entry(name).owners.add(owner);
      for (const alarm of policyAlarms(policy)) {
        const found = entry(alarm.AlarmName);
        found.held.set(owner, alarm);
        if (!found.alarm && facts?.PolicyARN) found.alarm = alarmToPut(alarm, facts.PolicyARN);
      }
    }
  }
  return index;
}

/**
 * A live alarm as the file would hold it under a policy, for comparing: as that live
 * policy holds it (a policy holds only alarms that trigger it, so without TriggerPolicyOn
 * on ALARM, as in the file), else read from DescribeAlarms' form relative to the ARN given
 * (the policy's, or the one it replaces); undefined when its configuration was not read.
 */
export function liveAlarmUnder(
  live: LiveAlarm,
  target: TargetKey,
  policyName: string,
  policyArn: string | undefined,
): AlarmSpec | undefined {
  const held = live.held.get(ownerKey(target, policyName));
  if (held) return held.TriggerPolicyOn === undefined ? { ...held, TriggerPolicyOn: DEFAULT_TRIGGER } : held;
  return live.alarm && alarmForPolicy(live.alarm, policyArn);
}

/** Changes by phase; concatenated in this order they are the order apply sends them in. */
interface Phases {
  registerTarget: Change[];
  putPolicy: Change[];
  putAlarm: Change[];
  putScheduledAction: Change[];
  deleteScheduledAction: Change[];
  deleteAlarm: Change[];
  deletePolicy: Change[];
}

class Planner {
  readonly phases: Phases = {
    registerTarget: [],
    putPolicy: [],
    putAlarm: [],
    putScheduledAction: [],
    deleteScheduledAction: [],
    deleteAlarm: [],
    deletePolicy: [],
  };
  readonly unmanaged: Plan['unmanaged'] = [];
  private readonly liveTargets = new Map<string, LiveTarget>();
  private readonly liveAlarms: Map<string, LiveAlarm>;
  /** Alarm names the file describes anywhere: never deleted, whatever policy they left. */
  private readonly claimedAlarms = new Set<string>();
  private readonly retiredAlarms = new Set<string>();

  constructor(
    desired: DesiredState,
    live: LiveState,
    private readonly options: PlanOptions,
  ) {
    this.liveAlarms = liveAlarmIndex(live);
    for (const target of live.targets) this.liveTargets.set(keyText(target), target);
    for (const target of desired.targets) {
      for (const policy of target.ScalingPolicies)
        for (const alarm of policyAlarms(policy)) this.claimedAlarms.add(alarm.AlarmName);
    }
  }

  plan(desired: DesiredState): Plan {
    const seen = new Set<string>();
    for (const target of desired.targets) {
      if (seen.has(keyText(target))) continue;
      seen.add(keyText(target));
      this.planTarget(target, this.liveTargets.get(keyText(target)));
    }
    const p = this.phases;
    return {
      changes: [
        ...p.registerTarget,
        ...p.putPolicy,
        ...p.putAlarm,
        ...p.putScheduledAction,
        ...p.deleteScheduledAction,
        ...p.deleteAlarm,
        ...p.deletePolicy,
      ],
      unmanaged: this.unmanaged,
    };
  }

  private planTarget(desired: TargetState, live: LiveTarget | undefined): void {
    const target = keyOf(desired);
    const label = targetKeyLabel(target);
    if (!live) {
      this.phases.registerTarget.push({
        kind: 'registerTarget',
        target,
        create: true,
        settings: createSettings(desired),
        diff: [],
        summary: `register target ${label}`,
      });
    } else {
      const diff = diffSpecs('target', desired, live);
      if (diff.length > 0) {
        this.phases.registerTarget.push({
          kind: 'registerTarget',
          target,
          create: false,
          settings: updateSettings(desired, live),
          diff,
          summary: `update target ${label} (${diff.map((d) => d.path).join(', ')})`,
        });
      }
    }
    this.planPolicies(target, desired, live);
    this.planScheduledActions(target, desired, live);
  }

  private planPolicies(target: TargetKey, desired: TargetState, live: LiveTarget | undefined): void {
    const label = targetKeyLabel(target);
    const livePolicies = new Map((live?.ScalingPolicies ?? []).map((p) => [p.PolicyName, p]));
    const facts = (name: string): LivePolicyFacts | undefined => live?.policyFacts[name];
    const desiredNames = new Set(desired.ScalingPolicies.map((p) => p.PolicyName));
    const orphans = [...livePolicies.values()].filter((p) => !desiredNames.has(p.PolicyName));

    // A rename: a live policy the file no longer names and a new one with the same
    // configuration. AWS cannot rename, so the old one goes whether or not prune is on.
    const renamedFrom = new Map<string, PolicySpec>();
    const renamedTo = new Map<string, string>();
    for (const policy of desired.ScalingPolicies) {
      if (livePolicies.has(policy.PolicyName)) continue;
      const old = orphans.find((o) => !renamedTo.has(o.PolicyName) && sameConfiguration(policy, o));
      if (!old) continue;
      renamedFrom.set(policy.PolicyName, old);
      renamedTo.set(old.PolicyName, policy.PolicyName);
    }

    for (const policy of desired.ScalingPolicies) {
      const { CloudWatchAlarm: _alarm, CloudWatchAlarms: _alarms, ...put } = policy;
      const alarms = policy.PolicyType === STEP_SCALING ? policyAlarms(policy) : [];
      const names = new Set(alarms.map((a) => a.AlarmName));
      const old = livePolicies.get(policy.PolicyName);
      let created = false;
      if (!old) {
        const from = renamedFrom.get(policy.PolicyName);
        const note = from ? `${RENAME_NOTE} (renamed from "${from.PolicyName}")` : undefined;
        this.phases.putPolicy.push({
          kind: 'putPolicy',
          target,
          create: true,
          policy: put,
          diff: [],
          ...(note ? { note } : {}),
          summary: `create policy "${policy.PolicyName}" on ${label}${from ? ` (renamed from "${from.PolicyName}")` : ''}`,
        });
        created = true;
      } else if (old.PolicyType !== policy.PolicyType) {
        // PutScalingPolicy cannot turn one kind of policy into another: the old one is
        // deleted first (same name, so before the put), then the new one created.
        const note = `the policy type changes (${old.PolicyType} → ${policy.PolicyType}): delete + create`;
        this.phases.putPolicy.push(
          {
            kind: 'deletePolicy',
            target,
            policyName: old.PolicyName,
            note,
            summary: `delete policy "${old.PolicyName}" on ${label} (type changes)`,
          },
          {
            kind: 'putPolicy',
            target,
            create: true,
            policy: put,
            diff: [{ path: 'PolicyType', live: old.PolicyType, desired: policy.PolicyType }],
            note,
            summary: `create policy "${policy.PolicyName}" on ${label} (type changes)`,
          },
        );
        created = true;
        for (const name of alarmsOf(old, facts(old.PolicyName)))
          if (!names.has(name)) this.retireAlarm(target, old.PolicyName, name);
      } else {
        const diff = diffSpecs('policy', policy, old);
        if (diff.length > 0) {
          this.phases.putPolicy.push({
            kind: 'putPolicy',
            target,
            create: false,
            policy: put,
            diff,
            summary: `update policy "${policy.PolicyName}" on ${label} (${diff.map((d) => d.path).join(', ')})`,
          });
        }
        // The file names the policy's alarms: any other alarm AWS has triggering the policy
        // is not in the file (a file without alarms leaves them all to whoever manages them).
        if (alarms.length > 0)
          for (const name of alarmsOf(old, facts(old.PolicyName)))
            if (!names.has(name)) this.retireAlarm(target, old.PolicyName, name);
      }
      // A live alarm compares as the file would hold it under this policy: relative to the
      // policy's live ARN, or for a policy created anew to the ARN of the one it replaces.
      const from = renamedFrom.get(policy.PolicyName);
      const arn = facts(policy.PolicyName)?.PolicyARN ?? (from && facts(from.PolicyName)?.PolicyARN);
      for (const alarm of alarms) this.planAlarm(target, policy.PolicyName, alarm, arn || undefined, created);
    }

    for (const old of orphans) {
      const to = renamedTo.get(old.PolicyName);
      if (to !== undefined) {
        this.phases.deletePolicy.push({
          kind: 'deletePolicy',
          target,
          policyName: old.PolicyName,
          note: `${RENAME_NOTE} (renamed to "${to}")`,
          summary: `delete policy "${old.PolicyName}" on ${label} (renamed to "${to}")`,
        });
        for (const name of alarmsOf(old, facts(old.PolicyName))) this.retireAlarm(target, old.PolicyName, name);
      } else if (this.options.prune) {
        this.phases.deletePolicy.push({
          kind: 'deletePolicy',
          target,
          policyName: old.PolicyName,
          note: 'not in the file (prune)',
          summary: `delete policy "${old.PolicyName}" on ${label} (prune)`,
        });
        for (const name of alarmsOf(old, facts(old.PolicyName))) this.retireAlarm(target, old.PolicyName, name);
      } else {
        this.unmanaged.push({ target, kind: 'policy', name: old.PolicyName });
      }
    }
  }

  private planAlarm(
    target: TargetKey,
    policyName: string,
    alarm: AlarmSpec,
    policyArn: string | undefined,
    policyCreated: boolean,
  ): void {
    const label = targetKeyLabel(target);
    const live = this.liveAlarms.get(alarm.AlarmName);
    const what = `alarm "${alarm.AlarmName}" for policy "${policyName}" on ${label}`;
    if (!live) {
      this.phases.putAlarm.push({
        kind: 'putAlarm',
        target,
        create: true,
        policyName,
        alarm,
        diff: [],
        summary: `create ${what}`,
      });
      return;
    }
    // Compared as the file holds it: the other ARNs of each list, and the states whose
    // list names the policy's live ARN (no TriggerPolicyOn: the alarm does not trigger it).
    const liveAlarm = liveAlarmUnder(live, target, policyName, policyArn);
    const diff = liveAlarm ? diffSpecs('alarm', alarm, liveAlarm) : [];
    let note: string | undefined;
    if (policyCreated) note = 'its policy is created anew, so the alarm must name the new ARN';
    else if (!live.owners.has(ownerKey(target, policyName))) note = 'the alarm triggers another policy now';
    else if (!liveAlarm) note = 'its configuration was not read, so it cannot be compared';
    // An update keeps the policy's ARN on AWS, so the alarm is not put again for it; where a
    // put does change the ARN (moto), aws/apply.ts re-points the alarms that named the old one.
    if (diff.length === 0 && note === undefined) return;
    this.phases.putAlarm.push({
      kind: 'putAlarm',
      target,
      create: false,
      policyName,
      alarm,
      diff,
      ...(note ? { note } : {}),
      summary: `update ${what}${diff.length > 0 ? ` (${diff.map((d) => d.path).join(', ')})` : ` (${note})`}`,
    });
  }

  /** An alarm that no longer triggers a policy of the file: deleted with prune, else shown. */
  private retireAlarm(target: TargetKey, policyName: string, alarmName: string): void {
    if (this.claimedAlarms.has(alarmName) || awsManagedAlarm(alarmName) || this.retiredAlarms.has(alarmName)) return;
    this.retiredAlarms.add(alarmName);
    if (this.options.prune) {
      this.phases.deleteAlarm.push({
        kind: 'deleteAlarm',
        target,
        policyName,
        alarmName,
        summary: `delete alarm "${alarmName}" of policy "${policyName}" on ${targetKeyLabel(target)} (prune)`,
      });
    } else {
      this.unmanaged.push({ target, kind: 'alarm', name: alarmName });
    }
  }

  private planScheduledActions(target: TargetKey, desired: TargetState, live: LiveTarget | undefined): void {
    const label = targetKeyLabel(target);
    const liveActions = new Map((live?.ScheduledActions ?? []).map((a) => [a.ScheduledActionName, a]));
    for (const action of desired.ScheduledActions) {
      const old = liveActions.get(action.ScheduledActionName);
      if (!old) {
        this.phases.putScheduledAction.push({
          kind: 'putScheduledAction',
          target,
          create: true,
          action: actionToPut(action, undefined),
          diff: [],
          summary: `create scheduled action "${action.ScheduledActionName}" on ${label}`,
        });
        continue;
      }
      const diff = diffSpecs('scheduledAction', action, old);
      if (diff.length === 0) continue;
      this.phases.putScheduledAction.push({
        kind: 'putScheduledAction',
        target,
        create: false,
        action: actionToPut(action, old),
        diff,
        summary: `update scheduled action "${action.ScheduledActionName}" on ${label} (${diff.map((d) => d.path).join(', ')})`,
      });
    }
    const names = new Set(desired.ScheduledActions.map((a) => a.ScheduledActionName));
    for (const old of live?.ScheduledActions ?? []) {
      if (names.has(old.ScheduledActionName)) continue;
      if (this.options.prune) {
        this.phases.deleteScheduledAction.push({
          kind: 'deleteScheduledAction',
          target,
          actionName: old.ScheduledActionName,
          summary: `delete scheduled action "${old.ScheduledActionName}" on ${label} (prune)`,
        });
      } else {
        this.unmanaged.push({ target, kind: 'scheduledAction', name: old.ScheduledActionName });
      }
    }
  }
}

/** Whether two policies differ in nothing but their names (and alarms): a rename. */
function sameConfiguration(a: PolicySpec, b: PolicySpec): boolean {
  return (
    a.PolicyType === b.PolicyType && diffSpecs('policy', a, b).length === 0 && diffSpecs('policy', b, a).length === 0
  );
}

/** What RegisterScalableTarget takes to create the target: all the file states. */
function createSettings(desired: TargetState): TargetSettings {
  const settings = updateSettings(desired, undefined);
  if (desired.Tags && Object.keys(desired.Tags).length > 0) settings.Tags = { ...desired.Tags };
  return settings;
}

/**
 * What RegisterScalableTarget takes to update the target: what the file states (a member
 * it leaves out stays as it is). A SuspendedState the file states in part is completed
 * from live state, so that the members it leaves out stay as they are whatever AWS makes
 * of a partial structure.
 */
function updateSettings(desired: TargetState, live: LiveTarget | undefined): TargetSettings {
  const settings: TargetSettings = {};
  if (desired.MinCapacity !== undefined) settings.MinCapacity = desired.MinCapacity;
  if (desired.MaxCapacity !== undefined) settings.MaxCapacity = desired.MaxCapacity;
  if (desired.RoleARN !== undefined) settings.RoleARN = desired.RoleARN;
  if (desired.SuspendedState) {
    const current = live ? normalizeSpec('target', live, 'live').SuspendedState : undefined;
    settings.SuspendedState = { ...(isRecord(current) ? current : {}), ...desired.SuspendedState };
  }
  return settings;
}

/**
 * What PutScheduledAction takes: the file's action, with StartTime and EndTime always
 * (a put without them deletes them) and as UTC instants with an offset, so no later
 * `new Date(text)` can read a time the file wrote without offset as local time. A file
 * without Timezone means UTC; when AWS has another zone the put names UTC, since a put
 * that leaves Timezone out may keep the old zone.
 */
function actionToPut(action: ScheduledActionSpec, live: ScheduledActionSpec | undefined): ScheduledActionSpec {
  const put: ScheduledActionSpec = { ...action };
  if (put.StartTime !== undefined) put.StartTime = canonicalInstant(put.StartTime);
  if (put.EndTime !== undefined) put.EndTime = canonicalInstant(put.EndTime);
  if (put.ScalableTargetAction) put.ScalableTargetAction = { ...put.ScalableTargetAction };
  if (put.Timezone === undefined && live?.Timezone !== undefined && live.Timezone !== '' && live.Timezone !== 'UTC')
    put.Timezone = 'UTC';
  return put;
}

/** What apply would change to make live state match the file. */
export function planChanges(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  return new Planner(desired, live, options).plan(desired);
}

// ---------------------------------------------------------------------------------------
// The plan for people.

/** Changes counted as terraform counts them. */
export function countChanges(plan: Plan): { create: number; update: number; delete: number } {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const change of plan.changes) {
    if ('create' in change) counts[change.create ? 'create' : 'update']++;
    else counts.delete++;
  }
  return counts;
}

/** `1 to create, 2 to update, 0 to delete`: the counts as every rendering of a plan words them. */
export function countsText(counts: { create: number; update: number; delete: number }): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
}

/** The kinds of live objects a file may leave out, in words. */
export const UNMANAGED_WORDS = { policy: 'policy', scheduledAction: 'scheduled action', alarm: 'alarm' } as const;

function unmanagedLine(item: Plan['unmanaged'][number]): string {
  return `${UNMANAGED_WORDS[item.kind]} "${item.name}" on ${targetKeyLabel(item.target)} is live but not in the file: kept (prune to delete it)`;
}

/** One line per change, then one per live object the file does not list. */
export function summarizePlan(plan: Plan): string[] {
  return [...plan.changes.map((c) => c.summary), ...plan.unmanaged.map(unmanagedLine)];
}

/** A value in a diff line: JSON, with "(not set)" for a member that is absent. */
export function formatValue(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

/**
 * The leaves of an object with their paths (`Alarm.Dimensions[0].Name`), for what a create
 * sends; `skip` is a top-level member the header names. The text plan and the JSON report
 * (core/plan/planReport.ts) both list a create's fields by it.
 */
export function leafValues(value: unknown, skip?: string): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  const walk = (member: unknown, path: string, skipHere?: string): void => {
    if (isRecord(member) && Object.keys(member).length > 0) {
      for (const [key, inner] of Object.entries(member))
        if (key !== skipHere) walk(inner, path ? `${path}.${key}` : key);
    } else if (Array.isArray(member) && member.length > 0 && member.every(isRecord)) {
      member.forEach((element, i) => walk(element, `${path}[${i}]`));
    } else if (member !== undefined) {
      out.push({ path, value: member });
    }
  };
  walk(value, '', skip);
  return out;
}

/** The leaves of an object as `path: value` lines. */
function leafLines(value: unknown, skip?: string): string[] {
  return leafValues(value, skip).map((leaf) => `${leaf.path}: ${formatValue(leaf.value)}`);
}

function diffLines(diff: FieldDiff[]): string[] {
  return diff.map((d) => `${d.path}: ${formatValue(d.live)} → ${formatValue(d.desired)}`);
}

/** The header line and detail lines of one change, under its target. */
function describe(change: Change): { line: string; details: string[] } {
  const note = 'note' in change && change.note ? ` (${change.note})` : '';
  switch (change.kind) {
    case 'registerTarget':
      if (change.create) {
        return { line: '+ register target', details: leafLines(change.settings) };
      }
      return { line: '~ update target', details: diffLines(change.diff) };
    case 'putPolicy': {
      if (change.create) {
        return {
          line: `+ create policy "${change.policy.PolicyName}"${note}`,
          details: leafLines(change.policy, 'PolicyName'),
        };
      }
      return { line: `~ update policy "${change.policy.PolicyName}"${note}`, details: diffLines(change.diff) };
    }
    case 'putAlarm': {
      const what = `alarm "${change.alarm.AlarmName}" for policy "${change.policyName}"`;
      if (change.create) {
        return { line: `+ create ${what}`, details: leafLines(change.alarm, 'AlarmName') };
      }
      return {
        line: `~ ${change.diff.length > 0 ? 'update' : 'put again'} ${what}${note}`,
        details: diffLines(change.diff),
      };
    }
    case 'putScheduledAction': {
      if (change.create) {
        return {
          line: `+ create scheduled action "${change.action.ScheduledActionName}"`,
          details: leafLines(change.action, 'ScheduledActionName'),
        };
      }
      return {
        line: `~ update scheduled action "${change.action.ScheduledActionName}"`,
        details: diffLines(change.diff),
      };
    }
    case 'deletePolicy':
      return { line: `- delete policy "${change.policyName}"${note}`, details: [] };
    case 'deleteAlarm':
      return { line: `- delete alarm "${change.alarmName}" of policy "${change.policyName}" (prune)`, details: [] };
    case 'deleteScheduledAction':
      return { line: `- delete scheduled action "${change.actionName}" (prune)`, details: [] };
  }
}

/** The plan as a readable diff, grouped by target: `+` create, `~` update, `-` delete, `?` kept but not in the file. */
export function renderPlanText(plan: Plan): string {
  const counts = countChanges(plan);
  const lines: string[] = [];
  if (plan.changes.length === 0) {
    lines.push('No changes: AWS matches the file.');
  } else {
    lines.push(`Plan: ${countsText(counts)}.`);
  }
  if (plan.unmanaged.length > 0) {
    lines.push(
      `${plan.unmanaged.length} live ${plan.unmanaged.length === 1 ? 'object is' : 'objects are'} not in the file and kept (prune to delete).`,
    );
  }

  // Targets in the order their first change comes, each with its changes in plan order.
  const groups = new Map<string, { label: string; lines: string[] }>();
  const group = (target: TargetKey) => {
    const key = keyText(target);
    let entry = groups.get(key);
    if (!entry) {
      entry = { label: targetKeyLabel(target), lines: [] };
      groups.set(key, entry);
    }
    return entry;
  };
  for (const change of plan.changes) {
    const { line, details } = describe(change);
    const entry = group(change.target);
    entry.lines.push(`  ${line}`, ...details.map((d) => `      ${d}`));
  }
  for (const item of plan.unmanaged) {
    group(item.target).lines.push(`  ? ${UNMANAGED_WORDS[item.kind]} "${item.name}" is live but not in the file: kept`);
  }
  for (const entry of groups.values()) lines.push('', entry.label, ...entry.lines);
  return `${lines.join('\n')}\n`;
}
