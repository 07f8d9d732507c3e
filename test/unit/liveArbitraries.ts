import fc from 'fast-check';
import { setPolicyAlarms } from '../../core/plan/alarmActions';
import type { AlarmSpec, LiveTarget, PolicySpec, ScheduledActionSpec } from '../../core/plan/liveState';

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

// Actions beside the policy's own: notification topics, another policy, or any text.
const otherActions = fc.uniqueArray(
  fc.oneof(
    fc.constantFrom(
      'arn:aws:sns:us-east-1:123456789012:ops',
      'arn:aws:sns:us-east-1:123456789012:pager',
      'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1:resource/sagemaker/endpoint/x/variant/v:policyName/other',
    ),
    word,
  ),
  { maxLength: 2 },
);

const alarm = fc.record(
  {
    AlarmDescription: maybe(fc.oneof(word, fc.constant(''))),
    ActionsEnabled: maybe(fc.boolean()),
    // As fetch has it: the states whose lists name the policy, one as a string.
    TriggerPolicyOn: fc
      .subarray(['ALARM', 'OK', 'INSUFFICIENT_DATA'], { minLength: 1 })
      .map((states) => (states.length === 1 ? states[0]! : states)),
    AlarmActions: maybe(otherActions),
    OKActions: maybe(otherActions),
    InsufficientDataActions: maybe(otherActions),
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
  { requiredKeys: ['EvaluationPeriods', 'ComparisonOperator', 'TriggerPolicyOn'] },
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
    // Mostly none or one; sometimes several alarms trigger the policy.
    alarms: fc.oneof(
      { weight: 3, arbitrary: fc.array(alarm, { maxLength: 1 }) },
      { weight: 1, arbitrary: fc.array(alarm, { minLength: 2, maxLength: 3 }) },
    ),
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
 * An alarm is named after its target, policy and position, so a policy keeps its alarms'
 * names in every state. Step policies hold their alarms as fetch writes them: one as
 * CloudWatchAlarm, several as CloudWatchAlarms, other ARNs in the lists and TriggerPolicyOn.
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
        for (const [name, { extra, ...generated }] of policies) {
          const arn = `arn:aws:autoscaling:policy/${name}`;
          const { alarms = [], ...spec } = generated as typeof generated & { alarms?: Record<string, unknown>[] };
          const p = { PolicyName: name, ...spec, ...extra } as PolicySpec;
          const key = `${settings.ServiceNamespace} ${settings.ResourceId} ${settings.ScalableDimension} ${name}`;
          setPolicyAlarms(
            p,
            alarms.map((a, i): AlarmSpec => ({ ...a, AlarmName: i === 0 ? key : `${key} ${i}` })),
          );
          live.ScalingPolicies.push(p);
          const alarmNames = [p.CloudWatchAlarm, ...(p.CloudWatchAlarms ?? [])].flatMap((a) =>
            a ? [a.AlarmName] : [],
          );
          live.policyFacts[name] = {
            PolicyARN: arn,
            AlarmNames: p.PolicyType === 'TargetTrackingScaling' ? [`TargetTracking-${name}-AlarmHigh`] : alarmNames,
          };
        }
        for (const [name, action] of actions)
          live.ScheduledActions.push({ ScheduledActionName: name, ...action } as ScheduledActionSpec);
        return live;
      }),
    );
}
