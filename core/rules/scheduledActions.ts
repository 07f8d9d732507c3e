import { defineRule, type Rule } from '../rule';

const actionMinLeMax = defineRule(
  {
    code: 'sched.action-min-le-max', severity: 'error',
    title: "A scheduled action's MinCapacity must not exceed its MaxCapacity",
    description: 'AWS rejects the action with "Maximum capacity cannot be less than minimum capacity".',
  },
  {
    scheduledAction(action, _target, report) {
      const min = action.action?.minCapacity;
      const max = action.action?.maxCapacity;
      if (min && max && min.value > max.value) {
        report(min.range, `This action sets MinCapacity ${min.value} above its MaxCapacity ${max.value}; AWS rejects it. Lower MinCapacity or raise MaxCapacity.`, {
          related: [{ ...max.range, message: `MaxCapacity is ${max.value} here` }],
        });
      }
    },
  },
);

export const scheduledActionRules: Rule[] = [actionMinLeMax];
