import {
  ALARM_SHAPE,
  canonicalize,
  isRecord,
  POLICY_SHAPE,
  SCHEDULED_ACTION_SHAPE,
  TARGET_SHAPE,
  type ObjectShape,
} from './canonical';
import { canonicalTrigger, DEFAULT_TRIGGER } from './alarmActions';
import type { FieldDiff } from './planTypes';
import { parseTimestamp } from '../document/timestamp';

// Comparing what a file states with what AWS has, so that applying a file twice gives an
// empty plan the second time and fetch-then-plan is empty. Both sides are first brought to
// one normal form; then the file's members are compared with the live ones. Each
// normalisation below says why it is safe: it only ever equates two values that mean the
// same thing to AWS.
//
// A member the file leaves out is "don't care" — not compared — unless the member is
// listed as compared both ways. That follows the update semantics of the API: a
// RegisterScalableTarget or PutScheduledAction leaves a member it does not name as it is,
// and for members whose default AWS does not document we cannot tell "left out" from
// "AWS's default" on the live side. The exceptions are where AWS's behaviour is known:
//  - a scheduled action's StartTime/EndTime: PutScheduledAction deletes them when a put
//    leaves them out (rules.md sched.update-drops-times), so a file without them means
//    "none" and a live one is a difference;
//  - the alarm of a step policy: PutMetricAlarm overwrites the whole alarm, so every
//    member is compared both ways, the other ARNs of its action lists included. Its
//    TriggerPolicyOn defaults to ALARM in the file; on the live side it is where the
//    policy's ARN was found (core/plan/alarmActions.ts), and absent when the alarm does
//    not trigger the policy at all;
//  - a target tracking policy's metric: a predefined metric in the file and a customized
//    one live (or the other way round) is a difference, whichever side is missing;
//  - a step policy's step adjustments: a missing bound is an open interval, not "don't care";
//  - members with a documented default, which is filled in on both sides (below).

/** Which kind of object is compared: each has its own shape and rules. */
export type SpecKind = 'target' | 'policy' | 'alarm' | 'scheduledAction';

/** Which side a value comes from: some defaults are filled on the live side only. */
export type Side = 'desired' | 'live';

interface Comparison {
  shape: ObjectShape;
  /** Top-level members not compared here: identities, and what is compared elsewhere. */
  identity: readonly string[];
  /** Every member compared both ways. */
  strictAll?: boolean;
  /** Paths of objects (array elements written `[]`) whose members are all compared both ways. */
  strictObjects?: ReadonlySet<string>;
  /** Paths of members compared even when the file leaves them out. */
  strictMembers?: ReadonlySet<string>;
  /** Fills in documented defaults, in place. */
  fill(value: Record<string, unknown>, side: Side): void;
}

const without = (shape: ObjectShape, names: readonly string[]): ObjectShape => ({
  ...shape,
  members: shape.members.filter(([name]) => !names.includes(name)),
});

