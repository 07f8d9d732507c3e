import { removeMemberEdits } from '../document/edits';
import type { Located, Prop } from '../document/model';
import { defineRule, type Reporter, type Rule, type RuleContext } from '../lint/rule';

function reportReadOnly(
  owner: Located & { readOnly: Prop<unknown>[] },
  where: string,
  report: Reporter,
  ctx: RuleContext,
): void {
  for (const prop of owner.readOnly) {
    const name = ctx.text.slice(prop.keyStart + 1, prop.keyEnd - 1);
    report(
      { start: prop.keyStart, end: prop.end },
      `${name} is read-only describe output; apply ignores it on a ${where}. Remove it to keep the file to what you control.`,
      {
        unnecessary: true,
        fixes: [{ title: `Remove read-only ${name}`, edits: removeMemberEdits(owner.item, prop) }],
      },
    );
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
    target: (target, report, ctx) => reportReadOnly(target, 'scalable target', report, ctx),
    policy: (policy, _t, report, ctx) => reportReadOnly(policy, 'scaling policy', report, ctx),
    scheduledAction: (action, _t, report, ctx) => reportReadOnly(action, 'scheduled action', report, ctx),
  },
);

export const readOnlyRules: Rule[] = [readOnlyField];
