import fc from 'fast-check';
import type { LiveTarget, PolicySpec, ScheduledActionSpec } from '../../core/plan/liveState';

// Generated live states (what aws/ hands the engine after a fetch), for the property tests
// of fetch (liveDocument.test.ts) and of plans (plan.test.ts).

export const SERVICE_LINKED =
  'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint';

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
const word = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,12}$/), fc.string({ minLength: 1, maxLength: 10 }));
const number = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
  fc.constantFrom(0.1, 70, 1e-7, 2 ** 53),
);
const seconds = fc.integer({ min: 0, max: 3600 });
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) =>
    fc.constantFrom(d.toISOString(), d.toISOString().replace(/\.\d{3}Z$/, 'Z'), d.toISOString().replace('Z', '+00:00')),
  );
const dimensions = fc.array(fc.record({ Name: word, Value: word }), { maxLength: 3 });

const ttConfig = fc.record(
  {
    TargetValue: number,
    PredefinedMetricSpecification: maybe(
      fc.record(
        {
          PredefinedMetricType: fc.constantFrom(
            'SageMakerVariantInvocationsPerInstance',
            'ECSServiceAverageCPUUtilization',
          ),
          ResourceLabel: maybe(word),
        },
        { requiredKeys: ['PredefinedMetricType'] },
      ),
    ),
    CustomizedMetricSpecification: maybe(
      fc.record(
        {
          MetricName: word,
          Namespace: word,
          Dimensions: maybe(dimensions),
          Statistic: fc.constantFrom('Average', 'Sum'),
          Unit: maybe(fc.constantFrom('Count', '')),
        },
        { requiredKeys: ['MetricName', 'Namespace', 'Statistic'] },
      ),
    ),
    ScaleOutCooldown: maybe(seconds),
    ScaleInCooldown: maybe(seconds),
    DisableScaleIn: maybe(fc.boolean()),
  },
  { requiredKeys: ['TargetValue'] },
);

const stepConfig = fc.record(
  {
    AdjustmentType: maybe(fc.constantFrom('ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity')),
    StepAdjustments: fc.array(
      fc.record(
        {
          MetricIntervalLowerBound: maybe(number),
          MetricIntervalUpperBound: maybe(number),
          ScalingAdjustment: fc.integer({ min: -5, max: 5 }),
        },
        { requiredKeys: ['ScalingAdjustment'] },
      ),
      { maxLength: 3 },
    ),
    MinAdjustmentMagnitude: maybe(fc.integer({ min: 1, max: 5 })),
    Cooldown: maybe(seconds),
    MetricAggregationType: maybe(fc.constantFrom('Average', 'Minimum', 'Maximum')),
  },
  { requiredKeys: [] },
);

const alarm = fc.record(
  {
    AlarmDescription: maybe(fc.oneof(word, fc.constant(''))),
    ActionsEnabled: maybe(fc.boolean()),
    OKActions: maybe(fc.array(word, { maxLength: 2 })),
    InsufficientDataActions: maybe(fc.array(word, { maxLength: 2 })),
    MetricName: maybe(word),
    Namespace: maybe(word),
    Dimensions: maybe(dimensions),
    Statistic: maybe(fc.constantFrom('Average', 'Maximum')),
    Period: maybe(fc.constantFrom(10, 60, 300)),
    Unit: maybe(fc.constantFrom('Count', 'Percent')),
    EvaluationPeriods: fc.integer({ min: 1, max: 5 }),
    DatapointsToAlarm: maybe(fc.integer({ min: 1, max: 5 })),
    Threshold: maybe(number),
    ComparisonOperator: fc.constantFrom('GreaterThanThreshold', 'LessThanThreshold'),
    TreatMissingData: maybe(fc.constantFrom('missing', 'notBreaching')),
    Tags: maybe(fc.array(fc.record({ Key: word, Value: word }), { maxLength: 2 })),
    // What DescribeAlarms adds, and aws/ may pass on.
    StateValue: maybe(fc.constantFrom('OK', 'ALARM')),
    AlarmArn: maybe(word),
  },
  { requiredKeys: ['EvaluationPeriods', 'ComparisonOperator'] },
);

const readOnly = fc.record({ PolicyARN: maybe(word), CreationTime: maybe(instant) }, { requiredKeys: [] });

