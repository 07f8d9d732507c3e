import { DEFAULT_TRIGGER, policyAlarms } from './alarmActions';
import { canonicalize, isRecord, POLICY_SHAPE, SCHEDULED_ACTION_SHAPE, TARGET_SHAPE } from './canonical';
import { canonicalInstant, comparableSpecs, normalizeSpec } from './compare';
import {
  keyText,
  type DesiredState,
  type LiveState,
  type LiveTarget,
  type PolicySpec,
  type ScheduledActionSpec,
  type TargetKey,
  type TargetState,
} from './liveState';
import { liveAlarmIndex, liveAlarmUnder, type LiveAlarm } from './plan';
import type { Plan } from './planTypes';

// Live state as a *.scaling.json document (fetch), and both sides of a plan as documents
// for VS Code's diff editor. One canonical form for all of them: targets by ResourceId,
// then dimension; policies and scheduled actions by name; members in the schema's order;
// two-space JSON under a `//` header; a trailing newline. The header's text comes from
// the caller (account, region, time): core has no clock.

export interface DocumentOptions {
  /** Written as the document's `Region`. */
  region?: string;
  /** The header comment's text; each of its lines becomes a `//` line. */
  header?: string;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareTargets(a: TargetKey, b: TargetKey): number {
  return (
    compareText(a.ResourceId, b.ResourceId) ||
    compareText(a.ScalableDimension, b.ScalableDimension) ||
    compareText(a.ServiceNamespace, b.ServiceNamespace)
  );
}

const byPolicyName = (a: { PolicyName: string }, b: { PolicyName: string }): number =>
  compareText(a.PolicyName, b.PolicyName);
const byActionName = (a: { ScheduledActionName: string }, b: { ScheduledActionName: string }): number =>
  compareText(a.ScheduledActionName, b.ScheduledActionName);

/** An instant as the file writes it: UTC, milliseconds only when there are some. */
function fileInstant(text: string): string {
  return canonicalInstant(text).replace(/\.000Z$/, 'Z');
}

/**
 * Drops members that say nothing, in place: null, empty strings and empty lists (what
 * describe output has for unset members), and the alarm's `ActionsEnabled: true`, the
 * default every DescribeAlarms answer carries.
 */
function dropEmpty(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(dropEmpty);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, member] of Object.entries(value)) {
    if (member === '' || member === null || (Array.isArray(member) && member.length === 0)) delete value[key];
    else dropEmpty(member);
  }
}

/**
 * Service-linked roles are AWS's to assign: DescribeScalableTargets returns one for every
 * SageMaker target, and a file that names it only earns a "RoleARN is unnecessary" hint.
 */
function serviceLinkedRole(arn: string): boolean {
  return arn.includes(':role/aws-service-role/');
}

function documentPolicy(policy: PolicySpec): Record<string, unknown> {
  const doc = canonicalize(policy, POLICY_SHAPE) as Record<string, unknown>;
  // Target tracking owns its alarms, and predictive scaling has none: the file describes
  // only a step policy's alarms.
  if (policy.PolicyType !== 'StepScaling') {
    delete doc.CloudWatchAlarm;
    delete doc.CloudWatchAlarms;
  }
  dropEmpty(doc);
  // What every alarm says unless told otherwise: actions enabled, the policy triggered on ALARM.
  const alarms = [doc.CloudWatchAlarm, ...(Array.isArray(doc.CloudWatchAlarms) ? doc.CloudWatchAlarms : [])];
  for (const alarm of alarms) {
    if (!isRecord(alarm)) continue;
    if (alarm.ActionsEnabled === true) delete alarm.ActionsEnabled;
    if (alarm.TriggerPolicyOn === DEFAULT_TRIGGER) delete alarm.TriggerPolicyOn;
  }
  return doc;
}

function documentAction(action: ScheduledActionSpec): Record<string, unknown> {
  const doc = canonicalize(action, SCHEDULED_ACTION_SHAPE) as Record<string, unknown>;
  dropEmpty(doc);
  for (const member of ['StartTime', 'EndTime'] as const) {
    if (typeof doc[member] === 'string') doc[member] = fileInstant(doc[member]);
  }
  return doc;
}

