// *.scaling.json documents for the AWS tier: one realistic target (a target-tracking
// policy, a step policy with its alarm, two scheduled actions) per variant.

export const INSTANCES = 'sagemaker:variant:DesiredInstanceCount';

export interface TargetOptions {
  endpoint: string;
  variant?: string;
  min?: number;
  max?: number;
  targetValue?: number;
  /** Leave out the step policy and its alarm. */
  noStep?: boolean;
  /** Leave out the scheduled actions. */
  noActions?: boolean;
}

/** The ResourceId of a variant. */
export function variantId(endpoint: string, variant = 'AllTraffic'): string {
  return `endpoint/${endpoint}/variant/${variant}`;
}

/** The target key of a variant scaled by instance count, typed as the SDK's commands take it. */
export function variantKey(endpoint: string, variant = 'AllTraffic') {
  return {
    ServiceNamespace: 'sagemaker',
    ResourceId: variantId(endpoint, variant),
    ScalableDimension: INSTANCES,
  } as const;
}

/** One scalable target as the file holds it. */
export function target(o: TargetOptions): Record<string, unknown> {
  const variant = o.variant ?? 'AllTraffic';
  const policies: unknown[] = [
    {
      PolicyName: 'invocations',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: o.targetValue ?? 700,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        ScaleOutCooldown: 60,
        ScaleInCooldown: 300,
      },
    },
  ];
  if (!o.noStep) {
    policies.push({
      PolicyName: 'scale-out-steps',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 50, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 50, ScalingAdjustment: 2 },
        ],
        Cooldown: 60,
        MetricAggregationType: 'Average',
      },
      CloudWatchAlarm: {
        AlarmName: `${o.endpoint}-${variant}-invocations-high`,
        MetricName: 'InvocationsPerInstance',
        Namespace: 'AWS/SageMaker',
        Dimensions: [
          { Name: 'EndpointName', Value: o.endpoint },
          { Name: 'VariantName', Value: variant },
        ],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 1000,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      },
    });
  }
  const doc: Record<string, unknown> = {
    ServiceNamespace: 'sagemaker',
    ResourceId: variantId(o.endpoint, variant),
    ScalableDimension: INSTANCES,
    MinCapacity: o.min ?? 1,
    MaxCapacity: o.max ?? 10,
    ScalingPolicies: policies,
  };
  if (!o.noActions) {
    doc.ScheduledActions = [
      {
        ScheduledActionName: 'scale-down-evening',
        Schedule: 'cron(0 20 * * ? *)',
        Timezone: 'Europe/Berlin',
        ScalableTargetAction: { MinCapacity: 1, MaxCapacity: o.max ?? 10 },
      },
      {
        ScheduledActionName: 'scale-up-morning',
        Schedule: 'cron(0 8 * * ? *)',
        Timezone: 'Europe/Berlin',
        StartTime: '2030-01-01T00:00:00Z',
        EndTime: '2031-06-30T12:00:00Z',
        ScalableTargetAction: { MinCapacity: 2, MaxCapacity: (o.max ?? 10) + 5 },
      },
    ];
  }
  return doc;
}

/** A whole document. */
export function scalingFile(region: string, targets: Record<string, unknown>[]): string {
  return `${JSON.stringify({ Region: region, ScalableTargets: targets }, null, 2)}\n`;
}
