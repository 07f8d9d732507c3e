// Target tracking as Application Auto Scaling runs it: two CloudWatch alarms it creates and
// owns — AlarmHigh (metric > target for 3 of 3 one-minute datapoints) and AlarmLow
// (metric < 0.9 × target for 15 of 15), the shapes seen on SageMaker variants
// (https://repost.aws/questions/QUf450Wsd9RROGGOIwaolN9w/sagemaker-autoscaling-delay) and in
// moto's implementation — and a proportional new capacity when either invokes the policy:
// desired = ceil(capacity the datapoint was measured with × metric / target). For the
// per-instance metrics that is ceil(total demand / target) whatever capacity was added
// since, so a stale datapoint is never multiplied by new instances. Scale-out is applied
// only above the current desired capacity, scale-in only below it
// (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html).
import { predefinedMetricFacts } from '../facts/endpointKinds';
import { AlarmRuntime, readStatistic, type Statistic } from './alarm';
import type { MetricSources } from './metrics';
import type { PolicySpec } from '../plan/liveState';
import type { SimulationParameters } from './types';

export interface TargetTrackingPolicy {
  kind: 'targetTracking';
  name: string;
  target: number;
  disableScaleIn: boolean;
  scaleOutCooldownMs: number;
  scaleInCooldownMs: number;
  high: AlarmRuntime;
  /** Absent with DisableScaleIn: such a policy never removes capacity nor votes on scale-in. */
  low?: AlarmRuntime;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Compiles a target-tracking policy; a NotSimulated-style answer says why it cannot run. */
export function compileTargetTracking(
  policy: PolicySpec,
  resourceId: string,
  sources: MetricSources,
  parameters: SimulationParameters,
): TargetTrackingPolicy | { reason: string; needs?: string } {
  const config = policy.TargetTrackingScalingPolicyConfiguration;
  if (!config) return { reason: 'it has no TargetTrackingScalingPolicyConfiguration' };
  const target = num(config.TargetValue);
  if (target === undefined || target <= 0) return { reason: 'its TargetValue is not a number above 0' };

  let metric: string;
  let highResolution = false;
  let statistic: Statistic;
  const predefined = config.PredefinedMetricSpecification as Record<string, unknown> | undefined;
  const customized = config.CustomizedMetricSpecification as Record<string, unknown> | undefined;
  if (predefined) {
    const type = String(predefined.PredefinedMetricType);
    if (type === 'SageMakerVariantProvisionedConcurrencyUtilization')
      return { reason: 'serverless provisioned concurrency is not simulated yet' };
    const known = predefinedMetricFacts(type);
    if (!known) return { reason: `the predefined metric ${type} is not a SageMaker metric the simulator knows` };
    metric = known.name;
    highResolution = known.highResolution === true;
    // Invocations per instance/copy are per-minute counts whose only valid statistic is Sum;
    // which statistic the high-resolution alarms use is not documented (a parameter).
    statistic = highResolution ? { kind: parameters.highResolutionStatistic } : { kind: 'Sum' };
  } else if (customized) {
    if (customized.Metrics !== undefined) return { reason: 'metric math (Metrics) is not simulated yet' };
    if (typeof customized.MetricName !== 'string') return { reason: 'its customized metric has no MetricName' };
    metric = customized.MetricName;
    const read = readStatistic(customized.Statistic ?? 'Average', undefined);
    if (!read) return { reason: `its Statistic ${JSON.stringify(customized.Statistic)} is not simulated` };
    statistic = read;
  } else {
    return { reason: 'it names no metric' };
  }

  const source = sources.get(metric);
  if (!('emissionMs' in source))
    return {
      reason: `its metric ${metric} has no source in the load`,
      needs: source.needs,
    };

  // Target tracking evaluates one-minute datapoints, the high-resolution predefined metrics
  // 10-second ones (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html).
  const periodMs = highResolution ? 10_000 : 60_000;
  const highPeriods = highResolution ? parameters.highResolutionHighPeriods : 3;
  const lowPeriods = highResolution ? parameters.highResolutionLowPeriods : 15;
  const name = policy.PolicyName;
  const base = {
    periodMs,
    statistic,
    treatMissingData: 'missing' as const,
    rangeExtra: parameters.evaluationRangeExtra,
  };
  const high = new AlarmRuntime(
    {
      ...base,
      name: `TargetTracking-${resourceId}-AlarmHigh-${name}`,
      evaluationPeriods: highPeriods,
      datapointsToAlarm: highPeriods,
      comparison: 'GreaterThanThreshold',
      threshold: target,
    },
    source,
  );
  const disableScaleIn = config.DisableScaleIn === true;
  const result: TargetTrackingPolicy = {
    kind: 'targetTracking',
    name,
    target,
    disableScaleIn,
    // Cooldowns default to 300 s for SageMaker when unset (ScaleOutCooldown in the API reference).
    scaleOutCooldownMs: (num(config.ScaleOutCooldown) ?? parameters.defaultCooldownSeconds) * 1000,
    scaleInCooldownMs: (num(config.ScaleInCooldown) ?? parameters.defaultCooldownSeconds) * 1000,
    high,
  };
  if (!disableScaleIn) {
    result.low = new AlarmRuntime(
      {
        ...base,
        name: `TargetTracking-${resourceId}-AlarmLow-${name}`,
        evaluationPeriods: lowPeriods,
        datapointsToAlarm: lowPeriods,
        comparison: 'LessThanThreshold',
        threshold: target * parameters.lowAlarmRatio,
      },
      source,
    );
  }
  return result;
}

/**
 * The capacity the policy asks for from what its alarm evaluated: ceil(basis × m / T), where
 * basis × m is the de-normalised datapoint. A tiny epsilon keeps float error on an exact
 * ratio from rounding up (1.0000000001 → 2). NaN when there is no datapoint.
 */
export function targetTrackingCapacity(
  policy: TargetTrackingPolicy,
  alarm: AlarmRuntime,
  pick: SimulationParameters['targetTrackingMetricPick'],
): number {
  const scaled = alarm.pick(pick, true);
  if (Number.isNaN(scaled)) return NaN;
  return Math.ceil(scaled / policy.target - 1e-9);
}