function documentTarget(target: TargetState): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    ServiceNamespace: target.ServiceNamespace,
    ResourceId: target.ResourceId,
    ScalableDimension: target.ScalableDimension,
    MinCapacity: target.MinCapacity,
    MaxCapacity: target.MaxCapacity,
  };
  if (target.RoleARN && !serviceLinkedRole(target.RoleARN)) doc.RoleARN = target.RoleARN;
  // Nothing suspended is AWS's default; a suspension is written out in full.
  const suspended = normalizeSpec('target', target, 'live').SuspendedState;
  if (isRecord(suspended) && Object.values(suspended).some((v) => v === true)) doc.SuspendedState = suspended;
  if (target.Tags && Object.keys(target.Tags).length > 0) doc.Tags = target.Tags;
  doc.ScalingPolicies = [...target.ScalingPolicies].sort(byPolicyName).map(documentPolicy);
  doc.ScheduledActions = [...target.ScheduledActions].sort(byActionName).map(documentAction);
  return canonicalize(doc, TARGET_SHAPE) as Record<string, unknown>;
}

const DIFF_HEADER = 'As the plan compares them: AWS on the left, the file on the right.';

/**
 * A member that render() writes as a `//` comment line in place of itself: JSON has no
 * comments, and the diff documents mark what is kept where it stands. No member of the
 * format starts with a control character, so the key cannot clash.
 */
const COMMENT_KEY = '\u0001comment';
const COMMENT_LINE = /^( *)"\\u0001comment": ("(?:[^"\\]|\\.)*"),?$/gm;

function render(targets: Record<string, unknown>[], header: string, region: string | undefined): string {
  const root: Record<string, unknown> = {};
  if (region) root.Region = region;
  root.ScalableTargets = targets;
  const comment = header
    .split(/\r\n|\r|\n/)
    .map((line) => (line ? `// ${line}` : '//'))
    .join('\n');
  const json = JSON.stringify(root, null, 2).replace(
    COMMENT_LINE,
    (_line, indent: string, text: string) => `${indent}// ${JSON.parse(text) as string}`,
  );
  return `${comment}\n${json}\n`;
}

/**
 * Live targets as a *.scaling.json document, for fetch: read-only members dropped, and
 * what AWS fills in by itself (a service-linked RoleARN, an all-false SuspendedState,
 * empty lists) left out, so the file holds what a person would write.
 */
export function liveToDocument(targets: readonly TargetState[], options: DocumentOptions = {}): string {
  const sorted = [...targets].sort(compareTargets);
  return render(
    sorted.map(documentTarget),
    options.header ?? 'Live Application Auto Scaling configuration, fetched by sagemaker-scaling.',
    options.region,
  );
}

// ---------------------------------------------------------------------------------------
// Live vs desired for the diff editor.

/**
 * A policy in the diff documents: compared members, and its alarms when the file has any,
 * each live one as the file would hold it under this policy; a live alarm that triggers the
 * policy and that the file does not list comes last on the live side.
 */
