// Which load columns a target's policies read: for the CLI's "column X is not used" warning
// and the panel's hint of what to export.
import { policyAlarms } from '../plan/alarmActions';
import type { TargetState } from '../plan/liveState';
import { DERIVED_METRICS } from './metrics';
import { CONCURRENCY, INVOCATIONS } from './types';

const PREDEFINED_INPUT: Record<string, string> = {
  SageMakerVariantInvocationsPerInstance: INVOCATIONS,
  SageMakerInferenceComponentInvocationsPerCopy: INVOCATIONS,
  SageMakerVariantConcurrentRequestsPerModelHighResolution: CONCURRENCY,
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution: CONCURRENCY,
};

/** The load columns the target's policies and alarms read. */
export function requiredColumns(target: TargetState): Set<string> {
  const columns = new Set<string>();
  const metric = (name: unknown) => {
    if (typeof name !== 'string') return;
    if (DERIVED_METRICS.includes(name)) columns.add(name.startsWith('Concurrent') ? CONCURRENCY : INVOCATIONS);
    else columns.add(name);
  };
  for (const policy of target.ScalingPolicies) {
    const tt = policy.TargetTrackingScalingPolicyConfiguration;
    const predefined = (tt?.PredefinedMetricSpecification as { PredefinedMetricType?: string } | undefined)
      ?.PredefinedMetricType;
    if (predefined && PREDEFINED_INPUT[predefined]) columns.add(PREDEFINED_INPUT[predefined]);
    metric((tt?.CustomizedMetricSpecification as { MetricName?: unknown } | undefined)?.MetricName);
    for (const alarm of policyAlarms(policy)) metric(alarm.MetricName);
  }
  return columns;
}