const COMPARISONS: Record<SpecKind, Comparison> = {
  target: {
    // Tags are left out: DescribeScalableTargets does not return them and
    // RegisterScalableTarget applies them only when it creates the target.
    shape: without(TARGET_SHAPE, ['Tags', 'ScalingPolicies', 'ScheduledActions']),
    identity: ['ServiceNamespace', 'ResourceId', 'ScalableDimension'],
    fill(value, side) {
      // SuspendedState members default to false (API doc of SuspendedState), and AWS may
      // return the structure without them or not at all. Filled on the live side only: a
      // member the file leaves out is "don't care", as RegisterScalableTarget keeps it.
      if (side !== 'live') return;
      const state = isRecord(value.SuspendedState) ? value.SuspendedState : {};
      value.SuspendedState = {
        DynamicScalingInSuspended: state.DynamicScalingInSuspended ?? false,
        DynamicScalingOutSuspended: state.DynamicScalingOutSuspended ?? false,
        ScheduledScalingSuspended: state.ScheduledScalingSuspended ?? false,
      };
    },
  },
  policy: {
    shape: without(POLICY_SHAPE, ['CloudWatchAlarm', 'CloudWatchAlarms']),
    identity: ['PolicyName', 'PolicyType'],
    strictObjects: new Set(['StepScalingPolicyConfiguration.StepAdjustments[]']),
    strictMembers: new Set([
      'TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification',
      'TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification',
    ]),
    fill(value) {
      // "The default value is false" (API doc of DisableScaleIn): a put without it enables
      // scale-in, so a file without it and a live `false` agree, and a live `true` differs.
      const tt = value.TargetTrackingScalingPolicyConfiguration;
      if (isRecord(tt)) tt.DisableScaleIn ??= false;
      // "If the aggregation type is null, the value is treated as Average" (API doc of
      // MetricAggregationType), whether or not AWS echoes it back.
      const step = value.StepScalingPolicyConfiguration;
      if (isRecord(step)) step.MetricAggregationType ??= 'Average';
    },
  },
  alarm: {
    shape: ALARM_SHAPE,
    // Tags: DescribeAlarms does not return them, and PutMetricAlarm ignores them on an update.
    identity: ['AlarmName', 'Tags'],
    strictAll: true,
    fill(value, side) {
      // The file's default trigger; a live alarm's is what its lists say (see above).
      if (side === 'desired') value.TriggerPolicyOn ??= DEFAULT_TRIGGER;
      const trigger = canonicalTrigger(value.TriggerPolicyOn);
      if (trigger === undefined) delete value.TriggerPolicyOn;
      else value.TriggerPolicyOn = trigger;
      // PutMetricAlarm's documented defaults: actions are enabled; missing data is
      // treated as `missing`; without DatapointsToAlarm the alarm needs every one of
      // EvaluationPeriods to breach (N out of N).
      value.ActionsEnabled ??= true;
      value.TreatMissingData ??= 'missing';
      if (typeof value.EvaluationPeriods === 'number') value.DatapointsToAlarm ??= value.EvaluationPeriods;
    },
  },
  scheduledAction: {
    shape: SCHEDULED_ACTION_SHAPE,
    identity: ['ScheduledActionName'],
    strictMembers: new Set(['StartTime', 'EndTime']),
    fill(value) {
      // "If a time zone is not provided, UTC is used by default" (API doc of Timezone),
      // and the file format reads a missing Timezone as UTC too.
      value.Timezone ??= 'UTC';
    },
  },
};

/** Members whose arrays are sets of ARNs: their order carries no meaning to CloudWatch. */
const ARN_SETS = new Set(['OKActions', 'InsufficientDataActions', 'AlarmActions']);

/** StartTime and EndTime as one canonical instant text. */
export function canonicalInstant(value: string): string {
  // The API takes and returns instants; `2026-01-01T00:00:00Z`, `…00.000Z` and
  // `…01:00:00+01:00` are one instant. A text that does not parse is kept as written.
  const parsed = parseTimestamp(value);
  return parsed?.ok ? new Date(parsed.epochMs).toISOString() : value;
}

function dimensionKey(value: unknown): string {
  return isRecord(value) ? `${String(value.Name)}\u0000${String(value.Value)}` : (JSON.stringify(value) ?? '');
}

/** Tidies a canonical value in place (see each step); returns it. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(tidy);
    return value;
  }
  if (!isRecord(value)) return value;
  for (const [key, member] of Object.entries(value)) {
    // An empty string or list means "not set" in these shapes (every string with a
    // meaning has a minimum length of 1), and AWS returns empty lists for unset ones
    // (an alarm's OKActions, a metric's Dimensions).
    if (member === '' || (Array.isArray(member) && member.length === 0)) {
      delete value[key];
      continue;
    }
    tidy(member);
    if (key === 'Dimensions' && Array.isArray(member)) {
      // A metric is identified by its set of dimensions: CloudWatch does not order them.
      member.sort((a, b) => (dimensionKey(a) < dimensionKey(b) ? -1 : dimensionKey(a) > dimensionKey(b) ? 1 : 0));
    } else if (ARN_SETS.has(key) && Array.isArray(member)) {
      member.sort();
    } else if ((key === 'StartTime' || key === 'EndTime') && typeof member === 'string') {
      value[key] = canonicalInstant(member);
    }
  }
  return value;
}

/**
 * One object of a kind in normal form: canonical members and order, empty values
 * dropped, dimensions sorted, times as instants, documented defaults filled in.
 */