function diffPolicy(
  target: TargetState,
  desired: PolicySpec,
  live: PolicySpec | undefined,
  liveArn: string | undefined,
  liveAlarms: readonly LiveAlarmOf[],
): { desired: Record<string, unknown>; live?: Record<string, unknown> } {
  const pair = comparableSpecs('policy', desired, live ?? desired);
  const result: { desired: Record<string, unknown>; live?: Record<string, unknown> } = { desired: pair.desired };
  if (live) result.live = pair.live;
  const alarms = desired.PolicyType === 'StepScaling' ? policyAlarms(desired) : [];
  if (alarms.length === 0) return result;
  const byName = new Map(liveAlarms.map((a) => [a.name, a]));
  const desiredDocs: Record<string, unknown>[] = [];
  const liveDocs: Record<string, unknown>[] = [];
  const under = (found: LiveAlarm) => liveAlarmUnder(found, target, desired.PolicyName, liveArn);
  for (const alarm of alarms) {
    const found = byName.get(alarm.AlarmName);
    const have = found && under(found.live);
    const compared = comparableSpecs('alarm', alarm, have ?? alarm);
    desiredDocs.push(compared.desired);
    if (have) liveDocs.push(compared.live);
  }
  const named = new Set(alarms.map((a) => a.AlarmName));
  for (const extra of liveAlarms) {
    const have = named.has(extra.name) || !live ? undefined : under(extra.live);
    if (have) liveDocs.push(normalizeSpec('alarm', have, 'live'));
  }
  // One alarm in the file's CloudWatchAlarm, and one live: the same member on both sides.
  const single = desired.CloudWatchAlarm !== undefined && desired.CloudWatchAlarms === undefined;
  result.desired[single ? 'CloudWatchAlarm' : 'CloudWatchAlarms'] = single ? desiredDocs[0] : desiredDocs;
  if (result.live && liveDocs.length > 0) {
    if (single && liveDocs.length === 1) result.live.CloudWatchAlarm = liveDocs[0];
    else result.live.CloudWatchAlarms = liveDocs;
  }
  return result;
}

/** A live alarm that triggers a policy, or that the file names under it. */
interface LiveAlarmOf {
  name: string;
  live: LiveAlarm;
}

/** What the diff shows for a live object the file does not list and apply keeps: it stands on both sides, marked. */
export const KEPT_NOTE = 'kept: live, not in the file, and apply leaves it alone (prune is off)';

/** A live object the file does not list and apply keeps, as both sides show it: marked, then whole. */
function keptObject(spec: Record<string, unknown>): Record<string, unknown> {
  return { [COMMENT_KEY]: KEPT_NOTE, ...spec };
}

/** The names of the policies and scheduled actions the plan keeps, by target. */
type KeptNames = ReadonlyMap<string, { policies: ReadonlySet<string>; actions: ReadonlySet<string> }>;

function keptNames(plan: Pick<Plan, 'unmanaged'> | undefined): KeptNames {
  const kept = new Map<string, { policies: Set<string>; actions: Set<string> }>();
  for (const item of plan?.unmanaged ?? []) {
    const key = keyText(item.target);
    let entry = kept.get(key);
    if (!entry) {
      entry = { policies: new Set(), actions: new Set() };
      kept.set(key, entry);
    }
    if (item.kind === 'policy') entry.policies.add(item.name);
    else if (item.kind === 'scheduledAction') entry.actions.add(item.name);
  }
  return kept;
}

