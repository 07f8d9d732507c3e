// The canonical form of the file format's objects: which members each object may carry
// and in which order, following schemas/scaling.schema.json (a unit test keeps the two
// equal). Used to read a file into API-shaped objects (desired.ts), to write live state
// as a file (liveDocument.ts) and to compare the two (compare.ts): a member outside these
// lists — a read-only member of describe output such as PolicyARN, or an SDK extra such as
// an alarm's StateValue — is dropped, so it can neither be sent nor show as a difference.

/** An object of the format: its members in the schema's order, each with the shape of its value. */
export interface ObjectShape {
  /** The schema definition the shape follows, for the test that keeps them equal. */
  readonly definition: string;
  readonly members: readonly Member[];
}

/** A member name, and the shape of its value (or of its array's elements) when that is an object. */
export type Member = readonly [name: string, shape?: Shape];

/** An object shape, or `map`: an object of string values under free keys (Tags). */
export type Shape = ObjectShape | 'map';

const dimension: ObjectShape = { definition: 'metricDimension', members: [['Name'], ['Value']] };

const targetTrackingMetric: ObjectShape = {
  definition: 'targetTrackingMetric',
  members: [
    ['Dimensions', { ...dimension, definition: 'targetTrackingMetricDimension' }],
    ['MetricName'],
    ['Namespace'],
  ],
};
const targetTrackingMetricStat: ObjectShape = {
  definition: 'targetTrackingMetricStat',
  members: [['Metric', targetTrackingMetric], ['Stat'], ['Unit']],
};
const targetTrackingMetricDataQuery: ObjectShape = {
  definition: 'targetTrackingMetricDataQuery',
  members: [['Expression'], ['Id'], ['Label'], ['MetricStat', targetTrackingMetricStat], ['ReturnData']],
};

const stepAdjustment: ObjectShape = {
  definition: 'stepAdjustment',
  members: [['MetricIntervalLowerBound'], ['MetricIntervalUpperBound'], ['ScalingAdjustment']],
};
const stepScalingConfiguration: ObjectShape = {
  definition: 'stepScalingPolicyConfiguration',
  members: [
    ['AdjustmentType'],
    ['StepAdjustments', stepAdjustment],
    ['MinAdjustmentMagnitude'],
    ['Cooldown'],
    ['MetricAggregationType'],
  ],
};

const targetTrackingConfiguration: ObjectShape = {
  definition: 'targetTrackingScalingPolicyConfiguration',
  members: [
    ['TargetValue'],
    [
      'PredefinedMetricSpecification',
      { definition: 'predefinedMetricSpecification', members: [['PredefinedMetricType'], ['ResourceLabel']] },
    ],
    [
      'CustomizedMetricSpecification',
      {
        definition: 'customizedMetricSpecification',
        members: [
          ['MetricName'],
          ['Namespace'],
          ['Dimensions', dimension],
          ['Statistic'],
          ['Unit'],
          ['Metrics', targetTrackingMetricDataQuery],
        ],
      },
    ],
    ['ScaleOutCooldown'],
    ['ScaleInCooldown'],
    ['DisableScaleIn'],
  ],
};

const predictiveMetric: ObjectShape = {
  definition: 'predictiveScalingMetric',
  members: [
    ['Dimensions', { ...dimension, definition: 'predictiveScalingMetricDimension' }],
    ['MetricName'],
    ['Namespace'],
  ],
};
const predictiveCustomized: ObjectShape = {
  definition: 'predictiveScalingCustomizedMetricSpecification',
  members: [
    [
      'MetricDataQueries',
      {
        definition: 'predictiveScalingMetricDataQuery',
        members: [
          ['Expression'],
          ['Id'],
          ['Label'],
          [
            'MetricStat',
            {
              definition: 'predictiveScalingMetricStat',
              members: [['Metric', predictiveMetric], ['Stat'], ['Unit']],
            },
          ],
          ['ReturnData'],
        ],
      },
    ],
  ],
};
const predefinedPair = (definition: string): ObjectShape => ({
  definition,
  members: [['PredefinedMetricType'], ['ResourceLabel']],
});
const predictiveConfiguration: ObjectShape = {
  definition: 'predictiveScalingPolicyConfiguration',
  members: [
    [
      'MetricSpecifications',
      {
        definition: 'predictiveScalingMetricSpecification',
        members: [
          ['TargetValue'],
          ['PredefinedMetricPairSpecification', predefinedPair('predictiveScalingPredefinedMetricPairSpecification')],
          [
            'PredefinedScalingMetricSpecification',
            predefinedPair('predictiveScalingPredefinedScalingMetricSpecification'),
          ],
          ['PredefinedLoadMetricSpecification', predefinedPair('predictiveScalingPredefinedLoadMetricSpecification')],
          ['CustomizedScalingMetricSpecification', predictiveCustomized],
          ['CustomizedLoadMetricSpecification', predictiveCustomized],
          ['CustomizedCapacityMetricSpecification', predictiveCustomized],
        ],
      },
    ],
    ['Mode'],
    ['SchedulingBufferTime'],
    ['MaxCapacityBreachBehavior'],
    ['MaxCapacityBuffer'],
  ],
};

