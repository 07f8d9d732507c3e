import { appendMemberEdit } from '../document/edits';
import { has, type ScalingPolicy } from '../document/model';
import { defineRule, type Rule } from '../lint/rule';
import { table } from '../table';
import { policyHead, policyLabel } from './locate';

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
    code: 'policy.type-config-match',
    severity: 'error',
    title: 'PolicyType and its configuration block go together',
    description:
      'A `StepScaling` policy needs `StepScalingPolicyConfiguration`, a `TargetTrackingScaling` policy `TargetTrackingScalingPolicyConfiguration`, a `PredictiveScaling` policy `PredictiveScalingPolicyConfiguration`; a block for another type is rejected.',
  },
  {
    policy(policy, _target, ctx) {
      const type = policy.policyType;
      if (!type) return;
      const wanted = CONFIG_FOR_TYPE[type.value];
      if (!wanted) return; // an unknown type is the schema's to report
      if (!has(policy, wanted)) {
        ctx.report({
          range: type.range,
          message: `A ${type.value} policy needs a ${wanted} block, and this one has none. Add it, or change PolicyType to match the block you wrote.`,
        });
      }
      for (const [otherType, key] of CONFIG_ENTRIES) {
        const block = key === wanted ? undefined : blockOf(policy, key);
        if (block?.keyRange) {
          ctx.report({
            range: block.keyRange,
            message: `${key} belongs to ${otherType} policies, but PolicyType is ${type.value}; AWS rejects the extra block. Remove it or change PolicyType to ${otherType}.`,
            related: [{ ...type.range, message: `PolicyType is ${type.value} here` }],
          });
        }
      }
    },
  },
);

const typeRequired = defineRule(
  {
    code: 'policy.type-required',
    severity: 'error',
    title: 'A scaling policy states its PolicyType',
    description:
      'PutScalingPolicy requires `PolicyType` when it creates a policy ("This parameter is required if you are creating a scaling policy"), and a file states each policy in full. With one configuration block the type is clear, and the quick fix adds it. This is the required half of the catalogue\'s `policy.type-enum`; the JSON schema checks the value against the three types.',
  },
  {
    policy(policy, _target, ctx) {
      if (has(policy, 'PolicyType')) return; // present, of any JSON type: the schema checks the value
      const blocks = CONFIG_ENTRIES.filter(([, key]) => blockOf(policy, key) !== undefined);
      if (blocks.length !== 1) {
        ctx.report({
          range: policyHead(policy),
          message: `Policy ${policyLabel(policy)} has no PolicyType: AWS needs it to create the policy. Add "PolicyType" (StepScaling, TargetTrackingScaling or PredictiveScaling) with its configuration block.`,
        });
        return;
      }
      const [type, key] = blocks[0]!;
      const edit = appendMemberEdit(ctx.text, policy.item, 'PolicyType', JSON.stringify(type));
      ctx.report({
        range: policyHead(policy),
        message: `Policy ${policyLabel(policy)} has no PolicyType: AWS needs it to create the policy. Its ${key} makes it a ${type} policy: add "PolicyType": "${type}".`,
        fixes: edit ? [{ title: `Add "PolicyType": "${type}"`, edits: [edit] }] : [],
      });
    },
  },
);

export const policyTypeRules: Rule[] = [typeConfigMatch, typeRequired];
