// The rule catalogue the engine was specified with (its codes are copied here, so this
// file is the record), by code, and where each catalogue code without a finding of its own is
// checked. test/unit/catalogue.test.ts holds every code to a registered rule or to an entry
// here, and test/unit/schema.test.ts holds each schema entry to its example; docs/rules.md
// lists the entries (npm run docs).

/** Every code of the catalogue, copied from its tables. */
export const CATALOGUE_CODES: readonly string[] = [
  'at.past',
  'at.syntax',
  'at.timezone',
  'cron.both-question',
  'cron.dom-dow-question',
  'cron.dow-numbering',
  'cron.every-minute',
  'cron.field-count',
  'cron.hash-single',
  'cron.names-case',
  'cron.never-fires',
  'cron.range-order',
  'cron.ranges',
  'cron.seven-fields',
  'cron.sub-minute',
  'cron.wildcard-placement',
  'cron.wrapper',
  'policy.name',
  'policy.name-unique',
  'policy.rename',
  'policy.target-registered',
  'policy.type-config-match',
  'policy.type-enum',
  'policy.type-supported',
  'quota.describe-paging',
  'quota.policies-per-target',
  'quota.scheduled-per-target',
  'quota.steps-per-policy',
  'quota.targets-per-type',
  'rate.min',
  'rate.plural',
  'rate.syntax',
  'rate.timezone-ignored',
  'sanity.change-gt-range',
  'sanity.cooldown-huge',
  'sanity.cooldown-out-gt-in',
  'sanity.min-zero-no-wakeup',
  'sanity.multiple-policies-largest-wins',
  'sanity.no-policies',
  'sanity.scale-in-too-fast',
  'sanity.sched-min-above-max',
  'sanity.sched-raises-never-lowers',
  'sanity.schedule-never-fires',
  'sanity.step-policies-fight',
  'sanity.target-value-metric',
  'sanity.tt-plus-step-scale-in',
  'sched.action-min-le-max',
  'sched.action-nonempty',
  'sched.action-nonneg',
  'sched.action-vs-target',
  'sched.end-after-start',
  'sched.end-in-past',
  'sched.name',
  'sched.name-unique',
  'sched.namespace-unsupported',
  'sched.no-revert',
  'sched.order',
  'sched.schedule-required',
  'sched.start-end-utc',
  'sched.start-end-with-at',
  'sched.update-drops-times',
  'sm.burstable',
  'sm.delete-needs-deregister-perm',
  'sm.endpoint-exists',
  'sm.highres-semantics',
  'sm.ic-exists',
  'sm.ic-scale-to-zero',
  'sm.serverless-pc-max',
  'sm.target-value-invocations',
  'sm.target-value-pc-util',
  'sm.update-instance-type',
  'sm.update-resets-count',
  'sm.variant-exists',
  'sm.variant-kind',
  'sm.zero-traffic-no-scale-in',
  'step.adjustment-type',
  'step.adjustments-max',
  'step.adjustments-nonempty',
  'step.aggregation-enum',
  'step.alarm-attached',
  'step.bound-present',
  'step.bounds-relative',
  'step.cooldown',
  'step.exact-in-range',
  'step.exact-nonneg',
  'step.inclusivity',
  'step.min-adjustment-magnitude',
  'step.negative-needs-null-lower',
  'step.no-gap',
  'step.no-overlap',
  'step.percent-rounding',
  'step.positive-needs-null-upper',
  'step.scaling-adjustment-required',
  'step.sign-side',
  'step.single-null-lower',
  'step.single-null-upper',
  'step.upper-gt-lower',
  'target.capacity-nonneg',
  'target.dimension-enum',
  'target.dimension-namespace-match',
  'target.duplicate',
  'target.min-eq-max',
  'target.min-le-max',
  'target.minmax-required-on-create',
  'target.namespace-enum',
  'target.resourceid-format.other',
  'target.resourceid-format.sm-ic',
  'target.resourceid-format.sm-serverless',
  'target.resourceid-format.sm-variant',
  'target.resourceid-length',
  'target.rolearn',
  'target.sm-variant-min-zero',
  'target.suspended',
  'target.tags',
  'tt.cooldown-int',
  'tt.custom-dimensions',
  'tt.custom-form',
  'tt.custom-statistic',
  'tt.disable-scale-in',
  'tt.math-expr-xor-stat',
  'tt.math-id',
  'tt.math-refs',
  'tt.math-returndata',
  'tt.math-size',
  'tt.math-unsupported',
  'tt.metric-exactly-one',
  'tt.metric-inverse-proportional',
  'tt.one-per-metric',
  'tt.predefined-dimension-match',
  'tt.predefined-enum',
  'tt.resource-label',
  'tt.target-value-range',
  'tt.target-value-required',
  'tz.dst-gap',
  'tz.etc-sign',
  'tz.length',
  'tz.utc-default',
  'tz.valid',
];

