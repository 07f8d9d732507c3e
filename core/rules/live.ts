import { defineMultiCodeRule, type Rule } from '../rule';

// Rules that need AWS reads (rule catalogue §7, mode "live"). aws/liveChecks.ts runs them
// for plan and apply; they are registered here, without visitors, so that settings,
// .scalingrc.json and disable comments know their codes and docs/rules.md lists them.

export const LIVE_RULE_CODES = ['sm.endpoint-exists', 'sm.variant-exists', 'sm.variant-kind', 'sm.burstable', 'sm.serverless-pc-max', 'sm.ic-exists'] as const;

export type LiveRuleCode = (typeof LIVE_RULE_CODES)[number];

export const liveRules: Rule[] = [defineMultiCodeRule(
  [
    { code: 'sm.endpoint-exists', severity: 'error', title: 'The endpoint exists and is InService (checked by plan and apply)', description: 'Registering a scalable target for an endpoint that does not exist, or is still Creating or Updating, fails. Create the endpoint first, or wait until it is InService.' },
    { code: 'sm.variant-exists', severity: 'error', title: 'The endpoint has the production variant (checked by plan and apply)', description: 'The variant name in ResourceId must be one of the endpoint\'s ProductionVariants; names are case-sensitive.' },
    { code: 'sm.variant-kind', severity: 'error', title: 'The dimension fits the variant: instances or serverless (checked by plan and apply)', description: 'An instance-based variant scales `sagemaker:variant:DesiredInstanceCount`; a serverless variant scales `sagemaker:variant:DesiredProvisionedConcurrency`.' },
    { code: 'sm.burstable', severity: 'error', title: 'Burstable instance types cannot be auto-scaled (checked by plan and apply)', description: 'SageMaker rejects auto scaling on burstable instance types such as `ml.t2.medium`. Move the variant to another instance type first.' },
    { code: 'sm.serverless-pc-max', severity: 'error', title: 'Provisioned concurrency stays within the variant\'s MaxConcurrency (checked by plan and apply)', description: 'For a serverless variant, MaxCapacity may not exceed the endpoint configuration\'s `ServerlessConfig.MaxConcurrency`.' },
    { code: 'sm.ic-exists', severity: 'error', title: 'The inference component exists (checked by plan and apply)', description: 'Create the inference component before registering it as a scalable target.' },
  ],
  {},
)];