const cloudWatchDimension: ObjectShape = { definition: 'cloudWatchDimension', members: [['Name'], ['Value']] };
const cloudWatchMetric: ObjectShape = {
  definition: 'cloudWatchMetric',
  members: [['Namespace'], ['MetricName'], ['Dimensions', cloudWatchDimension]],
};

/**
 * PutMetricAlarm's input as the file holds it, with TriggerPolicyOn (ours: which states'
 * actions get the policy's ARN, core/plan/alarmActions.ts). DescribeAlarms output in this
 * shape has every ARN in its list and no TriggerPolicyOn.
 */
export const ALARM_SHAPE: ObjectShape = {
  definition: 'cloudWatchAlarm',
  members: [
    ['AlarmName'],
    ['AlarmDescription'],
    ['ActionsEnabled'],
    ['TriggerPolicyOn'],
    ['AlarmActions'],
    ['OKActions'],
    ['InsufficientDataActions'],
    ['MetricName'],
    ['Namespace'],
    ['Dimensions', cloudWatchDimension],
    ['Statistic'],
    ['ExtendedStatistic'],
    ['Period'],
    ['Unit'],
    ['EvaluationPeriods'],
    ['DatapointsToAlarm'],
    ['Threshold'],
    ['ComparisonOperator'],
    ['TreatMissingData'],
    ['EvaluateLowSampleCountPercentile'],
    [
      'Metrics',
      {
        definition: 'cloudWatchMetricDataQuery',
        members: [
          ['Id'],
          [
            'MetricStat',
            {
              definition: 'cloudWatchMetricStat',
              members: [['Metric', cloudWatchMetric], ['Period'], ['Stat'], ['Unit']],
            },
          ],
          ['Expression'],
          ['Label'],
          ['ReturnData'],
          ['Period'],
          ['AccountId'],
        ],
      },
    ],
    ['Tags', { definition: 'cloudWatchTag', members: [['Key'], ['Value']] }],
    ['ThresholdMetricId'],
  ],
};

/** What PutScalingPolicy takes, less the target key, plus a step policy's alarm or alarms. */
export const POLICY_SHAPE: ObjectShape = {
  definition: 'scalingPolicy',
  members: [
    ['PolicyName'],
    ['PolicyType'],
    ['StepScalingPolicyConfiguration', stepScalingConfiguration],
    ['TargetTrackingScalingPolicyConfiguration', targetTrackingConfiguration],
    ['PredictiveScalingPolicyConfiguration', predictiveConfiguration],
    ['CloudWatchAlarm', ALARM_SHAPE],
    ['CloudWatchAlarms', ALARM_SHAPE],
  ],
};

/** What PutScheduledAction takes, less the target key. */
export const SCHEDULED_ACTION_SHAPE: ObjectShape = {
  definition: 'scheduledAction',
  members: [
    ['ScheduledActionName'],
    ['Schedule'],
    ['Timezone'],
    ['StartTime'],
    ['EndTime'],
    ['ScalableTargetAction', { definition: 'scalableTargetAction', members: [['MinCapacity'], ['MaxCapacity']] }],
  ],
};

export const SUSPENDED_STATE_SHAPE: ObjectShape = {
  definition: 'suspendedState',
  members: [['DynamicScalingInSuspended'], ['DynamicScalingOutSuspended'], ['ScheduledScalingSuspended']],
};

/** What RegisterScalableTarget takes, with the target's policies and scheduled actions. */
export const TARGET_SHAPE: ObjectShape = {
  definition: 'scalableTarget',
  members: [
    ['ServiceNamespace'],
    ['ResourceId'],
    ['ScalableDimension'],
    ['MinCapacity'],
    ['MaxCapacity'],
    ['RoleARN'],
    ['SuspendedState', SUSPENDED_STATE_SHAPE],
    ['Tags', 'map'],
    ['ScalingPolicies', POLICY_SHAPE],
    ['ScheduledActions', SCHEDULED_ACTION_SHAPE],
  ],
};

/** The document's root. */
export const ROOT_SHAPE: ObjectShape = {
  definition: '#root',
  members: [['Region'], ['ScalableTargets', TARGET_SHAPE]],
};

/** A plain JSON object (not an array, not null, not a Date). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * A deep copy of a value in canonical form: members the shape does not list are dropped,
 * the others come in the shape's order; null and undefined members are dropped (the SDK
 * and JSON both use them for "not set"). A Date becomes its ISO-8601 string. An object
 * where the shape expects none is copied as it is (the schema reports its type).
 */
export function canonicalize(value: unknown, shape?: Shape): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.map((element) => canonicalize(element, shape)).filter((element) => element !== undefined);
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  if (shape === undefined) {
    for (const [key, member] of Object.entries(value)) {
      const copy = canonicalize(member);
      if (copy !== undefined) result[key] = copy;
    }
  } else if (shape === 'map') {
    for (const key of Object.keys(value).sort()) {
      const copy = canonicalize(value[key]);
      if (copy !== undefined) result[key] = copy;
    }
  } else {
    for (const [name, memberShape] of shape.members) {
      const copy = canonicalize(value[name], memberShape);
      if (copy !== undefined) result[name] = copy;
    }
  }
  return result;
}
