import type { Range, RelatedLocation } from '../finding';
import { member, type ScalableTarget, type ScalingPolicy } from '../document/model';
import { defineRule, type Rule } from '../lint/rule';
import { SAGEMAKER_DIMENSIONS } from '../facts/sagemaker';
import { runSide, triggerStates } from '../language/stepIntervals';
import { headOf, policyHead, policyLabel, targetLabel } from './locate';
import { boundCrossing, scheduledBounds, scheduledWakeUp, scheduleLowersMax } from './scheduledActions';
import { addsCapacity } from './scaleToZero';

// Sanity checks a seasoned engineer would raise: AWS accepts these set-ups, but they do
// not do what their author wants.

/** Where to point at a target as a whole: the ResourceId that names it, else its opening brace. */
function targetAnchor(target: ScalableTarget): Range {
  return target.resourceId?.range ?? headOf(target);
}

/** The number of elements of an array member; undefined when the member is not an array (the schema's). */
function elementCount(target: ScalableTarget, key: string): number | undefined {
  const value = member(target, key);
  if (!value) return 0;
  return value.type === 'array' ? (value.children?.length ?? 0) : undefined;
}

function policyRelated(policy: ScalingPolicy, message: string): RelatedLocation {
  return { ...policyHead(policy), message };
}

const noPolicies = defineRule(
  {
    code: 'sanity.no-policies',
    severity: 'information',
    title: 'A scalable target with nothing that scales it',
    description:
      'A target with neither scaling policies nor scheduled actions is registered but never scaled: its capacity only stays within `MinCapacity` and `MaxCapacity`. Add a target-tracking policy or a scheduled action. (Policies that exist in AWS but not in the file are kept by apply unless you prune, so this can be intended while you migrate.)',
  },
  {
    target(target, ctx) {
      if (elementCount(target, 'ScalingPolicies') !== 0 || elementCount(target, 'ScheduledActions') !== 0) return;
      ctx.report({
        range: targetAnchor(target),
        message: `${targetLabel(target)} has no scaling policies and no scheduled actions, so nothing scales it. Add a target-tracking policy (or a scheduled action) to let its capacity follow the load.`,
      });
    },
  },
);

/** A target-tracking policy on a predefined metric: all of them are per unit of capacity or a utilisation, undefined at zero capacity. */
function tracksPredefinedMetric(policy: ScalingPolicy): boolean {
  return (
    policy.policyType?.value === 'TargetTrackingScaling' &&
    policy.targetTracking?.predefined !== undefined &&
    policy.targetTracking.customized === undefined
  );
}

const minZeroNoWakeup = defineRule(
  {
    code: 'sanity.min-zero-no-wakeup',
    severity: 'warning',
    title: 'MinCapacity 0 with nothing to scale out from zero',
    description:
      'Target tracking on a predefined metric follows a value per unit of capacity (invocations per instance, utilisation); at zero capacity that metric has no data, so a target that only has such policies never scales out again once it reaches 0. Raise `MinCapacity` to 1, or add a step scaling policy on a metric that exists at zero capacity. Not reported when a scheduled action raises `MinCapacity` above 0, when a policy tracks a customized metric (which may exist at zero), or for SageMaker instance variants (`target.sm-variant-min-zero`) and inference components (`sm.ic-scale-to-zero`), which have their own codes.',
  },
  {
    target(target, ctx) {
      const min = target.minCapacity;
      if (min?.value !== 0 || target.policies.length === 0) return;
      const dimension = target.scalableDimension?.value;
      if (
        dimension === SAGEMAKER_DIMENSIONS.variantInstances ||
        dimension === SAGEMAKER_DIMENSIONS.inferenceComponentCopies
      )
        return;
      if (!target.policies.every(tracksPredefinedMetric) || scheduledWakeUp(target)) return;
      ctx.report({
        range: min.range,
        message:
          'MinCapacity is 0 and only target tracking scales this target: at zero capacity its metric has no data, so once capacity reaches 0 nothing scales it out again. Set MinCapacity to 1, or add a step scaling policy on a metric that exists at zero capacity.',
        related: target.policies.map((p) => policyRelated(p, `Target-tracking policy ${policyLabel(p)}`)),
      });
    },
  },
);

