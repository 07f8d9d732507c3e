import type { Fix, RelatedLocation } from '../finding';
import { replaceValueEdits } from '../document/edits';
import { has, type CloudWatchAlarm, type Prop, type ScalableTarget, type ScalingPolicy } from '../document/model';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';
import { endpointKindOf } from '../facts/endpointKinds';
import { isSageMakerNamespace, metricFacts } from '../facts/metrics';
import { SAGEMAKER_DIMENSIONS } from '../facts/sagemaker';
import { isStepPolicy, runSide, triggerStates } from '../language/stepIntervals';
import { policyHead, policyLabel } from './locate';
import { scheduledWakeUp } from './scheduledActions';

// Instance variants at MinCapacity 0. AWS documents scale-to-zero for asynchronous
// endpoints (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html)
// and for inference components, not for real-time variants. Which kind a variant is, the
// file tells by its metrics (core/facts/endpointKinds.ts); where it does not, a rule says
// only what holds for every kind, or stays silent.

const ASYNC_AUTOSCALE = 'https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html';

/** Whether a step policy adds capacity (a positive change, or an exact capacity above 0). */
export function addsCapacity(policy: ScalingPolicy): boolean {
  return (policy.stepScaling?.stepAdjustments?.items ?? []).some((s) => (s.scalingAdjustment?.value ?? 0) > 0);
}

/**
 * Whether an alarm may have data while the variant has no instance: it watches a metric
 * that SageMaker publishes at zero capacity (the backlog, HasBacklogWithoutCapacity), or a
 * metric the catalogue does not know (another namespace, a metric of the user's own), which
 * gets the benefit of the doubt.
 */
function alarmSeesZero(alarm: CloudWatchAlarm): boolean {
  const metrics: { namespace?: string; name?: string }[] = [];
  if (alarm.metricName) metrics.push({ namespace: alarm.namespace?.value, name: alarm.metricName.value });
  for (const query of alarm.metrics?.items ?? []) {
    const metric = query.metricStat?.metric;
    if (metric?.metricName) metrics.push({ namespace: metric.namespace?.value, name: metric.metricName.value });
  }
  if (metrics.length === 0) return true; // nothing to tell by
  return metrics.some(({ namespace, name }) => {
    if (namespace === undefined || !isSageMakerNamespace(namespace)) return true;
    const facts = metricFacts(namespace, name);
    return facts === undefined || facts.atZeroCapacity !== undefined;
  });
}

/**
 * Whether an alarm can run its policy while the variant has no instance: in INSUFFICIENT_DATA
 * (metrics without data at zero leave it there), or on a metric with data then, where it
 * runs the policy with the metric high (the backlog metrics rise with what waits: in ALARM of
 * a GreaterThan… alarm, not while it is OK). A metric the catalogue does not know, or metric
 * math, gets the benefit of the doubt.
 */
function alarmWakes(alarm: CloudWatchAlarm): boolean {
  const states = triggerStates(alarm);
  if (states.includes('INSUFFICIENT_DATA')) return true;
  if (!alarmSeesZero(alarm)) return false;
  if (has(alarm, 'Metrics') || !metricFacts(alarm.namespace?.value, alarm.metricName?.value)) return true;
  return states.some((state) => runSide(alarm, state) !== 'below');
}

/** How a variant at zero instances comes back: at once, late (target tracking on the backlog per instance), or never. */
interface WakeUp {
  now: boolean;
  /** A target-tracking policy on the backlog per instance, with its TargetValue. */
  late?: { policy: ScalingPolicy; targetValue?: Prop<number> };
}

function wakeUpOf(target: ScalableTarget): WakeUp {
  const wake: WakeUp = { now: false };
  for (const policy of target.policies) {
    if (isStepPolicy(policy)) {
      // A policy whose alarm is managed elsewhere may well be the wake-up.
      if (addsCapacity(policy) && (policy.alarms.length === 0 || policy.alarms.some(alarmWakes))) wake.now = true;
      continue;
    }
    const customized = policy.targetTracking?.customized;
    if (!customized) continue;
    const facts = metricFacts(customized.namespace?.value, customized.metricName?.value);
    if (facts?.atZeroCapacity) wake.late ??= { policy, targetValue: policy.targetTracking?.targetValue };
    else if (customized.metrics || (customized.namespace && !isSageMakerNamespace(customized.namespace.value)))
      wake.late ??= { policy }; // metric math or another namespace: it may have data at zero
  }
  return wake;
}

/** The quick fix, when it is certain: a MaxCapacity of 0 beside it would need a change of its own. */
function setToOne(min: Prop<number>, max: Prop<number> | undefined): Fix[] {
  if (max && max.value < 1) return [];
  return [{ title: 'Set MinCapacity to 1', edits: replaceValueEdits(min, 1) }];
}

