import type { Prop } from '../model';
import { defineRule, type Reporter, type Rule } from '../rule';

/** Reports every name after the first occurrence, pointing back at the first. */
function reportDuplicates(names: (Prop<string> | undefined)[], what: string, report: Reporter): void {
  const first = new Map<string, Prop<string>>();
  for (const name of names) {
    if (!name) continue;
    const earlier = first.get(name.value);
    if (!earlier) {
      first.set(name.value, name);
      continue;
    }
    report(name.range, `Another ${what} on this target is already named "${name.value}"; AWS would silently replace one with the other. Rename one of them.`, {
      related: [{ ...earlier.range, message: `"${name.value}" is first used here` }],
    });
  }
}

// The visitors skip targets with fewer than two names, most of them, without building a list and a map.

const policyNameUnique = defineRule(
  {
    code: 'policy.name-unique', severity: 'error',
    title: 'Policy names are unique per scalable target',
    description: 'PutScalingPolicy creates or replaces the policy of that name, so two policies with one name on one target leave only the last.',
  },
  { target: (target, report) => { if (target.policies.length > 1) reportDuplicates(target.policies.map((p) => p.policyName), 'scaling policy', report); } },
);

const actionNameUnique = defineRule(
  {
    code: 'sched.name-unique', severity: 'error',
    title: 'Scheduled action names are unique per scalable target',
    description: 'PutScheduledAction creates or replaces the action of that name, so two actions with one name on one target leave only the last.',
  },
  { target: (target, report) => { if (target.scheduledActions.length > 1) reportDuplicates(target.scheduledActions.map((a) => a.name), 'scheduled action', report); } },
);

export const uniqueNameRules: Rule[] = [policyNameUnique, actionNameUnique];
