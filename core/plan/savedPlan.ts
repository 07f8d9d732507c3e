import { policyAlarms } from './alarmActions';
import { isRecord } from './canonical';
import { keyText, type AlarmSpec, type LiveState, type LiveTarget, type TargetKey } from './liveState';
import type { Change, Plan } from './planTypes';

// A saved plan (`plan --out plan.json`, `apply --plan plan.json`): the changes a reviewer
// saw, with the live state of every target they touch as it was read. Apply re-reads those
// targets and refuses, writing nothing, when any of them is no longer what the plan was
// computed from. docs/plan-format.md describes the file. Pure: the caller hashes (core has
// no crypto) with the function it passes in.

/** The saved-plan format's version; a plan of another version is refused (plan again). */
export const SAVED_PLAN_VERSION = 1;

/** The marker that says what the file is. */
export const SAVED_PLAN_KIND = 'sagemaker-scaling saved plan' as const;

/** One target the plan touches, as it was live: `state` null when it did not exist. */
export interface TargetSnapshot {
  target: TargetKey;
  state: { target: LiveTarget; alarms: AlarmSpec[] } | null;
  /** The hash of the state's stable text. */
  fingerprint: string;
}

export interface SavedPlanFile {
  /** The path as planned, relative to the working folder or absolute. */
  file: string;
  /** The hash of the file's text when it was planned. */
  sha256: string;
  region: string;
  account: string;
  prune: boolean;
  changes: Change[];
  unmanaged: Plan['unmanaged'];
  /** Every target a change touches, as live then. */
  touched: TargetSnapshot[];
}

export interface SavedPlan {
  kind: typeof SAVED_PLAN_KIND;
  formatVersion: number;
  createdAt: string;
  toolVersion: string;
  files: SavedPlanFile[];
  /** The hash of the stable text of everything above: a plan edited by hand no longer matches it. */
  checksum: string;
}

export type Hash = (text: string) => string;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v === undefined ? null : v)).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The live state of one target as the fingerprint covers it: the target, its policies and actions, and its policies' alarms. */
export function targetSnapshotState(live: LiveState, key: TargetKey): TargetSnapshot['state'] {
  const target = live.targets.find((t) => keyText(t) === keyText(key));
  if (!target) return null;
  const names = new Set<string>();
  for (const facts of Object.values(target.policyFacts)) for (const n of facts.AlarmNames) names.add(n);
  for (const policy of target.ScalingPolicies) for (const alarm of policyAlarms(policy)) names.add(alarm.AlarmName);
  const alarms = (live.alarms ?? [])
    .filter((a) => names.has(a.AlarmName))
    .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
  return { target, alarms };
}

/** The targets a plan's changes touch, in plan order. */
export function touchedTargets(plan: Pick<Plan, 'changes'>): TargetKey[] {
  const seen = new Map<string, TargetKey>();
  for (const change of plan.changes)
    if (!seen.has(keyText(change.target))) seen.set(keyText(change.target), change.target);
  return [...seen.values()].map((t) => ({
    ServiceNamespace: t.ServiceNamespace,
    ResourceId: t.ResourceId,
    ScalableDimension: t.ScalableDimension,
  }));
}

/** Snapshots of the touched targets. */
export function snapshotTargets(plan: Pick<Plan, 'changes'>, live: LiveState, hash: Hash): TargetSnapshot[] {
  return touchedTargets(plan).map((target) => {
    const state = targetSnapshotState(live, target);
    return { target, state, fingerprint: hash(stableStringify(state)) };
  });
}

/** A saved plan with its checksum. */
export function sealSavedPlan(plan: Omit<SavedPlan, 'checksum' | 'kind' | 'formatVersion'>, hash: Hash): SavedPlan {
  const body = { kind: SAVED_PLAN_KIND, formatVersion: SAVED_PLAN_VERSION, ...plan };
  return { ...body, checksum: hash(stableStringify(body)) };
}

/** Thrown for a file that is not a saved plan this version can apply; the message says why and what to do. */
export class SavedPlanError extends Error {
  override readonly name = 'SavedPlanError';
}

const CHANGE_KINDS = new Set([
  'registerTarget',
  'putPolicy',
  'deletePolicy',
  'putAlarm',
  'deleteAlarm',
  'putScheduledAction',
  'deleteScheduledAction',
]);

function isKey(value: unknown): value is TargetKey {
  return (
    isRecord(value) &&
    typeof value.ServiceNamespace === 'string' &&
    typeof value.ResourceId === 'string' &&
    typeof value.ScalableDimension === 'string'
  );
}

