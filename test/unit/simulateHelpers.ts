// Builders for the simulator's tests: targets in the API's shapes and loads by the minute.
import type { AlarmSpec, PolicySpec, ScheduledActionSpec, TargetState } from '../../core/plan/liveState';
import { simulate } from '../../core/simulate/engine';
import type { Load, SimulationParameters, SimulationResult } from '../../core/simulate/types';

export const START = Date.parse('2026-07-01T00:00:00Z');
export const MIN = 60_000;

export function variant(
  min: number,
  max: number,
  policies: PolicySpec[],
  actions: ScheduledActionSpec[] = [],
  extra: Partial<TargetState> = {},
): TargetState {
  return {
    ServiceNamespace: 'sagemaker',
    ResourceId: 'endpoint/shop/variant/AllTraffic',
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    MinCapacity: min,
    MaxCapacity: max,
    ScalingPolicies: policies,
    ScheduledActions: actions,
    ...extra,
  };
}

/** What makes `variant(...)` an inference component (its `extra`): it scales copies, down to zero. */
export const INFERENCE_COMPONENT: Partial<TargetState> = {
  ResourceId: 'inference-component/chat',
  ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
};

export function targetTracking(
  name: string,
  target: number,
  config: Record<string, unknown> = {},
  metric = 'SageMakerVariantInvocationsPerInstance',
): PolicySpec {
  return {
    PolicyName: name,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: target,
      PredefinedMetricSpecification: { PredefinedMetricType: metric },
      ...config,
    },
  };
}

/** A step policy's alarm: one metric against a static threshold. */
export interface AlarmOptions {
  metric: string;
  threshold: number;
  comparison?: string;
  periods?: number;
  datapoints?: number;
  period?: number;
  statistic?: string;
  treatMissingData?: string;
  /** TriggerPolicyOn: the states whose actions run the policy (ALARM when absent). */
  trigger?: string | string[];
}

export interface StepOptions extends AlarmOptions {
  steps: [number | undefined, number | undefined, number][];
  type?: string;
  cooldown?: number;
  minAdjustmentMagnitude?: number;
  aggregation?: string;
  /** The alarm's name (default `<policy>-alarm`). */
  alarmName?: string;
}

export function alarm(name: string, o: AlarmOptions): AlarmSpec {
  return {
    AlarmName: name,
    Namespace: 'AWS/SageMaker',
    MetricName: o.metric,
    Statistic: o.statistic ?? 'Average',
    Period: o.period ?? 60,
    EvaluationPeriods: o.periods ?? 1,
    DatapointsToAlarm: o.datapoints ?? o.periods ?? 1,
    Threshold: o.threshold,
    ComparisonOperator: o.comparison ?? 'GreaterThanOrEqualToThreshold',
    ...(o.treatMissingData ? { TreatMissingData: o.treatMissingData } : {}),
    ...(o.trigger !== undefined ? { TriggerPolicyOn: o.trigger } : {}),
  };
}

/** The policy with its alarm and these others in `CloudWatchAlarms`, in that order. */
export function withAlarms(policy: PolicySpec, ...others: AlarmSpec[]): PolicySpec {
  const { CloudWatchAlarm: first, ...rest } = policy;
  return { ...rest, CloudWatchAlarms: [...(first ? [first] : []), ...others] };
}

export function stepPolicy(name: string, o: StepOptions): PolicySpec {
  const config: Record<string, unknown> = {
    AdjustmentType: o.type ?? 'ChangeInCapacity',
    StepAdjustments: o.steps.map(([lower, upper, adjustment]) => ({
      ...(lower !== undefined ? { MetricIntervalLowerBound: lower } : {}),
      ...(upper !== undefined ? { MetricIntervalUpperBound: upper } : {}),
      ScalingAdjustment: adjustment,
    })),
    Cooldown: o.cooldown ?? 300,
  };
  if (o.minAdjustmentMagnitude !== undefined) config.MinAdjustmentMagnitude = o.minAdjustmentMagnitude;
  if (o.aggregation) config.MetricAggregationType = o.aggregation;
  return {
    PolicyName: name,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: config,
    CloudWatchAlarm: alarm(o.alarmName ?? `${name}-alarm`, o),
  };
}

/** A load whose columns hold one value per minute from START; `[value, minutes]` runs. */
export function load(columns: Record<string, [number, number][]>): Load {
  return {
    columns: Object.entries(columns).map(([name, runs]) => {
      const values: number[] = [];
      for (const [value, minutes] of runs) for (let i = 0; i < minutes; i++) values.push(value);
      return {
        name,
        times: Float64Array.from(values, (_, i) => START + i * MIN),
        values: Float64Array.from(values),
        intervalMs: MIN,
      };
    }),
  };
}

export function run(
  target: TargetState,
  l: Load,
  minutes: number,
  parameters: Partial<SimulationParameters> = {},
): SimulationResult {
  return simulate(target, l, { startMs: START, durationMs: minutes * MIN, ...parameters });
}

/** Events as `minute kind source from→to`, for compact assertions. */
export function timeline(result: SimulationResult, kinds = ['scale-out', 'scale-in', 'scheduled']): string[] {
  return result.events
    .filter((e) => kinds.includes(e.kind))
    .map((e) => `${(e.time - START) / MIN} ${e.kind} ${e.source} ${e.from}→${e.to}`);
}