/** Both sides of one target, cut to what the plan compares. */
function diffTarget(
  desired: TargetState,
  live: LiveTarget | undefined,
  liveAlarms: ReadonlyMap<string, LiveAlarm>,
  kept: KeptNames,
): { desired: Record<string, unknown>; live?: Record<string, unknown> } {
  const keptHere = kept.get(keyText(desired));
  const settings = comparableSpecs('target', desired, live ?? desired);
  const desiredDoc: Record<string, unknown> = { ...settings.desired, ScalingPolicies: [], ScheduledActions: [] };
  const liveDoc: Record<string, unknown> = { ...settings.live, ScalingPolicies: [], ScheduledActions: [] };

  const livePolicies = new Map((live?.ScalingPolicies ?? []).map((p) => [p.PolicyName, p]));
  const desiredPolicies = new Map(desired.ScalingPolicies.map((p) => [p.PolicyName, p]));
  const policyNames = [...new Set([...desiredPolicies.keys(), ...livePolicies.keys()])].sort(compareText);
  for (const name of policyNames) {
    const want = desiredPolicies.get(name);
    const have = livePolicies.get(name);
    if (want) {
      // The alarms the file names under the policy, and those that trigger it live.
      const names = new Set(policyAlarms(want).map((a) => a.AlarmName));
      for (const alarm of live?.policyFacts[name]?.AlarmNames ?? []) names.add(alarm);
      const alarms = [...names]
        .map((alarm) => ({ name: alarm, live: liveAlarms.get(alarm) }))
        .filter((a): a is LiveAlarmOf => a.live !== undefined);
      const pair = diffPolicy(desired, want, have, live?.policyFacts[name]?.PolicyARN || undefined, alarms);
      (desiredDoc.ScalingPolicies as unknown[]).push(pair.desired);
      if (pair.live) (liveDoc.ScalingPolicies as unknown[]).push(pair.live);
    } else if (have && keptHere?.policies.has(name)) {
      // Live, not in the file, and kept: the same on both sides, so red means deleted only.
      const shown = keptObject(normalizeSpec('policy', have, 'live'));
      (liveDoc.ScalingPolicies as unknown[]).push(shown);
      (desiredDoc.ScalingPolicies as unknown[]).push(shown);
    } else if (have) {
      // Live but not in the file, and deleted (prune, or a rename): on the live side only.
      (liveDoc.ScalingPolicies as unknown[]).push(normalizeSpec('policy', have, 'live'));
    }
  }

  const liveActions = new Map((live?.ScheduledActions ?? []).map((a) => [a.ScheduledActionName, a]));
  const desiredActions = new Map(desired.ScheduledActions.map((a) => [a.ScheduledActionName, a]));
  const actionNames = [...new Set([...desiredActions.keys(), ...liveActions.keys()])].sort(compareText);
  for (const name of actionNames) {
    const want = desiredActions.get(name);
    const have = liveActions.get(name);
    if (want) {
      const pair = comparableSpecs('scheduledAction', want, have ?? want);
      (desiredDoc.ScheduledActions as unknown[]).push(pair.desired);
      if (have) (liveDoc.ScheduledActions as unknown[]).push(pair.live);
    } else if (have && keptHere?.actions.has(name)) {
      const shown = keptObject(normalizeSpec('scheduledAction', have, 'live'));
      (liveDoc.ScheduledActions as unknown[]).push(shown);
      (desiredDoc.ScheduledActions as unknown[]).push(shown);
    } else if (have) {
      (liveDoc.ScheduledActions as unknown[]).push(normalizeSpec('scheduledAction', have, 'live'));
    }
  }
  return live ? { desired: desiredDoc, live: liveDoc } : { desired: desiredDoc };
}

/**
 * The file and AWS as two documents in one canonical form, for a diff editor: only the
 * file's targets; on the live side only what the plan compares (a member the file leaves
 * out is not shown), defaults filled in on both sides, times as UTC instants, dimensions
 * sorted. They differ exactly where the plan has a change: a live policy or scheduled
 * action the file does not list is on the live side alone when apply deletes it, and on
 * both sides, under a `// kept` comment, when the plan keeps it (its `unmanaged` list).
 */
export function diffDocuments(
  desired: DesiredState,
  live: LiveState,
  plan?: Pick<Plan, 'unmanaged'>,
): { desired: string; live: string } {
  const kept = keptNames(plan);
  const liveTargets = new Map(live.targets.map((t) => [keyText(t), t]));
  const liveAlarms = liveAlarmIndex(live);
  const desiredDocs: Record<string, unknown>[] = [];
  const liveDocs: Record<string, unknown>[] = [];
  for (const target of [...desired.targets].sort(compareTargets)) {
    const pair = diffTarget(target, liveTargets.get(keyText(target)), liveAlarms, kept);
    desiredDocs.push(pair.desired);
    if (pair.live) liveDocs.push(pair.live);
  }
  return {
    // One header for both sides: the diff editor then shows only real differences.
    desired: render(desiredDocs, DIFF_HEADER, desired.Region),
    live: render(liveDocs, DIFF_HEADER, desired.Region),
  };
}

/** The file's desired state alone in the diff editor's canonical form. */
export function documentForDiff(desired: DesiredState): string {
  return diffDocuments(desired, { targets: [] }).desired;
}