/**
 * Reads a saved plan's text: refuses (SavedPlanError) what is not JSON (a truncated file),
 * not a saved plan, of another format version, or edited after it was written.
 */
export function parseSavedPlan(text: string, hash: Hash, where: string): SavedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SavedPlanError(
      `${where} does not read as JSON (${(error as Error).message}): a truncated or damaged file. Run plan --out again.`,
    );
  }
  if (!isRecord(value) || value.kind !== SAVED_PLAN_KIND)
    throw new SavedPlanError(`${where} is not a saved plan (write one with sagemaker-scaling plan --out ${where}).`);
  if (value.formatVersion !== SAVED_PLAN_VERSION)
    throw new SavedPlanError(
      `${where} is a saved plan of format ${JSON.stringify(value.formatVersion)}${typeof value.toolVersion === 'string' ? ` (sagemaker-scaling ${value.toolVersion})` : ''}; this version applies format ${SAVED_PLAN_VERSION} only. Run plan --out again with this version.`,
    );
  const { checksum, ...body } = value;
  if (typeof checksum !== 'string' || hash(stableStringify(body)) !== checksum)
    throw new SavedPlanError(
      `${where} was changed after plan wrote it (its checksum does not match): a saved plan is applied as reviewed or not at all. Run plan --out again.`,
    );
  const files = value.files;
  if (!Array.isArray(files) || files.length === 0) throw new SavedPlanError(`${where} names no file.`);
  files.forEach((f: unknown, i) => {
    const at = `${where}: files[${i}]`;
    if (
      !isRecord(f) ||
      typeof f.file !== 'string' ||
      typeof f.sha256 !== 'string' ||
      typeof f.region !== 'string' ||
      typeof f.account !== 'string' ||
      !Array.isArray(f.changes) ||
      !Array.isArray(f.touched)
    )
      throw new SavedPlanError(`${at} is not a planned file.`);
    f.changes.forEach((c: unknown, j) => {
      if (!isRecord(c) || !CHANGE_KINDS.has(c.kind as string) || !isKey(c.target))
        throw new SavedPlanError(`${at}.changes[${j}] is not a change this version knows.`);
    });
    f.touched.forEach((t: unknown, j) => {
      if (!isRecord(t) || !isKey(t.target) || typeof t.fingerprint !== 'string')
        throw new SavedPlanError(`${at}.touched[${j}] is not a target snapshot.`);
    });
  });
  return value as unknown as SavedPlan;
}

/** The paths where two values differ, for naming what changed: `ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue`. */
export function differingPaths(before: unknown, after: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (isRecord(before) && isRecord(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      differingPaths(before[key], after[key], path ? `${path}.${key}` : key, out);
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => differingPaths(b, after[i], `${path}[${i}]`, out));
  } else if (stableStringify(before) !== stableStringify(after)) {
    out.push(path || '(the whole target)');
  }
  return out;
}

/** A target whose live state is no longer what the plan was computed from. */
export interface Drift {
  target: TargetKey;
  /** For people: "was created since", "MaxCapacity, ScalingPolicies[0]…". */
  what: string;
}

/** Names a policy or action by its name rather than its index, where the path goes through one. */
function readablePath(path: string, state: TargetSnapshot['state']): string {
  return path.replace(/^target\.(ScalingPolicies|ScheduledActions)\[(\d+)\]/, (whole, list: string, i: string) => {
    const items = (state?.target as unknown as Record<string, { PolicyName?: string; ScheduledActionName?: string }[]>)[
      list
    ];
    const item = items?.[Number(i)];
    const name = item?.PolicyName ?? item?.ScheduledActionName;
    return name ? `${list === 'ScalingPolicies' ? 'policy' : 'scheduled action'} "${name}"` : whole;
  });
}

/** Compares the saved snapshots with live state read now: the targets that changed, and how. */
export function driftSince(saved: readonly TargetSnapshot[], live: LiveState, hash: Hash): Drift[] {
  const drifts: Drift[] = [];
  for (const snapshot of saved) {
    const now = targetSnapshotState(live, snapshot.target);
    if (hash(stableStringify(now)) === snapshot.fingerprint) continue;
    let what: string;
    if (snapshot.state === null) what = 'it was registered since the plan';
    else if (now === null) what = 'it was deregistered since the plan';
    else {
      const paths = differingPaths(snapshot.state, now).map((p) =>
        readablePath(p, p.startsWith('target.') ? snapshot.state : null).replace(/^target\./, ''),
      );
      what = paths.length > 0 ? `changed: ${[...new Set(paths)].join(', ')}` : 'changed';
    }
    drifts.push({ target: snapshot.target, what });
  }
  return drifts;
}
