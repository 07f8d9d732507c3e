import type { Prop, ScalingPolicy, ScheduledAction } from '../document/model';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';

/**
 * Reports every name after the first occurrence, pointing back at the first. A target has a
 * handful of policies and actions, so each name is looked for among those before it, with
 * no list or map built per target (a large file has thousands of targets).
 */
function reportDuplicates<T>(
  items: readonly T[],
  nameOf: (item: T) => Prop<string> | undefined,
  what: string,
  ctx: RuleContext,
): void {
  for (let j = 1; j < items.length; j++) {
    const name = nameOf(items[j]!);
    if (!name) continue;
    let earlier: Prop<string> | undefined;
    for (let i = 0; i < j && !earlier; i++) {
      const other = nameOf(items[i]!);
      if (other?.value === name.value) earlier = other;
    }
    if (!earlier) continue;
    ctx.report({
      range: name.range,
      message: `Another ${what} on this target is already named "${name.value}"; AWS would silently replace one with the other. Rename one of them.`,
      related: [{ ...earlier.range, message: `"${name.value}" is first used here` }],
    });
  }
}

const policyName = (policy: ScalingPolicy): Prop<string> | undefined => policy.policyName;
const actionName = (action: ScheduledAction): Prop<string> | undefined => action.name;

const policyNameUnique = defineRule(
  {
    code: 'policy.name-unique',
    severity: 'error',
    title: 'Policy names are unique per scalable target',
    description:
      'PutScalingPolicy creates or replaces the policy of that name, so two policies with one name on one target leave only the last.',
  },
  {
    target: (target, ctx) => {
      if (target.policies.length > 1) reportDuplicates(target.policies, policyName, 'scaling policy', ctx);
    },
  },
);

const actionNameUnique = defineRule(
  {
    code: 'sched.name-unique',
    severity: 'error',
    title: 'Scheduled action names are unique per scalable target',
    description:
      'PutScheduledAction creates or replaces the action of that name, so two actions with one name on one target leave only the last.',
  },
  {
    target: (target, ctx) => {
      if (target.scheduledActions.length > 1)
        reportDuplicates(target.scheduledActions, actionName, 'scheduled action', ctx);
    },
  },
);

export const uniqueNameRules: Rule[] = [policyNameUnique, actionNameUnique];
