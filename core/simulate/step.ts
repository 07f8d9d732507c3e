// Step scaling: which step a breach falls in and what it does to capacity, as the
// Application Auto Scaling user guide's "Step scaling policies" page documents
// (https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html)
// and the StepScalingPolicyConfiguration / StepAdjustment API reference
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html).
import { relativeInterval } from '../language/stepIntervals';
import { policyAlarms, triggerStates } from '../plan/alarmActions';
import { AlarmRuntime, readStatistic } from './alarm';
import type { MetricSources } from './metrics';
import type { PolicySpec } from '../plan/liveState';
import type { ComparisonOperator, SimulationParameters, TreatMissingData } from './types';

export type AdjustmentType = 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';
export type MetricAggregationType = 'Average' | 'Minimum' | 'Maximum';

export interface StepAdjustment {
  /** Offset from the alarm threshold; undefined is −∞. */
  lower?: number;
  /** Offset from the alarm threshold; undefined is +∞. */
  upper?: number;
  adjustment: number;
}

/**
 * The step a breach (aggregated metric − alarm threshold) falls in. Above the threshold the
 * lower bound is inclusive and the upper exclusive; below it, the other way round
 * (StepAdjustment in the API reference). Exactly at the threshold the API's "above [...]
 * otherwise" would leave out a GreaterThanOrEqualToThreshold alarm's [0, …) step while the
 * alarm is in ALARM, so a bound *at* the threshold is inclusive on either side: [0, …) and
 * (…, 0] both hold a breach of 0. The hover and the rules read steps the same way
 * (core/language/stepIntervals.ts).
 */
export function findStep(steps: readonly StepAdjustment[], breach: number): StepAdjustment | undefined {
  for (const step of steps) {
    const interval = relativeInterval(step);
    const lower = interval.lower ?? -Infinity;
    const upper = interval.upper ?? Infinity;
    const aboveLower = interval.lowerInclusive ? breach >= lower : breach > lower;
    const belowUpper = interval.upperInclusive ? breach <= upper : breach < upper;
    if (aboveLower && belowUpper) return step;
  }
  return undefined;
}

/**
 * PercentChangeInCapacity's change in capacity, rounded as AWS documents: above 1 rounded
 * down (12.7 → 12), between 0 and 1 made 1 (0.67 → 1), between −1 and 0 made −1
 * (−0.58 → −1), below −1 rounded toward zero (−6.67 → −6); then raised to
 * MinAdjustmentMagnitude in size when one is set.
 */
export function percentChange(current: number, percent: number, minAdjustmentMagnitude?: number): number {
  const x = (current * percent) / 100;
  let change: number;
  if (x > 1) change = Math.floor(x);
  else if (x > 0) change = 1;
  else if (x === 0) change = 0;
  else if (x > -1) change = -1;
  else change = Math.ceil(x);
  if (minAdjustmentMagnitude !== undefined && change !== 0 && Math.abs(change) < minAdjustmentMagnitude)
    change = Math.sign(change) * minAdjustmentMagnitude;
  return change;
}

/** The capacity a step asks for from `current` (before Min/Max). */
export function adjustedCapacity(
  type: AdjustmentType,
  current: number,
  adjustment: number,
  minAdjustmentMagnitude?: number,
): number {
  switch (type) {
    case 'ChangeInCapacity':
      return current + adjustment;
    case 'PercentChangeInCapacity':
      return current + percentChange(current, adjustment, minAdjustmentMagnitude);
    case 'ExactCapacity':
      return adjustment;
  }
}

