import { has, type CloudWatchAlarm, type ScalingPolicy, type StepAdjustment } from '../document/model';

// Step bounds are offsets from the alarm's Threshold. AWS reads a bound as inclusive when
// it lies on the "above the threshold" side and exclusive below it (and the reverse for the
// upper bound), so a scale-out step [0, 50) covers T ≤ m < T+50 and a scale-in step
// (-50, 0] covers T-50 < m ≤ T. These helpers give the hover and the rules one reading.

/** The side of its threshold on which a static-threshold alarm is in ALARM. */
export type AlarmSide = 'above' | 'below';

const ABOVE_OPERATORS: ReadonlySet<string> = new Set(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold']);
const BELOW_OPERATORS: ReadonlySet<string> = new Set(['LessThanThreshold', 'LessThanOrEqualToThreshold']);

/** Operators of anomaly-detection alarms, which compare with a band rather than a Threshold. */
export const ANOMALY_BAND_OPERATORS: ReadonlySet<string> = new Set([
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
]);

/** Whether the operator compares with a static Threshold. */
export function isStaticOperator(operator: string): boolean {
  return ABOVE_OPERATORS.has(operator) || BELOW_OPERATORS.has(operator);
}

/** The side a comparison operator fires on; undefined for band operators and unknown text. */
export function alarmSide(operator: string | undefined): AlarmSide | undefined {
  if (operator === undefined) return undefined;
  if (ABOVE_OPERATORS.has(operator)) return 'above';
  if (BELOW_OPERATORS.has(operator)) return 'below';
  return undefined;
}

/** The states of an alarm whose actions run its step policy (the file's `TriggerPolicyOn`). */
export type TriggerState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

const ALARM_ONLY: readonly TriggerState[] = Object.freeze(['ALARM']);
const TRIGGER_STATES: ReadonlySet<string> = new Set(['ALARM', 'OK', 'INSUFFICIENT_DATA']);

/**
 * The states in which an alarm runs its policy: `TriggerPolicyOn`, ALARM when the alarm
 * says none. Values the schema refuses are left out, so a list of them triggers nothing here.
 */
export function triggerStates(alarm: CloudWatchAlarm): readonly TriggerState[] {
  const states = alarm.triggerPolicyOn?.states;
  if (!states) return ALARM_ONLY;
  if (states.length === 1 && states[0]!.value === 'ALARM') return ALARM_ONLY;
  const known: TriggerState[] = [];
  for (const state of states)
    if (TRIGGER_STATES.has(state.value) && !known.includes(state.value as TriggerState))
      known.push(state.value as TriggerState);
  return known;
}

export function oppositeSide(side: AlarmSide): AlarmSide {
  return side === 'above' ? 'below' : 'above';
}

/**
 * Which side of its threshold the alarm's metric is on when the alarm runs the policy in
 * this state: in ALARM, the side the operator fires on; in OK, the other one (a step's
 * interval is the metric's distance from the threshold whichever state ran it,
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html).
 * INSUFFICIENT_DATA has no value to place.
 */
export function runSide(alarm: CloudWatchAlarm, state: TriggerState): AlarmSide | undefined {
  const fires = alarmSide(alarm.comparisonOperator?.value);
  if (!fires || state === 'INSUFFICIENT_DATA') return undefined;
  return state === 'ALARM' ? fires : oppositeSide(fires);
}

/** The metric values at which a static-threshold alarm runs its policy in this state (ALARM or OK). */
export function runInterval(alarm: CloudWatchAlarm, state: TriggerState): MetricInterval | undefined {
  const side = runSide(alarm, state);
  const threshold = alarm.threshold?.value;
  if (!side || threshold === undefined) return undefined;
  // In ALARM the comparison holds (inclusive with …OrEqual…); in OK it does not.
  const inclusive = /OrEqual/.test(alarm.comparisonOperator!.value) === (state === 'ALARM');
  return side === 'above'
    ? { lower: threshold, lowerInclusive: inclusive, upperInclusive: false }
    : { upper: threshold, upperInclusive: inclusive, lowerInclusive: false };
}

/** Whether a policy is a step policy: typed StepScaling, or untyped with a step configuration. */
export function isStepPolicy(policy: ScalingPolicy): boolean {
  if (policy.policyType) return policy.policyType.value === 'StepScaling';
  return !has(policy, 'PolicyType') && policy.stepScaling !== undefined;
}

/** An interval of metric values (or offsets); an undefined bound is infinite. */
export interface MetricInterval {
  lower?: number;
  upper?: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
}

/** The bounds of a step as numbers; undefined means open on that side. */
export interface StepBounds {
  lower?: number;
  upper?: number;
}

/** A step's bounds as written in the model. */
export function boundsOf(step: StepAdjustment): StepBounds {
  return { lower: step.lowerBound?.value, upper: step.upperBound?.value };
}

/**
 * The offsets a step covers, with AWS's inclusivity: a bound at or above the threshold
 * (offset ≥ 0) is inclusive as a lower bound; a bound at or below it (offset ≤ 0) is
 * inclusive as an upper bound.
 */
export function relativeInterval(bounds: StepBounds): MetricInterval {
  return {
    lower: bounds.lower,
    upper: bounds.upper,
    lowerInclusive: bounds.lower !== undefined && bounds.lower >= 0,
    upperInclusive: bounds.upper !== undefined && bounds.upper <= 0,
  };
}

/** A number as people write it: no binary noise from sums such as 0.1 + 0.2. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** An interval in the usual notation: `[0, 50)`, `(-50, 0]`, `[50, +∞)`. */
export function formatInterval(interval: MetricInterval): string {
  const open =
    interval.lower === undefined ? '(−∞' : `${interval.lowerInclusive ? '[' : '('}${formatNumber(interval.lower)}`;
  const close =
    interval.upper === undefined ? '+∞)' : `${formatNumber(interval.upper)}${interval.upperInclusive ? ']' : ')'}`;
  return `${open}, ${close}`;
}

/** What the hover shows for one step under one alarm of its policy. */
export interface StepIntervalInfo {
  /** The alarm this reading is for; undefined when the policy has none. */
  alarm?: CloudWatchAlarm;
  /** The states in which that alarm runs the policy. */
  states: readonly TriggerState[];
  /** The offsets from the threshold, as written. */
  relative: MetricInterval;
  /** The metric values, when the policy's alarm has a static Threshold. */
  absolute?: MetricInterval;
  threshold?: number;
  /** The alarm's metric name, when it watches a single metric. */
  metricName?: string;
  /** The side the alarm fires on, when its operator says. */
  firesOn?: AlarmSide;
  /** One line: `[150, 200) InvocationsPerInstance: threshold 100 + [50, 100)`. */
  text: string;
}

function shift(interval: MetricInterval, by: number): MetricInterval {
  return {
    ...interval,
    lower: interval.lower === undefined ? undefined : interval.lower + by,
    upper: interval.upper === undefined ? undefined : interval.upper + by,
  };
}

/**
 * The metric interval a step covers under each alarm of its policy (a step's bounds are
 * offsets from the threshold of whichever alarm ran it): absolute where the alarm has a
 * Threshold, relative otherwise; one relative reading when the policy has no alarm.
 */
export function stepIntervals(policy: ScalingPolicy, stepIndex: number): StepIntervalInfo[] | undefined {
  const step = policy.stepScaling?.stepAdjustments?.items.find((s) => s.index === stepIndex);
  if (!step) return undefined;
  if (policy.alarms.length === 0) return [intervalOfStep(step, undefined)];
  return policy.alarms.map((alarm) => intervalOfStep(step, alarm));
}

/** The metric interval of one step under the given alarm (if any). */
export function intervalOfStep(step: StepAdjustment, alarm: CloudWatchAlarm | undefined): StepIntervalInfo {
  const relative = relativeInterval(boundsOf(step));
  const threshold = alarm?.threshold?.value;
  const metricName = alarm?.metricName?.value;
  const firesOn = alarmSide(alarm?.comparisonOperator?.value);
  const states = alarm ? triggerStates(alarm) : ALARM_ONLY;
  if (threshold === undefined) {
    return { alarm, states, relative, metricName, firesOn, text: `alarm threshold + ${formatInterval(relative)}` };
  }
  const absolute = shift(relative, threshold);
  const what = metricName ?? 'metric';
  return {
    alarm,
    states,
    relative,
    absolute,
    threshold,
    metricName,
    firesOn,
    text: `${formatInterval(absolute)} ${what}: threshold ${formatNumber(threshold)} + ${formatInterval(relative)}`,
  };
}
