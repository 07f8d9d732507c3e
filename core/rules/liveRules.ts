import type { Severity } from '../finding';
import { defineMultiCodeRule, type Rule, type RuleMeta } from '../lint/rule';

// Rules that need AWS reads (rule catalogue §7, mode "live"). aws/liveChecks.ts runs them
// for plan and apply; they are registered here, without visitors, so that settings,
// .scalingrc.json and disable comments know their codes and docs/rules.md lists them.

export const LIVE_RULE_CODES = [
  'sm.endpoint-exists',
  'sm.variant-exists',
  'sm.variant-kind',
  'sm.burstable',
  'sm.serverless-pc-max',
  'sm.ic-exists',
  'tt.custom-dimensions',
  'alarm.metric-exists',
  'sm.endpoint-kind',
  'sched.live-undoes-target',
] as const;

export type LiveRuleCode = (typeof LIVE_RULE_CODES)[number];

const LIVE_RULE_METAS: (RuleMeta & { code: LiveRuleCode })[] = [
  {
    code: 'sm.endpoint-exists',
    severity: 'error',
    title: 'The endpoint exists and is InService (checked by plan and apply)',
    description:
      'Registering a scalable target for an endpoint that does not exist, or is still Creating or Updating, fails. Create the endpoint first, or wait until it is InService.',
  },
  {
    code: 'sm.variant-exists',
    severity: 'error',
    title: 'The endpoint has the production variant (checked by plan and apply)',
    description:
      "The variant name in ResourceId must be one of the endpoint's ProductionVariants; names are case-sensitive.",
  },
  {
    code: 'sm.variant-kind',
    severity: 'error',
    title: 'The dimension fits the variant: instances or serverless (checked by plan and apply)',
    description:
      'An instance-based variant scales `sagemaker:variant:DesiredInstanceCount`; a serverless variant scales `sagemaker:variant:DesiredProvisionedConcurrency`.',
  },
  {
    code: 'sm.burstable',
    severity: 'error',
    title: 'Burstable instance types cannot be auto-scaled (checked by plan and apply)',
    description:
      'SageMaker rejects auto scaling on burstable instance types such as `ml.t2.medium`. Move the variant to another instance type first.',
  },
  {
    code: 'sm.serverless-pc-max',
    severity: 'error',
    title: "Provisioned concurrency stays within the variant's MaxConcurrency (checked by plan and apply)",
    description:
      "For a serverless variant, MaxCapacity may not exceed the endpoint configuration's `ServerlessConfig.MaxConcurrency`.",
  },
  {
    code: 'sm.ic-exists',
    severity: 'error',
    title: 'The inference component exists (checked by plan and apply)',
    description: 'Create the inference component before registering it as a scalable target.',
  },
  {
    code: 'tt.custom-dimensions',
    severity: 'warning',
    title: 'A customized metric exists in CloudWatch with exactly these dimensions (checked by plan and apply)',
    description:
      'A target-tracking policy on a customized metric follows the metric with exactly the namespace, name and dimensions it names: "The dimensions must match exactly the ones the metric was published with". Plan and apply ask CloudWatch (ListMetrics, which knows the metrics with data in the last two weeks) and warn when no metric has exactly these dimensions, naming the dimension sets it does have. A metric that has not been published yet (an endpoint without traffic so far) is reported too: check the names, and ignore the warning if the data is still to come.',
  },
  {
    code: 'alarm.metric-exists',
    severity: 'warning',
    title:
      "A step policy's alarm watches a metric CloudWatch has, with exactly these dimensions (checked by plan and apply)",
    description:
      'An alarm on a metric that CloudWatch does not have, with exactly the namespace, name and dimensions it names, gets no data, stays in INSUFFICIENT_DATA and never triggers its step policy. Plan and apply ask CloudWatch (ListMetrics, which knows the metrics with data in the last two weeks) and warn when no metric matches, naming the dimension sets the metric does have. A metric not yet published (an endpoint without traffic so far) is reported too.',
  },
  {
    code: 'sm.endpoint-kind',
    severity: 'warning',
    title: 'The file treats the endpoint as the kind it is (checked by plan and apply)',
    description:
      'Plan and apply read the endpoint configuration, which says for sure what the file can only infer: an `AsyncInferenceConfig` makes an asynchronous endpoint, none a real-time one. Reported: `MinCapacity` 0 on a real-time variant, which keeps at least one instance (only asynchronous endpoints and inference components scale to zero, https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html); a metric SageMaker publishes only for asynchronous endpoints (the backlog metrics) watched for a real-time one; a metric it does not publish for asynchronous endpoints (`InvocationsPerInstance`, `Invocations`, `OverheadLatency`) watched for an asynchronous one (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html). Such a metric has no data, so its policy never acts.',
  },
  {
    code: 'sched.live-undoes-target',
    severity: 'warning',
    title: "A live scheduled action that apply keeps undoes the target's bounds (checked by plan and apply)",
    description:
      "Apply keeps the live scheduled actions a file does not list unless it prunes. When such an action sets the target's `MinCapacity` or `MaxCapacity` to another value, and no action sets the file's value again, the file's bound lasts only until that action runs. Plan and apply name the action and its next run in its time zone; add the action to the file with the bound you mean, delete it (`plan --prune`, `apply --prune`), or change the bound. The same check on the file's own actions is `sched.undoes-target`.",
  },
];

/** Each live rule's default severity (settings and .scalingrc.json may change it). */
export const LIVE_RULE_SEVERITY = Object.fromEntries(LIVE_RULE_METAS.map((m) => [m.code, m.severity])) as Record<
  LiveRuleCode,
  Severity
>;

export const liveRules: Rule[] = [defineMultiCodeRule(LIVE_RULE_METAS, {})];