/** Where a catalogue code is checked when no finding carries it. */
export type CheckedElsewhere =
  /** By the JSON schema: `example` is a document the schema must flag at `at`. */
  | { by: 'schema'; how: string; example: { text: string; at: string } }
  /** By rules with other codes (registered rules, which the test checks). */
  | { by: 'rules'; codes: readonly string[]; how: string }
  /** By plan, apply, fetch or the tree (aws/, core/plan/plan.ts), with the tests that show it. */
  | { by: 'plan and apply' | 'fetch and the tree' | 'hover'; how: string }
  /** About something the file and the extension never do. */
  | { by: 'not applicable'; how: string };

/** A scaling file with one SageMaker target and the given members, for the schema examples. */
function target(members: string): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4${members} } ] }`;
}
const policy = (members: string) => target(`, "ScalingPolicies": [ { "PolicyName": "p"${members} } ]`);
const tracking = (members: string) =>
  policy(`, "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { ${members} }`);
const action = (members: string) =>
  target(`, "ScheduledActions": [ { "ScheduledActionName": "a", "Schedule": "rate(1 day)"${members} } ]`);

export const CHECKED_ELSEWHERE: Readonly<Record<string, CheckedElsewhere>> = {
  'at.timezone': {
    by: 'rules',
    codes: ['tz.utc-default'],
    how: 'A schedule without Timezone is read in UTC: `tz.utc-default` says so, and the Schedule hover shows the run times in the zone and in UTC.',
  },
  'policy.name': {
    by: 'schema',
    how: '`PolicyName`: 1–256 printable characters.',
    example: { text: policy('').replace('"PolicyName": "p"', '"PolicyName": ""'), at: '""' },
  },
  'policy.rename': {
    by: 'plan and apply',
    how: 'A policy whose name changes is created under the new name and the old one deleted; the plan says so on both (core/plan/plan.ts, RENAME_NOTE).',
  },
  'policy.target-registered': {
    by: 'plan and apply',
    how: 'The plan registers a target before its policies and scheduled actions, and apply retries ObjectNotFoundException briefly right after registering (aws/apply.ts).',
  },
  'policy.type-enum': {
    by: 'schema',
    how: '`PolicyType` is one of the three types; that it is present is `policy.type-required`.',
    example: { text: policy(', "PolicyType": "SimpleScaling"'), at: '"SimpleScaling"' },
  },
  'quota.describe-paging': {
    by: 'fetch and the tree',
    how: 'Every Describe and List call goes through the SDK paginators (aws/fetchLive.ts, aws/endpoints.ts).',
  },
  'quota.steps-per-policy': {
    by: 'rules',
    codes: ['step.adjustments-max'],
    how: 'At most 20 step adjustments per policy.',
  },
  'rate.min': {
    by: 'rules',
    codes: ['rate.syntax'],
    how: 'A rate is a whole number of at least 1 minute, hour or day.',
  },
  'sanity.sched-raises-never-lowers': { by: 'rules', codes: ['sched.no-revert'], how: 'The same check.' },
  'sanity.schedule-never-fires': {
    by: 'rules',
    codes: ['at.past', 'sched.end-in-past', 'cron.never-fires'],
    how: 'Each case of a schedule that never runs has its own code.',
  },
  'sched.name': {
    by: 'schema',
    how: '`ScheduledActionName`: 1–256 characters, without colon, slash, vertical bar or control characters, and no leading or trailing space.',
    example: {
      text: action('').replace('"ScheduledActionName": "a"', '"ScheduledActionName": "scale:up"'),
      at: '"scale:up"',
    },
  },
  'sched.update-drops-times': {
    by: 'plan and apply',
    how: 'An update sends the scheduled action in full, as the file states it: StartTime and EndTime whenever the file has them, and UTC for a Timezone the file no longer names (core/plan/plan.ts).',
  },
  'sm.delete-needs-deregister-perm': {
    by: 'not applicable',
    how: 'About deleting an endpoint, which neither the file nor the extension does.',
  },
  'sm.update-instance-type': {
    by: 'not applicable',
    how: 'About UpdateEndpoint, which neither the file nor the extension calls.',
  },
  'sm.update-resets-count': {
    by: 'not applicable',
    how: 'About UpdateEndpoint, which neither the file nor the extension calls.',
  },
  'step.aggregation-enum': {
    by: 'schema',
    how: '`MetricAggregationType` is Average, Minimum or Maximum.',
    example: {
      text: policy(
        ', "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": { "MetricAggregationType": "Sum" }',
      ),
      at: '"Sum"',
    },
  },
  'step.inclusivity': {
    by: 'hover',
    how: 'The hover on a step adjustment shows its interval with inclusive `[` and exclusive `)` ends, relative and against the alarm threshold.',
  },
  'step.scaling-adjustment-required': {
    by: 'schema',
    how: 'Each step adjustment has an integer `ScalingAdjustment`.',
    example: {
      text: policy(
        ', "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": { "StepAdjustments": [ { "MetricIntervalLowerBound": 0 } ] }',
      ),
      at: '{ "MetricIntervalLowerBound"',
    },
  },
  'target.capacity-nonneg': {
    by: 'schema',
    how: '`MinCapacity` and `MaxCapacity` are integers of at least 0.',
    example: { text: target('').replace('"MinCapacity": 1', '"MinCapacity": -1'), at: '-1' },
  },
  'target.dimension-enum': {
    by: 'schema',
    how: "`ScalableDimension` is one of the API's values.",
    example: {
      text: target('').replace('sagemaker:variant:DesiredInstanceCount', 'sagemaker:variant:Instances'),
      at: '"sagemaker:variant:Instances"',
    },
  },
  'target.namespace-enum': {
    by: 'schema',
    how: "`ServiceNamespace` is one of the API's values.",
    example: {
      text: target('').replace('"ServiceNamespace": "sagemaker"', '"ServiceNamespace": "sage-maker"'),
      at: '"sage-maker"',
    },
  },
  'target.resourceid-length': {
    by: 'schema',
    how: '`ResourceId`: 1–1600 characters of XML-safe text.',
    example: {
      text: target('').replace('endpoint/e/variant/v', `endpoint/${'e'.repeat(1600)}/variant/v`),
      at: '"endpoint/eee',
    },
  },
  'tt.custom-statistic': {
    by: 'schema',
    how: "The simple customized form's `Statistic` is Average, Minimum, Maximum, SampleCount or Sum; no percentiles.",
    example: {
      text: tracking(
        '"TargetValue": 1, "CustomizedMetricSpecification": { "MetricName": "m", "Namespace": "n", "Statistic": "p99" }',
      ),
      at: '"p99"',
    },
  },
  'tt.target-value-required': {
    by: 'schema',
    how: 'A target-tracking configuration has a numeric `TargetValue`.',
    example: {
      text: tracking(
        '"PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" }',
      ),
      at: '"TargetTrackingScalingPolicyConfiguration"',
    },
  },
  'tz.length': {
    by: 'schema',
    how: '`Timezone` is at most 1600 characters.',
    example: { text: action(`, "Timezone": "${'Z'.repeat(1601)}"`), at: '"ZZZ' },
  },
};
