// Step scaling: which step a breach falls in and what it does to capacity, as the
// Application Auto Scaling user guide's "Step scaling policies" page documents
// (https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html)
// and the StepScalingPolicyConfiguration / StepAdjustment API reference
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html).
import { relativeInterval } from '../language/stepIntervals';
import { policyAlarms, triggerStates } from '../plan/alarmActions';
import { AlarmRuntime, readStatistic } from './alarm';
import type { MetricSources } from './metrics';
import type { AlarmSpec, PolicySpec } from '../plan/liveState';
import { ALARM, OK, type ComparisonOperator, type SimulationParameters, type TreatMissingData } from './types';

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

// ---- The policy and its alarms, compiled for the engine -------------------------------

/**
 * One alarm of a step policy and the states in which it invokes the policy (TriggerPolicyOn:
 * its ARN in AlarmActions, OKActions or both). Each alarm is evaluated on its own metric,
 * period, statistic and threshold; a step's bounds are offsets from the threshold of the
 * alarm that invoked the policy (StepAdjustment in the API reference).
 */
export interface StepAlarm {
  alarm: AlarmRuntime;
  /** ALARM and/or OK: the states whose action list holds the policy. */
  invokesIn: readonly SimulatedState[];
}

/** The alarm states a step policy can be invoked in and simulated: an INSUFFICIENT_DATA alarm has no value to size a step by. */
export type SimulatedState = typeof ALARM | typeof OK;

export interface StepPolicy {
  kind: 'step';
  name: string;
  config: StepConfiguration;
  /** In the file's order (`CloudWatchAlarm`, or `CloudWatchAlarms` as listed): the order of invocations in one evaluation. */
  alarms: StepAlarm[];
}

const COMPARISONS: readonly string[] = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];
const TREATMENTS: readonly string[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

type NotCompiled = { reason: string; needs?: string };

/**
 * Compiles a step policy with every CloudWatch alarm that triggers it. Each alarm invokes
 * it on entering a state whose action list holds it and once a minute while it stays
 * there (alarms with Auto Scaling actions repeat them:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions), in
 * ALARM or OK alike. A policy run on INSUFFICIENT_DATA is reported: that state has no
 * metric value, and AWS does not document which step such an invocation takes.
 */
export function compileStepPolicy(
  policy: PolicySpec,
  sources: MetricSources,
  parameters: SimulationParameters,
): StepPolicy | NotCompiled | { never: string } {
  const config = readStepConfiguration(policy.StepScalingPolicyConfiguration, parameters.defaultCooldownSeconds);
  if (typeof config === 'string') return { reason: config };
  const specs = policyAlarms(policy);
  if (specs.length === 0) return { never: 'no CloudWatchAlarm in the file triggers it, so it never runs' };
  const alarms: StepAlarm[] = [];
  for (const spec of specs) {
    const compiled = compileStepAlarm(spec, specs.length > 1, sources, parameters);
    if (!('alarm' in compiled)) return compiled;
    alarms.push(compiled);
  }
  return { kind: 'step', name: policy.PolicyName, config, alarms };
}

/** One alarm of a step policy; `named` puts the alarm's name in each reason (the policy has several). */
function compileStepAlarm(
  alarm: AlarmSpec,
  named: boolean,
  sources: MetricSources,
  parameters: SimulationParameters,
): StepAlarm | NotCompiled {
  const its = named ? `its alarm ${alarm.AlarmName}'s` : "its alarm's";
  const states = triggerStates(alarm);
  if (states.includes('INSUFFICIENT_DATA'))
    return {
      reason: `its alarm ${alarm.AlarmName} triggers it on INSUFFICIENT_DATA (TriggerPolicyOn), which is not simulated: INSUFFICIENT_DATA has no metric value to choose a step by`,
    };
  if (states.length === 0)
    return { reason: `its alarm ${alarm.AlarmName} triggers it on no state the simulator knows (TriggerPolicyOn)` };
  if (alarm.Metrics !== undefined)
    return { reason: `its alarm ${alarm.AlarmName} uses metric math (Metrics), not simulated yet` };
  if (alarm.ThresholdMetricId !== undefined)
    return { reason: `its alarm ${alarm.AlarmName} compares with a band (ThresholdMetricId), not simulated` };
  const metric = alarm.MetricName;
  if (typeof metric !== 'string') return { reason: `its alarm ${alarm.AlarmName} names no MetricName` };
  const period = num(alarm.Period);
  if (period === undefined || !(period === 10 || period === 30 || (period >= 60 && period % 60 === 0)))
    return { reason: `${its} Period ${String(alarm.Period)} is not 10, 30 or a multiple of 60` };
  const n = num(alarm.EvaluationPeriods);
  if (n === undefined || n < 1 || !Number.isInteger(n))
    return { reason: `${its} EvaluationPeriods ${String(alarm.EvaluationPeriods)} is not a whole number ≥ 1` };
  const m = num(alarm.DatapointsToAlarm) ?? n;
  const threshold = num(alarm.Threshold);
  if (threshold === undefined) return { reason: `its alarm ${alarm.AlarmName} has no Threshold` };
  const comparison = alarm.ComparisonOperator;
  if (typeof comparison !== 'string' || !COMPARISONS.includes(comparison))
    return { reason: `${its} ComparisonOperator ${String(comparison)} is not simulated` };
  const treat = alarm.TreatMissingData ?? 'missing';
  if (typeof treat !== 'string' || !TREATMENTS.includes(treat))
    return {
      reason: `${its} TreatMissingData ${String(treat)} is not missing, ignore, breaching or notBreaching`,
    };
  const statistic = readStatistic(alarm.Statistic, alarm.ExtendedStatistic);
  if (!statistic) return { reason: `${its} statistic is not one CloudWatch computes` };
  const source = sources.get(metric);
  if (!('emissionMs' in source))
    return { reason: `${its} metric ${metric} has no source in the load`, needs: source.needs };
  return {
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
    invokesIn: states.map((state) => (state === 'OK' ? OK : ALARM)),
  };
}