const schedMinAboveMax = defineRule(
  {
    code: 'sanity.sched-min-above-max',
    severity: 'error',
    title: 'A one-sided scheduled action crosses every maximum (or minimum) it could meet',
    description:
      "An action that sets only `MinCapacity`, above the target's `MaxCapacity` and above every `MaxCapacity` the other scheduled actions set, can never apply: whichever action ran before it, the new minimum exceeds the maximum. Likewise an action that sets only `MaxCapacity` below the target's `MinCapacity` and below every other action's `MinCapacity`. Reported only when other actions set the opposite bound; with none, `sched.action-vs-target` reports the comparison with the target. Give the action both bounds.",
  },
  {
    target(target, ctx) {
      if (target.scheduledActions.length < 2) return;
      const bounds = scheduledBounds(target);
      for (const action of target.scheduledActions) {
        const crossing = boundCrossing(action, target, bounds);
        if (crossing?.others !== 'no-room') continue;
        const { value, targetBound, nearest } = crossing;
        if (crossing.side === 'min') {
          ctx.report({
            range: value.range,
            message: `This action sets only MinCapacity ${value.value}, above the target's MaxCapacity ${targetBound.value} and above the highest MaxCapacity another scheduled action sets (${nearest!.value}); whatever ran before it, the minimum would exceed the maximum. Add "MaxCapacity" (at least ${value.value}) to this action.`,
            related: [
              { ...targetBound.range, message: `The target's MaxCapacity is ${targetBound.value} here` },
              { ...nearest!.range, message: `The highest scheduled MaxCapacity is ${nearest!.value} here` },
            ],
          });
        } else {
          ctx.report({
            range: value.range,
            message: `This action sets only MaxCapacity ${value.value}, below the target's MinCapacity ${targetBound.value} and below the lowest MinCapacity another scheduled action sets (${nearest!.value}); whatever ran before it, the maximum would fall below the minimum. Add "MinCapacity" (at most ${value.value}) to this action.`,
            related: [
              { ...targetBound.range, message: `The target's MinCapacity is ${targetBound.value} here` },
              { ...nearest!.range, message: `The lowest scheduled MinCapacity is ${nearest!.value} here` },
            ],
          });
        }
      }
    },
  },
);

// The metric SageMaker emits for requests that found no copy to serve them: the only one
// with data while an inference component has zero copies.
const NO_CAPACITY_METRIC = 'NoCapacityInvocationFailures';

/**
 * Why a step policy cannot bring an inference component up from zero copies, as a pointer
 * to the reason; undefined when it can (or might: an alarm managed outside the file, or on
 * metric math, gets the benefit of the doubt). Any alarm of the policy may be the wake-up:
 * one on NoCapacityInvocationFailures that runs it while failures are above its threshold
 * (in ALARM of a GreaterThan… alarm); one run in INSUFFICIENT_DATA may run at zero copies too.
 */
function cannotWakeFromZero(policy: ScalingPolicy): RelatedLocation | undefined {
  const steps = policy.stepScaling?.stepAdjustments?.items ?? [];
  const adjustments = steps.flatMap((s) => (s.scalingAdjustment ? [s.scalingAdjustment.value] : []));
  if (adjustments.length > 0 && adjustments.every((a) => a <= 0))
    return policyRelated(policy, `Step policy ${policyLabel(policy)} only removes copies`);
  let reason: RelatedLocation | undefined;
  for (const alarm of policy.alarms) {
    const metric = alarm.metricName;
    const states = triggerStates(alarm);
    if (!metric || states.includes('INSUFFICIENT_DATA')) return undefined;
    if (metric.value !== NO_CAPACITY_METRIC) {
      reason ??= {
        ...metric.range,
        message: `${policyLabel(policy)} is triggered by ${metric.value}, which has no data at 0 copies`,
      };
      continue;
    }
    // Failures rise when requests find no copy: the policy wakes the component where it runs above the threshold.
    if (states.some((state) => runSide(alarm, state) !== 'below')) return undefined;
    reason ??= {
      ...(alarm.triggerPolicyOn?.range ?? metric.range),
      message: `${policyLabel(policy)} runs while its ${NO_CAPACITY_METRIC} alarm is OK, when no request fails`,
    };
  }
  return reason;
}

