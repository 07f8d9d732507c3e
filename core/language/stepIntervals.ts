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

/** What the hover shows for one step. */
export interface StepIntervalInfo {
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

/** The metric interval a step covers: absolute when the alarm has a Threshold, relative otherwise. */
export function stepInterval(policy: ScalingPolicy, stepIndex: number): StepIntervalInfo | undefined {
  const step = policy.stepScaling?.stepAdjustments?.items.find((s) => s.index === stepIndex);
  if (!step) return undefined;
  return intervalOfStep(step, policy.alarm);
}

/** The metric interval of one step under the given alarm (if any). */
export function intervalOfStep(step: StepAdjustment, alarm: CloudWatchAlarm | undefined): StepIntervalInfo {
  const relative = relativeInterval(boundsOf(step));
  const threshold = alarm?.threshold?.value;
  const metricName = alarm?.metricName?.value;
  const firesOn = alarmSide(alarm?.comparisonOperator?.value);
  if (threshold === undefined) {
    return { relative, metricName, firesOn, text: `alarm threshold + ${formatInterval(relative)}` };
  }
  const absolute = shift(relative, threshold);
  const what = metricName ?? 'metric';
  return {
    relative,
    absolute,
    threshold,
    metricName,
    firesOn,
    text: `${formatInterval(absolute)} ${what}: threshold ${formatNumber(threshold)} + ${formatInterval(relative)}`,
  };
}
