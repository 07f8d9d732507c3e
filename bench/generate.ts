// Generated *.scaling.json documents for the bench: a typical file (a few targets) and a
// large one (thousands). Every target differs in its names, bounds, policies and scheduled
// actions, in the proportions a fleet of SageMaker endpoints would have, so the rules and the
// schema see realistic variety rather than one object repeated.

const TEAMS = [
  'search',
  'recommender',
  'fraud-scoring',
  'ranking',
  'vision',
  'speech',
  'chat',
  'forecast',
  'pricing',
  'ads',
  'moderation',
  'translate',
];
const MODELS = ['bert', 'xgboost', 'llama', 'resnet', 't5', 'mistral', 'whisper', 'clip'];
const VARIANTS = ['AllTraffic', 'primary', 'blue', 'green', 'canary'];
const TIMEZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Australia/Sydney'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!;
}

/** A target value that fits the metric, as a team would set it. */
function targetValueFor(metric: Json, i: number): number {
  const type = JSON.stringify(metric);
  if (type.includes('ProvisionedConcurrencyUtilization')) return 0.6 + (i % 4) / 10;
  if (type.includes('HighResolution')) return 2 + (i % 6);
  return 60 + (i % 7) * 10;
}

function targetTracking(name: string, metric: Json, i: number): Json {
  return {
    PolicyName: name,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: targetValueFor(metric, i),
      ...(metric as Record<string, Json>),
      ScaleInCooldown: 300 + (i % 4) * 150,
      ScaleOutCooldown: 30 + (i % 3) * 30,
      ...(i % 9 === 0 ? { DisableScaleIn: true } : {}),
    },
  };
}

function stepPolicy(endpoint: string, variant: string, i: number): Json {
  const threshold = 100 + (i % 5) * 25;
  return {
    PolicyName: `${endpoint}-latency-steps`,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: i % 3 === 0 ? 'PercentChangeInCapacity' : 'ChangeInCapacity',
      ...(i % 3 === 0 ? { MinAdjustmentMagnitude: 1 } : {}),
      Cooldown: 60 + (i % 4) * 30,
      MetricAggregationType: i % 2 === 0 ? 'Average' : 'Maximum',
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 50, ScalingAdjustment: i % 3 === 0 ? 20 : 1 },
        { MetricIntervalLowerBound: 50, MetricIntervalUpperBound: 150, ScalingAdjustment: i % 3 === 0 ? 40 : 2 },
        { MetricIntervalLowerBound: 150, ScalingAdjustment: i % 3 === 0 ? 80 : 4 },
      ],
    },
    CloudWatchAlarm: {
      AlarmName: `${endpoint}-${variant}-latency-high`,
      Namespace: 'AWS/SageMaker',
      MetricName: i % 2 === 0 ? 'InvocationsPerInstance' : 'ModelLatency',
      Dimensions: [
        { Name: 'EndpointName', Value: endpoint },
        { Name: 'VariantName', Value: variant },
      ],
      Statistic: i % 2 === 0 ? 'Average' : 'Maximum',
      Period: 60,
      EvaluationPeriods: 2 + (i % 3),
      DatapointsToAlarm: 2,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    },
  };
}

/** Scheduled actions that raise capacity and, later, set it back to the target's own bounds. */
function scheduledActions(endpoint: string, i: number, min: number, max: number): Json[] {
  const timezone = pick(TIMEZONES, i);
  switch (i % 5) {
    case 0:
    case 4:
      return [];
    case 1:
      return [
        {
          ScheduledActionName: `${endpoint}-weekday-floor`,
          Schedule: `cron(${i % 60} ${6 + (i % 4)} ? * MON-FRI *)`,
          Timezone: timezone,
          ScalableTargetAction: { MinCapacity: 3 + (i % 3) },
        },
        {
          ScheduledActionName: `${endpoint}-night-floor`,
          Schedule: `cron(${i % 60} ${19 + (i % 4)} ? * MON-FRI *)`,
          Timezone: timezone,
          ScalableTargetAction: { MinCapacity: min },
        },
      ];
    case 2:
      return [
        {
          ScheduledActionName: `${endpoint}-month-end-up`,
          Schedule: `cron(0 ${i % 24} L * ? *)`,
          Timezone: timezone,
          ScalableTargetAction: { MinCapacity: 6, MaxCapacity: 40 },
        },
        {
          ScheduledActionName: `${endpoint}-month-start-down`,
          Schedule: `cron(0 ${i % 24} 2 * ? *)`,
          Timezone: timezone,
          ScalableTargetAction: { MinCapacity: min, MaxCapacity: max },
        },
      ];
    default:
      return [
        {
          ScheduledActionName: `${endpoint}-launch`,
          Schedule: `at(2027-0${1 + (i % 9)}-1${i % 10}T09:00:00)`,
          Timezone: timezone,
          ScalableTargetAction: { MinCapacity: 8, MaxCapacity: 50 },
        },
        {
          ScheduledActionName: `${endpoint}-launch-over`,
          Schedule: `at(2027-0${1 + (i % 9)}-2${i % 8}T21:00:00)`,
          Timezone: timezone,
          ScalableTargetAction: { MinCapacity: min, MaxCapacity: max },
        },
      ];
  }
}