/** A compiled step policy's configuration (its alarm is compiled beside it). */
export interface StepConfiguration {
  adjustmentType: AdjustmentType;
  steps: StepAdjustment[];
  minAdjustmentMagnitude?: number;
  cooldownMs: number;
  aggregation: MetricAggregationType;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads StepScalingPolicyConfiguration; a string says why it cannot be simulated. */
export function readStepConfiguration(
  config: Record<string, unknown> | undefined,
  defaultCooldownSeconds: number,
): StepConfiguration | string {
  if (!config) return 'it has no StepScalingPolicyConfiguration';
  const type = config.AdjustmentType;
  if (type !== 'ChangeInCapacity' && type !== 'PercentChangeInCapacity' && type !== 'ExactCapacity')
    return `its AdjustmentType ${JSON.stringify(type)} is not ChangeInCapacity, PercentChangeInCapacity or ExactCapacity`;
  const raw = Array.isArray(config.StepAdjustments) ? (config.StepAdjustments as unknown[]) : [];
  const steps: StepAdjustment[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const adjustment = num(record.ScalingAdjustment);
    if (adjustment === undefined) return 'a step has no ScalingAdjustment';
    const step: StepAdjustment = { adjustment };
    const lower = num(record.MetricIntervalLowerBound);
    const upper = num(record.MetricIntervalUpperBound);
    if (lower !== undefined) step.lower = lower;
    if (upper !== undefined) step.upper = upper;
    steps.push(step);
  }
  if (steps.length === 0) return 'it has no StepAdjustments';
  const aggregation = config.MetricAggregationType ?? 'Average';
  if (aggregation !== 'Average' && aggregation !== 'Minimum' && aggregation !== 'Maximum')
    return `its MetricAggregationType ${JSON.stringify(aggregation)} is not Average, Minimum or Maximum`;
  const result: StepConfiguration = {
    adjustmentType: type,
    steps,
    // "If you don't specify a cooldown period, the default value is 300 seconds" for
    // SageMaker (StepScalingPolicyConfiguration.Cooldown in the API reference).
    cooldownMs: (num(config.Cooldown) ?? defaultCooldownSeconds) * 1000,
    aggregation,
  };
  const magnitude = num(config.MinAdjustmentMagnitude);
  if (magnitude !== undefined && type === 'PercentChangeInCapacity') result.minAdjustmentMagnitude = magnitude;
  return result;
}

// ---- The policy and its alarm, compiled for the engine --------------------------------

export interface StepPolicy {
  kind: 'step';
  name: string;
  config: StepConfiguration;
  alarm: AlarmRuntime;
}

const COMPARISONS: readonly string[] = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];
const TREATMENTS: readonly string[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

/** Compiles a step policy with the CloudWatch alarm that triggers it. */
export function compileStepPolicy(
  policy: PolicySpec,
  sources: MetricSources,
  parameters: SimulationParameters,
): StepPolicy | { reason: string; needs?: string } | { never: string } {
  const config = readStepConfiguration(policy.StepScalingPolicyConfiguration, parameters.defaultCooldownSeconds);
  if (typeof config === 'string') return { reason: config };
  // One alarm that triggers the policy on ALARM is what the engine models; several alarms,
  // or a policy run on OK or INSUFFICIENT_DATA (TriggerPolicyOn), are reported, not guessed.
  const alarms = policyAlarms(policy);
  if (alarms.length > 1)
    return { reason: `${alarms.length} alarms trigger it (CloudWatchAlarms), which is not simulated yet` };
  const alarm = alarms[0];
  if (!alarm) return { never: 'no CloudWatchAlarm in the file triggers it, so it never runs' };
  const states = triggerStates(alarm);
  if (states.length !== 1 || states[0] !== 'ALARM')
    return {
      reason: `its alarm ${alarm.AlarmName} triggers it on ${states.join(' and ') || 'no state'} (TriggerPolicyOn), which is not simulated yet`,
    };
  if (alarm.Metrics !== undefined)
    return { reason: `its alarm ${alarm.AlarmName} uses metric math (Metrics), not simulated yet` };
  if (alarm.ThresholdMetricId !== undefined)
    return { reason: `its alarm ${alarm.AlarmName} compares with a band (ThresholdMetricId), not simulated` };
  const metric = alarm.MetricName;
  if (typeof metric !== 'string') return { reason: `its alarm ${alarm.AlarmName} names no MetricName` };
  const period = num(alarm.Period);
  if (period === undefined || !(period === 10 || period === 30 || (period >= 60 && period % 60 === 0)))
    return { reason: `its alarm's Period ${String(alarm.Period)} is not 10, 30 or a multiple of 60` };
  const n = num(alarm.EvaluationPeriods);
  if (n === undefined || n < 1 || !Number.isInteger(n))
    return { reason: `its alarm's EvaluationPeriods ${String(alarm.EvaluationPeriods)} is not a whole number ≥ 1` };
  const m = num(alarm.DatapointsToAlarm) ?? n;
  const threshold = num(alarm.Threshold);
  if (threshold === undefined) return { reason: `its alarm ${alarm.AlarmName} has no Threshold` };
  const comparison = alarm.ComparisonOperator;
  if (typeof comparison !== 'string' || !COMPARISONS.includes(comparison))
    return { reason: `its alarm's ComparisonOperator ${String(comparison)} is not simulated` };
  const treat = alarm.TreatMissingData ?? 'missing';
  if (typeof treat !== 'string' || !TREATMENTS.includes(treat))
    return {
      reason: `its alarm's TreatMissingData ${String(treat)} is not missing, ignore, breaching or notBreaching`,
    };
  const statistic = readStatistic(alarm.Statistic, alarm.ExtendedStatistic);
  if (!statistic) return { reason: `its alarm's statistic is not one CloudWatch computes` };
  const source = sources.get(metric);
  if (!('emissionMs' in source))
    return { reason: `its alarm's metric ${metric} has no source in the load`, needs: source.needs };
  return {
    kind: 'step',
    name: policy.PolicyName,
    config,
    alarm: new AlarmRuntime(
      {
        name: alarm.AlarmName,
        periodMs: period * 1000,
        evaluationPeriods: n,
        datapointsToAlarm: Math.min(m, n),
        comparison: comparison as ComparisonOperator,
        threshold,
        treatMissingData: treat as TreatMissingData,
        statistic,
        rangeExtra: parameters.evaluationRangeExtra,
      },
      source,
    ),
  };
}