export function normalizeSpec(kind: SpecKind, value: object, side: Side): Record<string, unknown> {
  const comparison = COMPARISONS[kind];
  const normal = tidy(canonicalize(value, comparison.shape)) as Record<string, unknown>;
  comparison.fill(normal, side);
  // Once more, so that filled-in members stand in the schema's order too.
  return canonicalize(normal, comparison.shape) as Record<string, unknown>;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Whether two normalised values are the same. Numbers compare as numbers: 70 and 70.0 are one value once parsed. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function isStrictObject(comparison: Comparison, pattern: string): boolean {
  return comparison.strictAll === true || (comparison.strictObjects?.has(pattern) ?? false);
}

function compared(comparison: Comparison, pattern: string, key: string, desired: Record<string, unknown>): boolean {
  return (
    key in desired ||
    isStrictObject(comparison, pattern) ||
    (comparison.strictMembers?.has(join(pattern, key)) ?? false)
  );
}

function walk(
  comparison: Comparison,
  desired: unknown,
  live: unknown,
  path: string,
  pattern: string,
  out: FieldDiff[],
): void {
  if (isRecord(desired) && isRecord(live)) {
    const keys = [...Object.keys(desired), ...Object.keys(live).filter((k) => !(k in desired))];
    for (const key of keys) {
      if (!path && comparison.identity.includes(key)) continue;
      if (!compared(comparison, pattern, key, desired)) continue;
      walk(comparison, desired[key], live[key], join(path, key), join(pattern, key), out);
    }
    return;
  }
  if (Array.isArray(desired) && Array.isArray(live) && desired.length === live.length) {
    desired.forEach((element, i) => walk(comparison, element, live[i], `${path}[${i}]`, `${pattern}[]`, out));
    return;
  }
  // Arrays of another length are one difference: element-by-element diffs of shifted
  // lists would say less than the two lists side by side.
  if (!sameValue(desired, live)) out.push({ path, live, desired });
}

/** The differences between what the file states and what AWS has, member by member. */
export function diffSpecs(kind: SpecKind, desired: object, live: object): FieldDiff[] {
  const out: FieldDiff[] = [];
  walk(COMPARISONS[kind], normalizeSpec(kind, desired, 'desired'), normalizeSpec(kind, live, 'live'), '', '', out);
  return out;
}

function project(comparison: Comparison, desired: unknown, live: unknown, pattern: string): unknown {
  if (isRecord(desired) && isRecord(live)) {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(live)) {
      if (!compared(comparison, pattern, key, desired)) continue;
      result[key] = key in desired ? project(comparison, desired[key], value, join(pattern, key)) : value;
    }
    return result;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    return live.map((element, i) =>
      i < desired.length ? project(comparison, desired[i], element, `${pattern}[]`) : element,
    );
  }
  return live;
}

/**
 * Both sides in normal form, the live side cut down to what is compared: rendered side by
 * side they differ exactly where diffSpecs reports a difference.
 */
export function comparableSpecs(
  kind: SpecKind,
  desired: object,
  live: object,
): { desired: Record<string, unknown>; live: Record<string, unknown> } {
  const comparison = COMPARISONS[kind];
  const normalDesired = normalizeSpec(kind, desired, 'desired');
  const normalLive = normalizeSpec(kind, live, 'live');
  return {
    desired: normalDesired,
    live: project(comparison, normalDesired, normalLive, '') as Record<string, unknown>,
  };
}