function target(i: number): Json {
  const endpoint = `${pick(TEAMS, i)}-${pick(MODELS, Math.floor(i / TEAMS.length))}-${i}`;
  const variant = pick(VARIANTS, Math.floor(i / 3));
  const min = 1 + (i % 3);
  const max = min + 4 + (i % 17);
  const kind = i % 10;
  if (kind === 7 || kind === 8) {
    const component = `${endpoint}-ic`;
    return {
      ServiceNamespace: 'sagemaker',
      ResourceId: `inference-component/${component}`,
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      MinCapacity: kind === 8 ? 0 : min,
      MaxCapacity: max,
      ScalingPolicies: [
        targetTracking(
          `${component}-invocations`,
          { PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy' } },
          i,
        ),
      ],
      ScheduledActions: scheduledActions(component, i, kind === 8 ? 0 : min, max),
    };
  }
  if (kind === 9) {
    return {
      ServiceNamespace: 'sagemaker',
      ResourceId: `endpoint/${endpoint}/variant/${variant}`,
      ScalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
      MinCapacity: min,
      MaxCapacity: max * 10,
      ScalingPolicies: [
        targetTracking(
          `${endpoint}-provisioned`,
          {
            PredefinedMetricSpecification: {
              PredefinedMetricType: 'SageMakerVariantProvisionedConcurrencyUtilization',
            },
          },
          i,
        ),
      ],
      ScheduledActions: scheduledActions(endpoint, i, min, max * 10),
    };
  }
  const metric: Json =
    i % 5 === 0
      ? {
          CustomizedMetricSpecification: {
            MetricName: 'CPUUtilization',
            Namespace: '/aws/sagemaker/Endpoints',
            Statistic: 'Average',
            Dimensions: [
              { Name: 'EndpointName', Value: endpoint },
              { Name: 'VariantName', Value: variant },
            ],
          },
        }
      : {
          PredefinedMetricSpecification: {
            PredefinedMetricType:
              i % 2 === 0
                ? 'SageMakerVariantInvocationsPerInstance'
                : 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
          },
        };
  const policies: Json[] = [targetTracking(`${endpoint}-${i % 5 === 0 ? 'cpu' : 'invocations'}`, metric, i)];
  // Most teams track a metric; some add a step policy on latency as a safety net.
  if (i % 6 === 1) policies.push(stepPolicy(endpoint, variant, i));
  return {
    ServiceNamespace: 'sagemaker',
    ResourceId: `endpoint/${endpoint}/variant/${variant}`,
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    MinCapacity: min,
    MaxCapacity: max,
    ...(i % 11 === 0
      ? {
          SuspendedState: {
            DynamicScalingInSuspended: false,
            DynamicScalingOutSuspended: false,
            ScheduledScalingSuspended: i % 2 === 0,
          },
        }
      : {}),
    ScalingPolicies: policies,
    ScheduledActions: scheduledActions(endpoint, i, min, max),
  };
}

function inline(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length ? `[ ${value.map(inline).join(', ')} ]` : '[]';
  const entries = Object.entries(value);
  return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }` : '{}';
}

/** JSON laid out as people keep these files (and the examples do): short objects on one line. */
function format(value: Json, indent: string): string {
  const flat = inline(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= 110) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  return `{\n${Object.entries(value)
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`)
    .join(',\n')}\n${indent}}`;
}

/** A scaling file of `targets` SageMaker targets, laid out as a person would keep it. */
export function generateScalingFile(targets: number): string {
  const file = { Region: 'eu-west-1', ScalableTargets: Array.from({ length: targets }, (_, i) => target(i)) };
  return `// Generated for the bench: ${targets} SageMaker scalable targets.\n${format(file, '')}\n`;
}