const icScaleToZero = defineRule(
  {
    code: 'sm.ic-scale-to-zero',
    severity: 'warning',
    title: 'An inference component that scales to zero needs a step policy to scale out again',
    description:
      "With `MinCapacity` 0 an inference component can scale in to zero copies, but target tracking cannot bring it back: its per-copy metrics have no data at zero copies. SageMaker's scale-to-zero set-up adds a **step scaling** policy triggered by a CloudWatch alarm on `NoCapacityInvocationFailures` that adds a copy. Reported when no step policy here can do that (none exists, or each one only removes copies, is triggered by another metric, or runs only while its `NoCapacityInvocationFailures` alarm is OK: `TriggerPolicyOn`); every alarm of `CloudWatchAlarms` may be the one. Not reported when a scheduled action raises `MinCapacity` above 0. The endpoint also needs `ManagedInstanceScaling.MinInstanceCount` 0, which only a live check can see.",
  },
  {
    target(target, ctx) {
      const min = target.minCapacity;
      if (target.scalableDimension?.value !== SAGEMAKER_DIMENSIONS.inferenceComponentCopies || min?.value !== 0) return;
      if (target.policies.length === 0 || scheduledWakeUp(target)) return;
      const stepPolicies = target.policies.filter((p) => p.policyType?.value === 'StepScaling');
      const reasons = stepPolicies.map(cannotWakeFromZero);
      if (reasons.some((r) => r === undefined)) return;
      if (stepPolicies.length === 0) {
        ctx.report({
          range: min.range,
          message: `MinCapacity 0 lets this inference component scale in to zero copies, but only target tracking scales it, and target tracking cannot scale out from zero (per-copy metrics have no data at 0 copies): requests would fail until someone adds a copy. Add a StepScaling policy with a CloudWatch alarm on ${NO_CAPACITY_METRIC}, or set MinCapacity to 1.`,
          related: target.policies.map((p) => policyRelated(p, `Policy ${policyLabel(p)}`)),
        });
        return;
      }
      ctx.report({
        range: min.range,
        message: `MinCapacity 0 lets this inference component scale in to zero copies, but none of its step scaling policies can bring it back: each one only removes copies, is triggered by a metric with no data at 0 copies, or runs only while no request fails. Trigger a policy that adds a copy from a CloudWatch alarm on ${NO_CAPACITY_METRIC}, or set MinCapacity to 1.`,
        related: reasons as RelatedLocation[],
      });
    },
  },
);

/** Whether a policy can take capacity away: target tracking that scales in, a negative step, an exact capacity. */
function removesCapacity(policy: ScalingPolicy): boolean {
  const type = policy.policyType?.value;
  if (type === 'TargetTrackingScaling') return policy.targetTracking?.disableScaleIn?.value !== true;
  const config = policy.stepScaling;
  if (!config) return type !== 'StepScaling'; // an unknown kind of policy: benefit of the doubt
  if (config.adjustmentType?.value === 'ExactCapacity') return true;
  return (config.stepAdjustments?.items ?? []).some((s) => (s.scalingAdjustment?.value ?? 0) < 0);
}

const neverScalesIn = defineRule(
  {
    code: 'sanity.never-scales-in',
    severity: 'warning',
    title: 'What scales a target out has something that scales it in',
    description:
      "A target whose step policies add capacity, with nothing that removes it (no target tracking that scales in, no step with a negative adjustment or an exact capacity, no scheduled action that lowers `MaxCapacity`), stays at its peak once scaled out, and keeps costing, until someone lowers it by hand. Add a scale-in step policy on the same metric (with a band between the thresholds), or a target-tracking policy. A target-tracking policy with `DisableScaleIn` is `tt.disable-scale-in`'s, a suspension `target.suspended`'s.",
  },
  {
    target(target, ctx) {
      if (target.policies.length === 0 || target.serviceNamespace?.value === 'kafka') return;
      const min = target.minCapacity?.value;
      const max = target.maxCapacity?.value;
      if (min !== undefined && max !== undefined && min >= max) return;
      let out: ScalingPolicy | undefined;
      for (const policy of target.policies) {
        if (removesCapacity(policy)) return; // most targets: target tracking that scales in
        if (!out && policy.policyType?.value === 'StepScaling' && addsCapacity(policy)) out = policy;
      }
      if (!out || scheduleLowersMax(target)) return;
      if (target.policies.some((p) => p.targetTracking?.disableScaleIn?.value === true)) return; // tt.disable-scale-in
      ctx.report({
        range: policyHead(out),
        message: `${policyLabel(out)} adds capacity, and nothing on this target removes it: no target tracking that scales in, no step policy with a negative adjustment, no scheduled action that lowers MaxCapacity. Once scaled out, the target stays at its peak until someone lowers it by hand. Add a scale-in step policy on the same metric, with a band between the thresholds.`,
      });
    },
  },
);

export const sanityRules: Rule[] = [noPolicies, minZeroNoWakeup, schedMinAboveMax, icScaleToZero, neverScalesIn];
