import { removeMemberEdits } from '../document/edits';
import type { Located, Prop } from '../document/model';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';

function reportReadOnly(owner: Located & { readOnly: Prop<unknown>[] }, where: string, ctx: RuleContext): void {
  for (const prop of owner.readOnly) {
    const name = ctx.text.slice(prop.keyStart + 1, prop.keyEnd - 1);
    ctx.report({
      range: { start: prop.keyStart, end: prop.end },
      message: `${name} is read-only describe output; apply ignores it on a ${where}. Remove it to keep the file to what you control.`,
      unnecessary: true,
      fixes: [{ title: `Remove read-only ${name}`, edits: removeMemberEdits(owner.item, prop) }],
    });
  }
}

const readOnlyField = defineRule(
  {
    code: 'format.read-only-field',
    severity: 'information',
    title: 'Read-only fields from describe output are ignored',
    description:
      'Fields such as `PolicyARN`, `Alarms`, `CreationTime` and `ScheduledActionARN` come from Describe* output. AWS sets them; apply ignores them; a policy or action inherits `ServiceNamespace`, `ResourceId` and `ScalableDimension` from its target.',
  },
  {
    target: (target, ctx) => reportReadOnly(target, 'scalable target', ctx),
    policy: (policy, _t, ctx) => reportReadOnly(policy, 'scaling policy', ctx),
    scheduledAction: (action, _t, ctx) => reportReadOnly(action, 'scheduled action', ctx),
  },
);

export const readOnlyRules: Rule[] = [readOnlyField];
