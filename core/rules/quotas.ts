import type { Range } from '../finding';
import { member, type Located, type ScalableTarget } from '../document/model';
import { defineRule, type Rule } from '../lint/rule';
import { headOf } from './locate';
import { table } from '../table';

// Application Auto Scaling's quotas (User Guide, "Quotas for Application Auto Scaling").
// The per-target ones cannot be raised, so going over them is an error; the per-type one
// can, and live targets count too, so the file alone only gives a hint.
const MAX_POLICIES_PER_TARGET = 50;
const MAX_SCHEDULED_ACTIONS_PER_TARGET = 200;
const TARGETS_PER_NAMESPACE = table<number>({ dynamodb: 5000, ecs: 3000, cassandra: 1500 });
const TARGETS_PER_OTHER_NAMESPACE = 500;

/** The key of an array member of a target (`"ScalingPolicies"`), where a finding about the whole list goes. */
function listKey(target: ScalableTarget, key: string): Range {
  return member(target, key)!.keyRange;
}

function firstOver(items: readonly Located[], limit: number, name: (index: number) => string) {
  const item = items[limit]!;
  return [{ ...headOf(item), message: `${name(limit)} is the first over the quota` }];
}

const policiesPerTarget = defineRule(
  {
    code: 'quota.policies-per-target',
    severity: 'error',
    title: 'At most 50 scaling policies per scalable target',
    description:
      'Application Auto Scaling allows 50 scaling policies (step and target tracking together) per scalable target, and the quota cannot be raised: the 51st PutScalingPolicy fails. Merge policies or split the load across targets.',
  },
  {
    target(target, ctx) {
      const count = target.policies.length;
      if (count <= MAX_POLICIES_PER_TARGET) return;
      ctx.report({
        range: listKey(target, 'ScalingPolicies'),
        message: `This target has ${count} scaling policies; AWS allows at most ${MAX_POLICIES_PER_TARGET} per scalable target, and the quota cannot be raised. Remove or merge ${count - MAX_POLICIES_PER_TARGET} of them.`,
        related: firstOver(target.policies, MAX_POLICIES_PER_TARGET, (i) => {
          const name = target.policies[i]!.policyName;
          return name ? `Policy "${name.value}"` : `Policy #${i + 1}`;
        }),
      });
    },
  },
);

const scheduledPerTarget = defineRule(
  {
    code: 'quota.scheduled-per-target',
    severity: 'error',
    title: 'At most 200 scheduled actions per scalable target',
    description:
      'Application Auto Scaling allows 200 scheduled actions per scalable target, and the quota cannot be raised: the 201st PutScheduledAction fails. Replace one-time `at()` actions with a recurring `cron()` schedule, or drop actions that have ended.',
  },
  {
    target(target, ctx) {
      const count = target.scheduledActions.length;
      if (count <= MAX_SCHEDULED_ACTIONS_PER_TARGET) return;
      ctx.report({
        range: listKey(target, 'ScheduledActions'),
        message: `This target has ${count} scheduled actions; AWS allows at most ${MAX_SCHEDULED_ACTIONS_PER_TARGET} per scalable target, and the quota cannot be raised. Remove ${count - MAX_SCHEDULED_ACTIONS_PER_TARGET}, for example by turning one-time at() actions into a recurring cron() schedule.`,
        related: firstOver(target.scheduledActions, MAX_SCHEDULED_ACTIONS_PER_TARGET, (i) => {
          const name = target.scheduledActions[i]!.name;
          return name ? `Action "${name.value}"` : `Action #${i + 1}`;
        }),
      });
    },
  },
);

const targetsPerType = defineRule(
  {
    code: 'quota.targets-per-type',
    severity: 'information',
    title: 'Scalable targets per resource type stay within the account quota',
    description:
      'An account may register, per Region, 5,000 DynamoDB, 3,000 ECS, 1,500 Keyspaces and 500 scalable targets of every other resource type, SageMaker included. The quotas can be raised in Service Quotas, and targets already registered count too, so this is a hint: reported once per service namespace when the file alone goes over.',
  },
  {
    file(file, ctx) {
      const counts = new Map<string, number>();
      for (const target of file.targets) {
        const ns = target.serviceNamespace;
        if (!ns) continue;
        const count = (counts.get(ns.value) ?? 0) + 1;
        counts.set(ns.value, count);
        const quota = TARGETS_PER_NAMESPACE[ns.value] ?? TARGETS_PER_OTHER_NAMESPACE;
        if (count !== quota + 1) continue;
        const total = file.targets.filter((t) => t.serviceNamespace?.value === ns.value).length;
        ctx.report({
          range: ns.range,
          message: `This file registers ${total} ${ns.value} scalable targets; the default quota is ${quota} per resource type in a Region, and targets already in the account count too. Request an increase in Service Quotas before applying, or split the targets across Regions or accounts.`,
        });
      }
    },
  },
);

export const quotaRules: Rule[] = [policiesPerTarget, scheduledPerTarget, targetsPerType];
