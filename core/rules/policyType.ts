import { has, type ScalingPolicy } from '../model';
import { defineRule, type Rule } from '../rule';
import { table } from '../table';

const CONFIG_FOR_TYPE = table<string>({
  StepScaling: 'StepScalingPolicyConfiguration',
  TargetTrackingScaling: 'TargetTrackingScalingPolicyConfiguration',
  PredictiveScaling: 'PredictiveScalingPolicyConfiguration',
});
/** Computed once: Object.entries per policy was a visible share of this rule's cost. */
const CONFIG_ENTRIES = Object.entries(CONFIG_FOR_TYPE) as [string, string][];

function blockOf(policy: ScalingPolicy, key: string) {
  if (key === 'StepScalingPolicyConfiguration') return policy.stepScaling;
  if (key === 'TargetTrackingScalingPolicyConfiguration') return policy.targetTracking;
  return policy.predictive;
}

const typeConfigMatch = defineRule(
  {
    code: 'policy.type-config-match', severity: 'error',
    title: 'PolicyType and its configuration block go together',
    description: 'A `StepScaling` policy needs `StepScalingPolicyConfiguration`, a `TargetTrackingScaling` policy `TargetTrackingScalingPolicyConfiguration`, a `PredictiveScaling` policy `PredictiveScalingPolicyConfiguration`; a block for another type is rejected.',
  },
  {
    policy(policy, _target, report) {
      const type = policy.policyType;
      if (!type) return;
      const wanted = CONFIG_FOR_TYPE[type.value];
      if (!wanted) return; // an unknown type is the schema's to report
      if (!has(policy, wanted)) {
        report(type.range, `A ${type.value} policy needs a ${wanted} block, and this one has none. Add it, or change PolicyType to match the block you wrote.`);
      }
      for (const [otherType, key] of CONFIG_ENTRIES) {
        const block = key === wanted ? undefined : blockOf(policy, key);
        if (block?.keyRange) {
          report(block.keyRange, `${key} belongs to ${otherType} policies, but PolicyType is ${type.value}; AWS rejects the extra block. Remove it or change PolicyType to ${otherType}.`, {
            related: [{ ...type.range, message: `PolicyType is ${type.value} here` }],
          });
        }
      }
    },
  },
);

export const policyTypeRules: Rule[] = [typeConfigMatch];