const smVariantMinZero = defineRule(
  {
    code: 'target.sm-variant-min-zero',
    severity: 'warning',
    title: 'A real-time SageMaker variant does not scale to zero instances',
    description: `The Application Auto Scaling API accepts 0 as the minimum of any SageMaker variant, but only asynchronous endpoints (${ASYNC_AUTOSCALE}) and inference components (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html) scale to zero; a real-time variant keeps at least one instance. The file tells a real-time variant by its metrics: it tracks or alarms on \`InvocationsPerInstance\` or \`ConcurrentRequestsPerModel\`, which SageMaker does not publish for asynchronous endpoints (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html). An asynchronous endpoint (one that uses the backlog metrics) is not reported here; \`sm.async-scale-to-zero\` checks that it can scale out again. When the metrics do not tell, the variant is reported only when nothing on it could bring it back from zero either, which is wrong for both kinds. Plan and apply read the endpoint configuration and report a real-time variant for sure (\`sm.endpoint-kind\`). Reported on the target and on scheduled actions that set \`MinCapacity\` 0.`,
  },
  {
    target(target, ctx) {
      const min = target.minCapacity;
      if (target.scalableDimension?.value !== SAGEMAKER_DIMENSIONS.variantInstances || min?.value !== 0) return;
      const why = realTimeOrStuck(target);
      if (!why) return;
      ctx.report({
        range: min.range,
        message: `MinCapacity 0 on ${why.text} Set MinCapacity to 1.`,
        related: why.related,
        fixes: setToOne(min, target.maxCapacity),
      });
    },
    scheduledAction(action, target, ctx) {
      const min = action.action?.minCapacity;
      if (target.scalableDimension?.value !== SAGEMAKER_DIMENSIONS.variantInstances || min?.value !== 0) return;
      const kind = endpointKindOf(target).kind;
      if (kind !== 'real-time' && kind !== 'multi-model') return; // a schedule may well be an async endpoint's night
      const why = realTimeOrStuck(target)!;
      ctx.report({
        range: min.range,
        message: `This action lowers MinCapacity to 0 on ${why.text} Use 1.`,
        related: why.related,
        fixes: setToOne(min, action.action?.maxCapacity),
      });
    },
  },
);

/** Why MinCapacity 0 is wrong for this variant, or undefined when it may be right (or the file cannot tell). */
function realTimeOrStuck(target: ScalableTarget): { text: string; related: RelatedLocation[] } | undefined {
  const reading = endpointKindOf(target);
  if ((reading.kind === 'real-time' || reading.kind === 'multi-model') && reading.evidence) {
    const metric = reading.evidence.facts.name;
    const what = reading.kind === 'multi-model' ? 'a multi-model endpoint' : 'a real-time endpoint';
    return {
      text: `${reading.kind === 'multi-model' ? 'a multi-model variant' : 'a real-time variant'}: it is scaled on ${metric}, which SageMaker publishes for ${what} and not for asynchronous ones, and such a variant keeps at least 1 instance (only asynchronous endpoints and inference components scale to zero).`,
      related: [{ ...reading.evidence.at.range, message: `${metric}: ${what}'s metric` }],
    };
  }
  if (reading.kind !== undefined || reading.conflict) return undefined;
  if (target.policies.length === 0 || scheduledWakeUp(target)) return undefined;
  const wake = wakeUpOf(target);
  if (wake.now || wake.late) return undefined;
  return {
    text: 'an instance variant, and nothing here brings it back from zero: a real-time variant keeps at least 1 instance, and if this is an asynchronous endpoint, none of its policies is triggered by a metric that has data at zero instances (HasBacklogWithoutCapacity, ApproximateBacklogSize).',
    related: target.policies.map((p) => ({
      ...policyHead(p),
      message: `${policyLabel(p)} needs instances to have data`,
    })),
  };
}

const asyncScaleToZero = defineRule(
  {
    code: 'sm.async-scale-to-zero',
    severity: 'warning',
    title: 'An asynchronous endpoint that scales to zero has a policy to scale out again',
    description: `An asynchronous endpoint (one whose policies use the backlog metrics) may scale to \`MinCapacity\` 0. To come back, AWS adds a step scaling policy triggered by an alarm on \`HasBacklogWithoutCapacity\`; "if you do not specify this optional policy, the endpoint only initiates scaling up from zero after the number of backlog requests exceeds the target tracking value" (${ASYNC_AUTOSCALE}), so the first requests wait, a lone request possibly for good. Reported when no step policy adds capacity on a metric that has data at zero instances (any alarm of \`CloudWatchAlarms\` may be the one; an alarm that runs the policy only while it is OK, \`TriggerPolicyOn\`, runs it when nothing waits, not then); not reported when a scheduled action raises \`MinCapacity\` above 0.`,
  },
  {
    target(target, ctx) {
      const min = target.minCapacity;
      if (target.scalableDimension?.value !== SAGEMAKER_DIMENSIONS.variantInstances || min?.value !== 0) return;
      if (endpointKindOf(target).kind !== 'async' || scheduledWakeUp(target)) return;
      const wake = wakeUpOf(target);
      if (wake.now) return;
      reportNoWakeUp(ctx, min, wake);
    },
  },
);

function reportNoWakeUp(ctx: RuleContext, min: Prop<number>, wake: WakeUp): void {
  const add =
    'Add a StepScaling policy that adds an instance, triggered by an alarm on HasBacklogWithoutCapacity (AWS/SageMaker, EndpointName) at ≥ 1, as AWS documents, or set MinCapacity to 1.';
  if (wake.late) {
    const value = wake.late.targetValue?.value;
    const until = value === undefined ? 'its TargetValue' : `${value}`;
    ctx.report({
      range: min.range,
      message: `MinCapacity 0 lets this asynchronous endpoint scale in to no instances, and only target tracking on the backlog brings it back: AWS scales it out from zero only once the backlog exceeds ${until}, so the first requests wait, and a lone request may wait for good. ${add}`,
      related: [
        {
          ...policyHead(wake.late.policy),
          message: `${policyLabel(wake.late.policy)} tracks the backlog per instance`,
        },
      ],
    });
    return;
  }
  ctx.report({
    range: min.range,
    message: `MinCapacity 0 lets this asynchronous endpoint scale in to no instances, and none of its policies is triggered by a metric that has data then: once at zero, it never scales out again and requests queue until they expire. ${add}`,
  });
}

export const scaleToZeroRules: Rule[] = [smVariantMinZero, asyncScaleToZero];