const policy = fc.oneof(
  fc.record({
    PolicyType: fc.constant('TargetTrackingScaling'),
    TargetTrackingScalingPolicyConfiguration: ttConfig,
    extra: readOnly,
  }),
  fc.record({
    PolicyType: fc.constant('StepScaling'),
    StepScalingPolicyConfiguration: stepConfig,
    CloudWatchAlarm: maybe(alarm),
    extra: readOnly,
  }),
  fc.record({
    PolicyType: fc.constant('PredictiveScaling'),
    PredictiveScalingPolicyConfiguration: fc.record(
      {
        MetricSpecifications: fc.array(
          fc.record({
            TargetValue: number,
            PredefinedMetricPairSpecification: fc.record({
              PredefinedMetricType: fc.constant('ECSServiceCPUUtilization'),
            }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        Mode: maybe(fc.constantFrom('ForecastOnly', 'ForecastAndScale')),
      },
      { requiredKeys: ['MetricSpecifications'] },
    ),
    extra: readOnly,
  }),
);

const scheduledAction = fc.record(
  {
    Schedule: fc.constantFrom('cron(0 8 ? * MON-FRI *)', 'rate(1 day)', 'at(2030-01-01T08:00:00)'),
    Timezone: maybe(fc.constantFrom('UTC', 'Europe/Berlin', '')),
    StartTime: maybe(instant),
    EndTime: maybe(instant),
    ScalableTargetAction: maybe(
      fc.record(
        { MinCapacity: maybe(fc.integer({ min: 0, max: 10 })), MaxCapacity: maybe(fc.integer({ min: 0, max: 50 })) },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['Schedule'] },
);

const target = (names: fc.Arbitrary<string>) =>
  fc.record({
    ServiceNamespace: fc.constantFrom('sagemaker', 'ecs'),
    ResourceId: names.map((w) => `endpoint/${w}/variant/AllTraffic`),
    ScalableDimension: fc.constantFrom(
      'sagemaker:variant:DesiredInstanceCount',
      'sagemaker:variant:DesiredProvisionedConcurrency',
    ),
    MinCapacity: maybe(fc.integer({ min: 0, max: 10 })),
    MaxCapacity: maybe(fc.integer({ min: 0, max: 100 })),
    RoleARN: maybe(fc.constantFrom(SERVICE_LINKED, 'arn:aws:iam::123456789012:role/custom')),
    SuspendedState: maybe(
      fc.record(
        {
          DynamicScalingInSuspended: maybe(fc.boolean()),
          DynamicScalingOutSuspended: maybe(fc.boolean()),
          ScheduledScalingSuspended: maybe(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
    ),
    Tags: maybe(fc.dictionary(word, word, { maxKeys: 2 })),
    policies: fc.uniqueArray(fc.tuple(names, policy), { selector: ([name]) => name, maxLength: 4 }),
    actions: fc.uniqueArray(fc.tuple(names, scheduledAction), { selector: ([name]) => name, maxLength: 3 }),
  });

/**
 * Live states as aws/ would hand them over: unique keys, unique alarm names, facts per
 * policy. `names` gives the endpoint, policy and action names: a small set makes two
 * generated states share targets, policies and actions (for plans from one to the other).
 * An alarm is named after its target and policy, so a policy keeps its alarm's name in
 * every state.
 */
export function liveTargets(names: fc.Arbitrary<string> = word): fc.Arbitrary<LiveTarget[]> {
  return fc
    .uniqueArray(target(names), {
      selector: (t) => `${t.ServiceNamespace} ${t.ResourceId} ${t.ScalableDimension}`,
      maxLength: 3,
    })
    .map((targets) =>
      targets.map(({ policies, actions, ...settings }): LiveTarget => {
        const live: LiveTarget = {
          ...settings,
          ScalingPolicies: [],
          ScheduledActions: [],
          policyFacts: {},
        } as LiveTarget;
        for (const [name, { extra, ...spec }] of policies) {
          const arn = `arn:aws:autoscaling:policy/${name}`;
          const p = { PolicyName: name, ...spec, ...extra } as PolicySpec;
          if (p.CloudWatchAlarm)
            p.CloudWatchAlarm = {
              ...p.CloudWatchAlarm,
              AlarmName: `${settings.ServiceNamespace} ${settings.ResourceId} ${settings.ScalableDimension} ${name}`,
              AlarmActions: [arn],
            };
          live.ScalingPolicies.push(p);
          live.policyFacts[name] = {
            PolicyARN: arn,
            AlarmNames:
              p.PolicyType === 'TargetTrackingScaling'
                ? [`TargetTracking-${name}-AlarmHigh`]
                : p.CloudWatchAlarm
                  ? [p.CloudWatchAlarm.AlarmName]
                  : [],
          };
        }
        for (const [name, action] of actions)
          live.ScheduledActions.push({ ScheduledActionName: name, ...action } as ScheduledActionSpec);
        return live;
      }),
    );
}
