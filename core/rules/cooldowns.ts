import { appendMemberEdit } from '../document/edits';
import type { Prop, ScalableTarget } from '../document/model';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';
import { trackingOf } from './targetTracking';

// Cooldowns: how long a policy waits after scaling before it scales again. Target tracking
// has one per direction (ScaleOutCooldown, ScaleInCooldown); a step policy has one Cooldown.

// The Application Auto Scaling User Guide gives 300 s as the default of both target-tracking
// cooldowns for SageMaker variants and inference components.
const SAGEMAKER_DEFAULT_COOLDOWN = 300;

/** The cooldown AWS applies when the policy leaves it out, where we know it. */
function defaultCooldown(target: ScalableTarget): number | undefined {
  return target.serviceNamespace?.value === 'sagemaker' ? SAGEMAKER_DEFAULT_COOLDOWN : undefined;
}

function seconds(value: number): string {
  if (value >= 3600 && value % 3600 === 0) return `${value} s (${value / 3600} h)`;
  if (value >= 60 && value % 60 === 0) return `${value} s (${value / 60} min)`;
  return `${value} s`;
}

const cooldownInt = defineRule(
  {
    code: 'tt.cooldown-int',
    severity: 'error',
    title: 'Cooldowns are whole seconds, not negative',
    description:
      '`ScaleInCooldown` and `ScaleOutCooldown` are integers of seconds; the JSON schema checks the type. The API sets no bound, but a negative wait means nothing, and AWS is not expected to accept it. Leave a cooldown out to get the service default (300 s for SageMaker).',
  },
  {
    policy(policy, _target, ctx) {
      const tt = trackingOf(policy);
      if (!tt) return;
      reportNegative(ctx, 'ScaleOutCooldown', tt.scaleOutCooldown);
      reportNegative(ctx, 'ScaleInCooldown', tt.scaleInCooldown);
    },
  },
);

function reportNegative(ctx: RuleContext, name: string, cooldown: Prop<number> | undefined): void {
  if (cooldown && cooldown.value < 0) {
    ctx.report({
      range: cooldown.range,
      message: `${name} is ${cooldown.value}, but a cooldown is a number of seconds to wait and cannot be negative. Use 0 or more, or leave it out for the default.`,
    });
  }
}

const cooldownOutGtIn = defineRule(
  {
    code: 'sanity.cooldown-out-gt-in',
    severity: 'warning',
    title: 'Scale out fast, scale in slowly',
    description:
      'AWS\'s guidance for target tracking (Application Auto Scaling User Guide, "Define cooldown periods") is to scale out quickly and scale in conservatively: a short `ScaleOutCooldown` lets capacity follow a surge, a long `ScaleInCooldown` keeps it from being removed while the load may come back. The SageMaker auto scaling walkthrough uses 60 s out and 300 s in, AWS\'s SageMaker CloudFormation example 30 s out and 600 s in. A scale-out cooldown longer than the scale-in one does the reverse: the fleet grows slowly and shrinks fast.',
  },
  {
    policy(policy, target, ctx) {
      const tt = trackingOf(policy);
      const out = tt?.scaleOutCooldown;
      // A policy that never scales in has no scale-in pace to compare with.
      if (!tt || !out || out.value < 0 || tt.disableScaleIn?.value === true) return;
      const explicitIn = tt.scaleInCooldown;
      const scaleIn = explicitIn?.value ?? defaultCooldown(target);
      if (scaleIn === undefined || scaleIn < 0 || out.value <= scaleIn) return;
      const inWords = explicitIn
        ? `ScaleInCooldown ${seconds(scaleIn)}`
        : `the ${seconds(scaleIn)} ScaleInCooldown that SageMaker applies when it is left out`;
      ctx.report({
        range: out.range,
        message: `ScaleOutCooldown ${seconds(out.value)} is longer than ${inWords}: the policy adds capacity slowly and removes it quickly, the reverse of AWS's advice to scale out fast and scale in slowly. Swap the two values.`,
        related: explicitIn ? [{ ...explicitIn.range, message: `ScaleInCooldown is ${explicitIn.value} here` }] : [],
        fixes: [
          {
            title: 'Swap ScaleOutCooldown and ScaleInCooldown',
            edits: [
              { ...out.range, newText: String(scaleIn) },
              explicitIn
                ? { ...explicitIn.range, newText: String(out.value) }
                : appendMemberEdit(ctx.text, tt.item, 'ScaleInCooldown', String(out.value))!,
            ],
          },
        ],
      });
    },
  },
);

// An hour between scaling steps is already slow for an endpoint that serves live traffic.
const HUGE_COOLDOWN = 3600;

function reportHuge(ctx: RuleContext, name: string, cooldown: Prop<number> | undefined): void {
  if (cooldown && cooldown.value > HUGE_COOLDOWN) {
    ctx.report({
      range: cooldown.range,
      message: `${name} is ${seconds(cooldown.value)}: after each scaling step the policy waits over an hour before the next one in that direction. Check that this is intended; a few minutes is usual.`,
    });
  }
}

const cooldownHuge = defineRule(
  {
    code: 'sanity.cooldown-huge',
    severity: 'information',
    title: 'A cooldown over an hour',
    description:
      'After scaling, a policy waits its cooldown before the next step in the same direction. Over an hour, a long surge or a long quiet spell is answered one step per hour or more; make sure that is what you want.',
  },
  {
    policy(policy, _target, ctx) {
      const tt = trackingOf(policy);
      reportHuge(ctx, 'ScaleOutCooldown', tt?.scaleOutCooldown);
      reportHuge(ctx, 'ScaleInCooldown', tt?.scaleInCooldown);
      reportHuge(ctx, 'Cooldown', policy.stepScaling?.cooldown);
    },
  },
);

export const cooldownRules: Rule[] = [cooldownInt, cooldownOutGtIn, cooldownHuge];
