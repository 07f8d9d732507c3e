import { removeMemberEdits, replaceValueEdits } from '../document/edits';
import type { Fix, Range, RelatedLocation } from '../finding';
import {
  has,
  member,
  type CloudWatchAlarm,
  type ScalableTarget,
  type ScalingPolicy,
  type StepAdjustment,
  type StepScalingConfiguration,
} from '../document/model';
import { defineMultiCodeRule, defineRule, type Rule, type RuleContext } from '../lint/rule';
import { metricFacts, type MetricFacts } from '../facts/metrics';
import { SAGEMAKER_DIMENSIONS } from '../facts/sagemaker';
import {
  alarmSide,
  boundsOf,
  runSide,
  triggerStates,
  type TriggerState,
  formatInterval,
  formatNumber,
  isStepPolicy,
  relativeInterval,
  type AlarmSide,
} from '../language/stepIntervals';
import { headOf, policyHead, policyLabel } from './locate';
import { andList, capacityNoun, count } from './words';

// Step scaling (catalogue section 4). The schema already reports the JSON types, the
// AdjustmentType and MetricAggregationType enums and the required ScalingAdjustment; these
// rules check what it cannot: presence the model leaves optional, and how the steps fit
// together and with the alarm and the target.

const LOWER = 'MetricIntervalLowerBound';
const UPPER = 'MetricIntervalUpperBound';
/** AWS's default quota of step adjustments per policy (it can be raised). */
const MAX_STEPS = 20;
/** Below this many seconds a step cooldown on an instance fleet re-fires before new instances serve. */
const INSTANCE_COOLDOWN_FLOOR = 60;
/** A fleet this small makes most percentages round to one unit. */
const SMALL_FLEET = 10;

/** The step configuration of a step policy, or undefined for other policies. */
function stepConfig(policy: ScalingPolicy): StepScalingConfiguration | undefined {
  return isStepPolicy(policy) ? policy.stepScaling : undefined;
}

function steps(policy: ScalingPolicy): StepAdjustment[] {
  return stepConfig(policy)?.stepAdjustments?.items ?? [];
}

/** "step 2 [50, +∞)": how messages name a step (1-based, as people count). */
function stepLabel(step: StepAdjustment): string {
  return `step ${step.index + 1} ${formatInterval(relativeInterval(boundsOf(step)))}`;
}

/** Whether a bound member is present but not a number (the schema reports its type). */
function unreadableBounds(step: StepAdjustment): boolean {
  return (has(step, LOWER) && !step.lowerBound) || (has(step, UPPER) && !step.upperBound);
}

/** The quick fix for gaps and overlaps: start the later step where the earlier one ends. */
function setLowerBoundFix(step: StepAdjustment, value: number, other: StepAdjustment): Fix[] {
  const lower = member(step, LOWER);
  if (!lower) return [];
  return [
    {
      title: `Start step ${step.index + 1} at ${formatNumber(value)}, where step ${other.index + 1} ends`,
      edits: replaceValueEdits(lower, value),
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Presence the API model leaves optional but AWS requires when a policy is created.

const adjustmentType = defineRule(
  {
    code: 'step.adjustment-type',
    severity: 'error',
    title: 'A step policy needs an AdjustmentType',
    description:
      'AWS requires `AdjustmentType` when it creates a step policy: `ChangeInCapacity` (add or remove units), `PercentChangeInCapacity` (a percentage of the current capacity) or `ExactCapacity` (set the capacity).',
  },
  {
    policy(policy, _target, ctx) {
      const config = stepConfig(policy);
      if (!config || has(config, 'AdjustmentType')) return;
      ctx.report({
        range: headOf(config),
        message:
          'This step configuration has no AdjustmentType, and AWS requires one when it creates the policy. Add "AdjustmentType": "ChangeInCapacity" to add or remove units (or PercentChangeInCapacity, ExactCapacity).',
      });
    },
  },
);

const adjustmentsNonempty = defineRule(
  {
    code: 'step.adjustments-nonempty',
    severity: 'error',
    title: 'A step policy needs at least one step adjustment',
    description:
      'AWS requires at least one entry in `StepAdjustments` when it creates a step policy; without steps the policy cannot change anything.',
  },
  {
    policy(policy, _target, ctx) {
      const config = stepConfig(policy);
      if (!config) return;
      if (!has(config, 'StepAdjustments')) {
        ctx.report({
          range: headOf(config),
          message:
            'This step configuration has no StepAdjustments, and AWS requires at least one step. Add one, e.g. { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 }.',
        });
      } else if (config.stepAdjustments && (config.stepAdjustments.item.children ?? []).length === 0) {
        ctx.report({
          range: config.stepAdjustments.range,
          message:
            'StepAdjustments is empty, and AWS requires at least one step. Add one, e.g. { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 }.',
        });
      }
    },
  },
);

const adjustmentsMax = defineRule(
  {
    code: 'step.adjustments-max',
    severity: 'error',
    title: `At most ${MAX_STEPS} step adjustments per policy`,
    description: `Application Auto Scaling allows ${MAX_STEPS} step adjustments per policy by default ("There can be at most 20 step adjustments per scaling policy"). Merge steps, or ask AWS to raise the quota and turn this rule off. This is also the catalogue's \`quota.steps-per-policy\`.`,
  },
  {
    policy(policy, _target, ctx) {
      const list = stepConfig(policy)?.stepAdjustments;
      const count = list?.item.children?.length ?? 0;
      if (!list?.keyRange || count <= MAX_STEPS) return;
      ctx.report({
        range: list.keyRange,
        message: `This policy has ${count} step adjustments; AWS allows at most ${MAX_STEPS} per policy unless the quota was raised. Merge neighbouring steps.`,
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// The intervals: one analysis per policy serves all the codes about how steps fit together.

const intervals = defineMultiCodeRule(
  [
    {
      code: 'step.bound-present',
      severity: 'error',
      title: 'A step has at least one bound',
      description:
        'A step with neither `MetricIntervalLowerBound` nor `MetricIntervalUpperBound` would cover every metric value; AWS rejects it. Give it the bound on the threshold side (usually 0).',
    },
    {
      code: 'step.upper-gt-lower',
      severity: 'error',
      title: "A step's upper bound is above its lower bound",
      description:
        'When a step has both bounds, `MetricIntervalUpperBound` must be greater than `MetricIntervalLowerBound`.',
    },
    {
      code: 'step.no-overlap',
      severity: 'error',
      title: 'Step intervals do not overlap',
      description:
        'Each metric value may fall in one step only. Sorted by lower bound, each step must start where the one before ends. The quick fix starts the later step where the earlier one ends.',
    },
    {
      code: 'step.no-gap',
      severity: 'error',
      title: 'Step intervals leave no gap',
      description:
        'AWS rejects steps that leave a range of the metric uncovered between them: each step must start exactly where the one below ends. The quick fix starts the later step where the earlier one ends.',
    },
    {
      code: 'step.single-null-lower',
      severity: 'error',
      title: 'At most one step has no lower bound',
      description:
        'A missing `MetricIntervalLowerBound` means negative infinity; only one step may reach down that far.',
    },
    {
      code: 'step.single-null-upper',
      severity: 'error',
      title: 'At most one step has no upper bound',
      description: 'A missing `MetricIntervalUpperBound` means positive infinity; only one step may reach up that far.',
    },
    {
      code: 'step.negative-needs-null-lower',
      severity: 'error',
      title: 'A negative lower bound needs a step with no lower bound',
      description:
        'When a step has a negative lower bound, AWS requires one step without a lower bound, so that every value below the threshold is covered.',
    },
    {
      code: 'step.positive-needs-null-upper',
      severity: 'error',
      title: 'A positive upper bound needs a step with no upper bound',
      description:
        'AWS: "There must be a step adjustment with an unspecified upper bound when one step adjustment has a positive upper bound". Remove the upper bound of the highest step.',
    },
  ],
  {
    policy(policy, _target, ctx) {
      const all = steps(policy);
      if (all.length === 0) return;
      let readable = true;
      let malformed = false;
      const usable: StepAdjustment[] = [];
      for (const step of all) {
        if (unreadableBounds(step)) {
          readable = false;
          continue;
        }
        const { lowerBound: lower, upperBound: upper } = step;
        if (!lower && !upper) {
          malformed = true;
          ctx.report({
            code: 'step.bound-present',
            range: step.range,
            message: `Step ${step.index + 1} has neither MetricIntervalLowerBound nor MetricIntervalUpperBound; AWS requires at least one. Add the bound on the alarm's side of the threshold, e.g. "MetricIntervalLowerBound": 0 for a scale-out step.`,
          });
          continue;
        }
        if (lower && upper && upper.value <= lower.value) {
          malformed = true;
          ctx.report({
            code: 'step.upper-gt-lower',
            range: upper.range,
            message: `MetricIntervalUpperBound ${formatNumber(upper.value)} must be greater than MetricIntervalLowerBound ${formatNumber(lower.value)}. Swap the bounds or raise the upper one.`,
            related: [{ ...lower.range, message: `the lower bound is ${formatNumber(lower.value)} here` }],
          });
          continue;
        }
        usable.push(step);
      }
      // With a bound we cannot read, any set-level verdict could be wrong; the schema speaks first.
      if (!readable) return;
      checkOpenEnds(all, ctx);
      // A gap or overlap next to a malformed step is a consequence of it: fix that first.
      if (!malformed) checkCoverage(usable, ctx);
    },
  },
);

/** Single-null and needs-null checks; a step without bounds counts as open on both sides. */
function checkOpenEnds(all: StepAdjustment[], ctx: RuleContext): void {
  let firstOpenBelow: StepAdjustment | undefined;
  let firstOpenAbove: StepAdjustment | undefined;
  let lowestNegative: StepAdjustment | undefined;
  let highestPositive: StepAdjustment | undefined;
  for (const step of all) {
    const { lowerBound: lower, upperBound: upper } = step;
    if (!lower && !upper) {
      firstOpenBelow ??= step;
      firstOpenAbove ??= step;
      continue;
    }
    if (!lower) {
      if (firstOpenBelow) {
        ctx.report({
          code: 'step.single-null-lower',
          range: upper!.range,
          message: `Step ${step.index + 1} has no MetricIntervalLowerBound (negative infinity), and neither has ${stepLabel(firstOpenBelow)}; only one step may be open below. Give this step a lower bound.`,
          related: [
            {
              ...(firstOpenBelow.upperBound?.range ?? firstOpenBelow.range),
              message: `${stepLabel(firstOpenBelow)} is already open below`,
            },
          ],
        });
      } else firstOpenBelow = step;
    } else if (lower.value < 0 && (!lowestNegative || lower.value < lowestNegative.lowerBound!.value))
      lowestNegative = step;
    if (!upper) {
      if (firstOpenAbove) {
        ctx.report({
          code: 'step.single-null-upper',
          range: lower!.range,
          message: `Step ${step.index + 1} has no MetricIntervalUpperBound (positive infinity), and neither has ${stepLabel(firstOpenAbove)}; only one step may be open above. Give this step an upper bound.`,
          related: [
            {
              ...(firstOpenAbove.lowerBound?.range ?? firstOpenAbove.range),
              message: `${stepLabel(firstOpenAbove)} is already open above`,
            },
          ],
        });
      } else firstOpenAbove = step;
    } else if (upper.value > 0 && (!highestPositive || upper.value > highestPositive.upperBound!.value))
      highestPositive = step;
  }
  if (lowestNegative && !firstOpenBelow) {
    const lower = lowestNegative.lowerBound!;
    ctx.report({
      code: 'step.negative-needs-null-lower',
      range: lower.range,
      message: `MetricIntervalLowerBound ${formatNumber(lower.value)} is negative, so AWS requires a step with no lower bound, and there is none. Remove the lower bound of this step, the lowest one, to cover every value below it.`,
    });
  }
  if (highestPositive && !firstOpenAbove) {
    const upper = highestPositive.upperBound!;
    ctx.report({
      code: 'step.positive-needs-null-upper',
      range: upper.range,
      message: `MetricIntervalUpperBound ${formatNumber(upper.value)} is positive, so AWS requires a step with no upper bound, and there is none. Remove the upper bound of this step, the highest one, to cover every value above it.`,
    });
  }
}

/**
 * Gaps and overlaps. Steps sorted by lower bound (none = −∞) must each start where the
 * coverage so far ends. Tracking the furthest-reaching step, not just the previous one,
 * reports a step nested inside a wide one as an overlap rather than a phantom gap.
 */
function checkCoverage(usable: StepAdjustment[], ctx: RuleContext): void {
  const sorted = [...usable].sort(
    (a, b) => (a.lowerBound?.value ?? -Infinity) - (b.lowerBound?.value ?? -Infinity) || a.index - b.index,
  );
  let reach = sorted[0];
  for (const step of sorted.slice(1)) {
    if (!reach) break;
    const lower = step.lowerBound;
    const reachEnd = reach.upperBound?.value ?? Infinity;
    const stepEnd = step.upperBound?.value ?? Infinity;
    // Two steps open at the same end are the single-null rules' finding; do not repeat it.
    const bothOpen = !lower || (reachEnd === Infinity && stepEnd === Infinity);
    if (lower && !bothOpen && lower.value < reachEnd) {
      const fixable = reachEnd < stepEnd;
      const self = `Step ${step.index + 1} ${formatInterval(relativeInterval(boundsOf(step)))}`;
      const message =
        reachEnd === Infinity
          ? `${self} overlaps ${stepLabel(reach)}, which already covers every value from ${formatNumber(reach.lowerBound!.value)} up: a metric value in both matches two steps. Give step ${reach.index + 1} an upper bound of ${formatNumber(lower.value)}, or remove this step.`
          : fixable
            ? `${self} overlaps ${stepLabel(reach)}: a metric value in both matches two steps. Start this step at ${formatNumber(reachEnd)}, where step ${reach.index + 1} ends.`
            : `${self} lies inside ${stepLabel(reach)}: a metric value in both matches two steps. Split step ${reach.index + 1} around it, or remove one of them.`;
      ctx.report({
        code: 'step.no-overlap',
        range: lower.range,
        message,
        related: [
          reach.upperBound
            ? { ...reach.upperBound.range, message: `${stepLabel(reach)} ends here` }
            : { ...(reach.lowerBound?.range ?? reach.range), message: `${stepLabel(reach)} has no upper bound` },
        ],
        fixes: fixable ? setLowerBoundFix(step, reachEnd, reach) : [],
      });
    } else if (lower && !bothOpen && lower.value > reachEnd) {
      ctx.report({
        code: 'step.no-gap',
        range: lower.range,
        message: `Step ${step.index + 1} starts at ${formatNumber(lower.value)}, but ${stepLabel(reach)} ends at ${formatNumber(reachEnd)}: no step covers the values in between, and AWS rejects the gap. Start this step at ${formatNumber(reachEnd)}.`,
        related: [{ ...reach.upperBound!.range, message: `${stepLabel(reach)} ends here` }],
        fixes: setLowerBoundFix(step, reachEnd, reach),
      });
    }
    if (stepEnd > reachEnd) reach = step;
  }
}

// ---------------------------------------------------------------------------------------
// The steps against the alarm's threshold and comparison operator.

/** An alarm of a policy with a state that runs the policy, and where that leaves the metric. */
interface SideTrigger {
  alarm: CloudWatchAlarm;
  state: TriggerState;
  side: AlarmSide;
}

/**
 * The side of the threshold where a policy's steps run. With alarms, where each alarm
 * leaves the metric when it runs the policy (in ALARM the side it fires on, when OK the
 * other, TriggerPolicyOn); undefined when they run it on both sides (every step can run),
 * or one runs it in INSUFFICIENT_DATA or has no operator to place it by. Without a
 * readable alarm, the common sign of the adjustments.
 */
function policySide(
  policy: ScalingPolicy,
  config: StepScalingConfiguration,
): { side: AlarmSide; triggers: SideTrigger[] } | undefined {
  const triggers: SideTrigger[] = [];
  let unplaced = false;
  for (const alarm of policy.alarms) {
    if (!alarmSide(alarm.comparisonOperator?.value)) {
      unplaced = true;
      continue;
    }
    for (const state of triggerStates(alarm)) {
      const side = runSide(alarm, state);
      if (!side) return undefined; // INSUFFICIENT_DATA: no metric value to place a step by
      triggers.push({ alarm, state, side });
    }
  }
  if (triggers.length > 0) {
    const side = triggers[0]!.side;
    return unplaced || triggers.some((t) => t.side !== side) ? undefined : { side, triggers };
  }
  const direction = adjustmentDirection(config);
  return direction === undefined ? undefined : { side: direction > 0 ? 'above' : 'below', triggers };
}

/**
 * Which way a step configuration moves capacity when all its changes agree: 1 adds, -1
 * removes; undefined for an exact capacity, for changes both ways (a band design), or none.
 */
export function adjustmentDirection(config: StepScalingConfiguration | undefined): 1 | -1 | undefined {
  const type = config?.adjustmentType?.value;
  if (type !== 'ChangeInCapacity' && type !== 'PercentChangeInCapacity') return undefined;
  let sign: 1 | -1 | undefined;
  for (const step of config!.stepAdjustments?.items ?? []) {
    const adjustment = step.scalingAdjustment?.value ?? 0;
    if (adjustment === 0) continue;
    const s = adjustment > 0 ? 1 : -1;
    if (sign !== undefined && sign !== s) return undefined;
    sign = s;
  }
  return sign;
}

/** Whether every alarm that runs the policy watches one metric that SageMaker documents as rising with load. */
function risesWithLoad(triggers: readonly SideTrigger[]): boolean {
  return triggers.every(
    ({ alarm }) =>
      !has(alarm, 'Metrics') && metricFacts(alarm.namespace?.value, alarm.metricName?.value)?.load === 'rises',
  );
}

/** Steps that add capacity and steps that remove it on one alarm: bands around a level, by design. */
function bandDesign(config: StepScalingConfiguration): boolean {
  let adds = false;
  let removes = false;
  for (const step of config.stepAdjustments?.items ?? []) {
    const adjustment = step.scalingAdjustment?.value ?? 0;
    if (adjustment > 0) adds = true;
    else if (adjustment < 0) removes = true;
  }
  return adds && removes;
}

const signSide = defineRule(
  {
    code: 'step.sign-side',
    severity: 'warning',
    title: 'Steps sit on the side of the threshold where the alarm runs the policy',
    description:
      'A `GreaterThan…` alarm is in ALARM only above its threshold, so its steps need bounds ≥ 0; a `LessThan…` alarm fires below, so bounds ≤ 0. A step on the other side never runs. An alarm that runs the policy when OK (`TriggerPolicyOn`) does so on the other side of its threshold, where the metric is then; one that runs it in ALARM and when OK runs every step, and INSUFFICIENT_DATA places the metric nowhere, so such policies are not judged. With several alarms (`CloudWatchAlarms`) each places the steps from its own threshold, and the steps must lie on the side all of them run the policy on. Without an alarm in the file, the side is taken from the signs of the adjustments. Whether a policy should add or remove capacity depends on what the metric means, so the sign of the adjustments is checked only where the metric is one SageMaker documents as rising with load (invocations, concurrency, backlog, utilisation, https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html): a `GreaterThan…` alarm on it fires when load is high, so a step that removes capacity there is backwards, and an alarm that runs the policy when OK does so when load is low, where adding capacity is backwards. (An OK trigger runs the policy where an ALARM trigger of the opposite operator would, again every minute while the alarm stays OK, https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html: what this rule and `sanity.step-policies-fight` say of one holds for the other.) A metric-math alarm (`IF(cpu <= 20, 1, 0) >= 0.5` is a scale-in condition), a metric of your own, and a band design (steps that add and steps that remove on one alarm) are not judged.',
  },
  {
    policy(policy, _target, ctx) {
      const config = stepConfig(policy);
      if (!config) return;
      const found = policySide(policy, config);
      if (!found) return;
      const { side, triggers } = found;
      const fromAlarm = triggers.length > 0;
      const type = config.adjustmentType?.value;
      // Worked out at the first adjustment that could be backwards: most policies have none.
      let judgeSigns: boolean | undefined;
      const judge = () => (judgeSigns ??= fromAlarm && risesWithLoad(triggers) && !bandDesign(config));
      for (const step of config.stepAdjustments?.items ?? []) {
        const { lowerBound: lower, upperBound: upper, scalingAdjustment: adjustment } = step;
        if (side === 'above') {
          if (upper && upper.value <= 0) {
            reportSide(
              ctx,
              upper.range,
              side,
              triggers,
              (why) =>
                `Step ${step.index + 1} ends at or below the threshold, but ${why}: it never runs. Bounds are offsets from the threshold; use values ≥ 0.`,
            );
          } else if (lower && lower.value < 0) {
            reportSide(
              ctx,
              lower.range,
              side,
              triggers,
              (why) =>
                `Step ${step.index + 1} starts below the threshold, but ${why}, so that part never runs. Start it at 0.`,
            );
          }
        } else if (lower && lower.value >= 0) {
          reportSide(
            ctx,
            lower.range,
            side,
            triggers,
            (why) =>
              `Step ${step.index + 1} starts at or above the threshold, but ${why}: it never runs. Bounds are offsets from the threshold; use values ≤ 0.`,
          );
        } else if (upper && upper.value > 0) {
          reportSide(
            ctx,
            upper.range,
            side,
            triggers,
            (why) =>
              `Step ${step.index + 1} reaches above the threshold, but ${why}, so that part never runs. End it at 0.`,
          );
        }
        if (!fromAlarm || !adjustment || (type !== 'ChangeInCapacity' && type !== 'PercentChangeInCapacity')) continue;
        if ((side === 'above' ? adjustment.value >= 0 : adjustment.value <= 0) || !judge()) continue;
        const onOk = triggers.some((t) => t.state === 'OK');
        if (side === 'above' && adjustment.value < 0) {
          reportSide(
            ctx,
            adjustment.range,
            side,
            triggers,
            (why) =>
              `ScalingAdjustment ${adjustment.value} removes capacity, but ${why}, when load is high. Use a positive adjustment, or ${onOk ? 'trigger a scale-in policy on ALARM of an alarm that fires when load is low' : 'a LessThan… operator for a scale-in policy'}.`,
          );
        } else if (side === 'below' && adjustment.value > 0) {
          reportSide(
            ctx,
            adjustment.range,
            side,
            triggers,
            (why) =>
              `ScalingAdjustment ${adjustment.value} adds capacity, but ${why}, when load is low. Use a negative adjustment, or ${onOk ? 'trigger a scale-out policy on ALARM (leave out TriggerPolicyOn)' : 'a GreaterThan… operator for a scale-out policy'}.`,
          );
        }
      }
    },
  },
);

/**
 * Reports a step on the wrong side, saying why: from the alarms that run the policy when
 * there are (`triggers`), else from the direction of the adjustments. The words are put
 * together only here, for a finding: most step policies have none.
 */
function reportSide(
  ctx: RuleContext,
  range: Range,
  side: AlarmSide,
  triggers: readonly SideTrigger[],
  message: (why: string) => string,
): void {
  const runs = (t: SideTrigger) =>
    t.state === 'ALARM' ? `fires only ${side} its threshold` : `runs this policy when OK, only ${side} its threshold`;
  const named = (t: SideTrigger) => (t.alarm.alarmName ? `"${t.alarm.alarmName.value}"` : 'an alarm');
  const why =
    triggers.length === 0
      ? `every adjustment ${side === 'above' ? 'adds' : 'removes'} capacity, so the alarm should fire ${side} its threshold`
      : triggers.length === 1
        ? `the alarm (${triggers[0]!.alarm.comparisonOperator!.value}) ${runs(triggers[0]!)}`
        : triggers.every((t) => t.state === 'ALARM')
          ? `its alarms fire only ${side} their thresholds`
          : `each of its alarms runs it only ${side} its own threshold`;
  const related = triggers.map((t) => ({
    ...t.alarm.comparisonOperator!.range,
    message:
      triggers.length === 1
        ? `the alarm ${t.state === 'ALARM' ? 'fires' : 'is OK'} ${side} the threshold`
        : `${named(t)} runs the policy ${t.state === 'ALARM' ? 'in ALARM' : 'when OK'}, ${side} its threshold`,
  }));
  ctx.report({ range, message: message(why), related });
}

const boundsRelative = defineRule(
  {
    code: 'step.bounds-relative',
    severity: 'warning',
    title: 'Step bounds are offsets from the alarm threshold',
    description:
      "Step bounds are added to the alarm's `Threshold`; they are not metric values. When the steps on the side where the alarm runs the policy do not start at the threshold (0), the alarm runs it for values no step covers and nothing scales. That side is the one the alarm fires on, or the other one for an alarm that runs the policy when OK (`TriggerPolicyOn`); with several alarms, each is checked from its own threshold. A first bound as large as the threshold usually means absolute values were written.",
  },
  {
    policy(policy, _target, ctx) {
      const config = stepConfig(policy);
      if (!config || policy.alarms.length === 0) return;
      const all = config.stepAdjustments?.items ?? [];
      if (all.some(unreadableBounds)) return;
      // The alarms that run the policy on each side of their thresholds.
      const above: SideTrigger[] = [];
      const below: SideTrigger[] = [];
      for (const alarm of policy.alarms) {
        if (!alarm.threshold) continue;
        for (const state of triggerStates(alarm)) {
          const side = runSide(alarm, state);
          if (side) (side === 'above' ? above : below).push({ alarm, state, side });
        }
      }
      if (above.length > 0) checkStartAbove(all, above, ctx);
      if (below.length > 0) checkEndBelow(all, below, ctx);
    },
  },
);

/** "the alarm fires", "the alarm is OK and runs the policy", "the alarms run the policy": for messages. */
function runsWords(triggers: readonly SideTrigger[]): string {
  if (triggers.length > 1) return 'the alarms run the policy';
  return triggers[0]!.state === 'ALARM' ? 'the alarm fires' : 'the alarm is OK and runs the policy';
}

function thresholdsRelated(triggers: readonly SideTrigger[]): RelatedLocation[] {
  return triggers.map(({ alarm }) => ({
    ...alarm.threshold!.range,
    message:
      triggers.length === 1 || !alarm.alarmName
        ? `the alarm threshold is ${formatNumber(alarm.threshold!.value)}`
        : `"${alarm.alarmName.value}"'s threshold is ${formatNumber(alarm.threshold!.value)}`,
  }));
}

/** Above the threshold: the step nearest it, among those that reach that side, starts at it. */
function checkStartAbove(all: readonly StepAdjustment[], triggers: readonly SideTrigger[], ctx: RuleContext): void {
  let first: StepAdjustment | undefined;
  for (const step of all) {
    if (step.upperBound && step.upperBound.value <= 0) continue;
    if (!step.lowerBound) return; // open below: the threshold is covered
    if (!first || step.lowerBound.value < first.lowerBound!.value) first = step;
  }
  const start = first?.lowerBound;
  if (!start || start.value <= 0) return;
  const offset = formatNumber(start.value);
  const runs = runsWords(triggers);
  if (triggers.length > 1) {
    ctx.report({
      range: start.range,
      message: `The lowest step starts ${offset} above the thresholds: from each alarm's threshold to ${offset} above it ${runs} but no step matches, so nothing scales. Start the step at MetricIntervalLowerBound 0.`,
      related: thresholdsRelated(triggers),
    });
    return;
  }
  const t = triggers[0]!.alarm.threshold!.value;
  const from = formatNumber(t);
  const to = formatNumber(t + start.value);
  const message =
    t > 0 && start.value >= t
      ? `MetricIntervalLowerBound ${offset} is an offset from the alarm threshold ${from}, not a metric value: this step starts at ${to}, and from ${from} to ${to} ${runs} but no step matches. If you wrote metric values, subtract ${from} from every bound, so the first step starts at 0.`
      : `The lowest step starts ${offset} above the alarm threshold ${from}: from ${from} to ${to} ${runs} but no step matches, so nothing scales. Start the step at MetricIntervalLowerBound 0, or raise the threshold to ${to}.`;
  ctx.report({ range: start.range, message, related: thresholdsRelated(triggers) });
}

/** Below the threshold: the step nearest it, among those that reach that side, ends at it. */
function checkEndBelow(all: readonly StepAdjustment[], triggers: readonly SideTrigger[], ctx: RuleContext): void {
  let last: StepAdjustment | undefined;
  for (const step of all) {
    if (step.lowerBound && step.lowerBound.value >= 0) continue;
    if (!step.upperBound) return;
    if (!last || step.upperBound.value > last.upperBound!.value) last = step;
  }
  const end = last?.upperBound;
  if (!end || end.value >= 0) return;
  const offset = formatNumber(-end.value);
  const runs = runsWords(triggers);
  if (triggers.length > 1) {
    ctx.report({
      range: end.range,
      message: `The highest step ends ${offset} below the thresholds: from ${offset} below each alarm's threshold up to it ${runs} but no step matches, so nothing scales. Bounds are offsets from the threshold: end the step at MetricIntervalUpperBound 0.`,
      related: thresholdsRelated(triggers),
    });
    return;
  }
  const t = triggers[0]!.alarm.threshold!.value;
  const from = formatNumber(t + end.value);
  const to = formatNumber(t);
  ctx.report({
    range: end.range,
    message: `The highest step ends ${offset} below the alarm threshold ${to}: from ${from} to ${to} ${runs} but no step matches, so nothing scales. Bounds are offsets from the threshold: end the step at MetricIntervalUpperBound 0, or lower the threshold to ${from}.`,
    related: thresholdsRelated(triggers),
  });
}

// ---------------------------------------------------------------------------------------
// Adjustments against the adjustment type and the target's capacity range.

const exactNonneg = defineRule(
  {
    code: 'step.exact-nonneg',
    severity: 'error',
    title: 'ExactCapacity adjustments are not negative',
    description: 'With `ExactCapacity`, `ScalingAdjustment` is the capacity to set, so AWS requires a value ≥ 0.',
  },
  {
    policy(policy, _target, ctx) {
      const config = stepConfig(policy);
      if (config?.adjustmentType?.value !== 'ExactCapacity') return;
      for (const step of config.stepAdjustments?.items ?? []) {
        const adjustment = step.scalingAdjustment;
        if (adjustment && adjustment.value < 0) {
          ctx.report({
            range: adjustment.range,
            message: `With ExactCapacity, ScalingAdjustment is the capacity to set, and AWS requires it to be ≥ 0, not ${adjustment.value}. Write the capacity you want, or use ChangeInCapacity to remove ${-adjustment.value}.`,
            related: [{ ...config.adjustmentType.range, message: 'the adjustment type is ExactCapacity' }],
          });
        }
      }
    },
  },
);

const exactInRange = defineRule(
  {
    code: 'step.exact-in-range',
    severity: 'warning',
    title: "ExactCapacity adjustments lie within the target's capacity range",
    description:
      'Application Auto Scaling never scales outside `[MinCapacity, MaxCapacity]`, so an exact capacity outside that range is silently clamped to it.',
  },
  {
    policy(policy, target, ctx) {
      const config = stepConfig(policy);
      const { minCapacity: min, maxCapacity: max } = target;
      if (config?.adjustmentType?.value !== 'ExactCapacity' || !min || !max || min.value > max.value) return;
      for (const step of config.stepAdjustments?.items ?? []) {
        const adjustment = step.scalingAdjustment;
        if (!adjustment || adjustment.value < 0) continue; // negative: step.exact-nonneg
        if (adjustment.value > max.value) {
          ctx.report({
            range: adjustment.range,
            message: `ExactCapacity ${adjustment.value} is above the target's MaxCapacity ${max.value}, so AWS sets ${max.value} instead. Lower it, or raise MaxCapacity.`,
            related: [{ ...max.range, message: `MaxCapacity is ${max.value}` }],
          });
        } else if (adjustment.value < min.value) {
          ctx.report({
            range: adjustment.range,
            message: `ExactCapacity ${adjustment.value} is below the target's MinCapacity ${min.value}, so AWS sets ${min.value} instead. Raise it, or lower MinCapacity.`,
            related: [{ ...min.range, message: `MinCapacity is ${min.value}` }],
          });
        }
      }
    },
  },
);

const minAdjustmentMagnitude = defineRule(
  {
    code: 'step.min-adjustment-magnitude',
    severity: 'error',
    title: 'MinAdjustmentMagnitude goes with PercentChangeInCapacity and is at least 1',
    description:
      '`MinAdjustmentMagnitude` sets the smallest change a `PercentChangeInCapacity` step makes. With another adjustment type it is not valid (an error); a value ≤ 0 changes nothing (a warning).',
  },
  {
    policy(policy, _target, ctx) {
      const config = stepConfig(policy);
      const magnitude = config?.minAdjustmentMagnitude;
      const type = config?.adjustmentType;
      if (!magnitude) return;
      if (type && type.value !== 'PercentChangeInCapacity') {
        ctx.report({
          range: magnitude.keyRange,
          message: `MinAdjustmentMagnitude applies only to PercentChangeInCapacity, and this policy uses ${type.value}. Remove it.`,
          related: [{ ...type.range, message: `the adjustment type is ${type.value}` }],
          fixes: [
            {
              title: 'Remove MinAdjustmentMagnitude',
              edits: removeMemberEdits(config!.item, member(config!, 'MinAdjustmentMagnitude')!),
            },
          ],
        });
      } else if (magnitude.value <= 0) {
        ctx.report({
          range: magnitude.range,
          message: `MinAdjustmentMagnitude ${magnitude.value} has no effect: it is the smallest number of units a percentage step changes, so it should be at least 1. Set it to 1 or more, or remove it.`,
          severity: 'warning',
        });
      }
    },
  },
);

const percentRounding = defineRule(
  {
    code: 'step.percent-rounding',
    severity: 'information',
    title: 'Percentage steps on a small fleet round to one unit',
    description:
      'With `PercentChangeInCapacity`, AWS rounds a result between 0 and 1 up to 1 (and between −1 and 0 down to −1) and truncates larger results. On a fleet of a few instances, most percentages therefore change the capacity by exactly one, whatever the step. Use `ChangeInCapacity`, or set `MinAdjustmentMagnitude`.',
  },
  {
    policy(policy, target, ctx) {
      const config = stepConfig(policy);
      const max = target.maxCapacity;
      if (
        config?.adjustmentType?.value !== 'PercentChangeInCapacity' ||
        !max ||
        max.value > SMALL_FLEET ||
        max.value <= 0
      )
        return;
      if ((config.minAdjustmentMagnitude?.value ?? 0) >= 2) return;
      const unit = capacityNoun(target);
      for (const step of config.stepAdjustments?.items ?? []) {
        const adjustment = step.scalingAdjustment;
        if (!adjustment || adjustment.value === 0) continue;
        // Largest change the step can make: at MaxCapacity. Below 2, it is always ±1.
        const largest = (Math.abs(adjustment.value) * max.value) / 100;
        if (largest >= 2) continue;
        const sign = adjustment.value > 0 ? 'adds' : 'removes';
        ctx.report({
          range: adjustment.range,
          message: `${Math.abs(adjustment.value)}% of this target's MaxCapacity (${count(max.value, unit)}) is ${formatNumber(largest)}, and AWS truncates results above 1 and raises smaller ones to 1: on this fleet the step always ${sign} exactly 1. ChangeInCapacity says so plainly; or set MinAdjustmentMagnitude.`,
          related: [{ ...max.range, message: `MaxCapacity is ${max.value}` }],
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// The cooldown and the alarm that triggers the policy.

/**
 * Whether a second activity in the same direction could still change the capacity: not for
 * ExactCapacity (it sets the same capacity again), nor when every step of a direction
 * already crosses the whole range, so one activity reaches the bound.
 */
function roomForAnotherStep(config: StepScalingConfiguration, target: ScalableTarget): boolean {
  const type = config.adjustmentType?.value;
  if (type === 'ExactCapacity') return false;
  const min = target.minCapacity?.value;
  const max = target.maxCapacity?.value;
  if (type !== 'ChangeInCapacity' || min === undefined || max === undefined || max < min) return true;
  const range = max - min;
  return (config.stepAdjustments?.items ?? []).some((step) => {
    const adjustment = step.scalingAdjustment?.value ?? 0;
    return adjustment !== 0 && Math.abs(adjustment) < range;
  });
}

const cooldown = defineRule(
  {
    code: 'step.cooldown',
    severity: 'error',
    title: 'Step cooldown is not negative, nor very short on an instance fleet',
    description: `\`Cooldown\` is the seconds a step policy waits after a scaling activity before acting again (default 300). A negative value is an error. While its alarm stays in ALARM, Application Auto Scaling invokes the policy again every minute (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions); on \`${SAGEMAKER_DIMENSIONS.variantInstances}\`, new instances take minutes to serve, so a cooldown under ${INSTANCE_COOLDOWN_FLOOR} seconds lets the policy add or remove capacity again before the last change shows, and capacity overshoots (a warning, with a quick fix to ${INSTANCE_COOLDOWN_FLOOR}). Not reported where repeating the step cannot overshoot: an \`ExactCapacity\` policy sets the same capacity again, and a step as large as the whole capacity range reaches the bound at once.`,
  },
  {
    policy(policy, target, ctx) {
      const config = stepConfig(policy);
      const value = config?.cooldown;
      if (!config || !value) return;
      if (value.value < 0) {
        ctx.report({
          range: value.range,
          message: `Cooldown ${value.value} is negative; it is a number of seconds. Use 0 or more (AWS's default is 300).`,
        });
      } else if (
        value.value < INSTANCE_COOLDOWN_FLOOR &&
        target.scalableDimension?.value === SAGEMAKER_DIMENSIONS.variantInstances &&
        roomForAnotherStep(config, target)
      ) {
        ctx.report({
          range: value.range,
          message: `A Cooldown of ${value.value} seconds on an instance fleet lets the alarm scale again before the last change takes effect (new instances take minutes to serve), so capacity overshoots. Use at least ${INSTANCE_COOLDOWN_FLOOR}.`,
          severity: 'warning',
          fixes: [
            {
              title: `Set Cooldown to ${INSTANCE_COOLDOWN_FLOOR}`,
              edits: replaceValueEdits(value, INSTANCE_COOLDOWN_FLOOR),
            },
          ],
        });
      }
    },
  },
);

/** The catalogue's facts of every metric an alarm watches; undefined when one of them is not catalogued. */
function alarmMetricFacts(alarm: CloudWatchAlarm): MetricFacts[] | undefined {
  const named: { namespace?: string; name?: string }[] = [];
  if (alarm.metricName) named.push({ namespace: alarm.namespace?.value, name: alarm.metricName.value });
  for (const query of alarm.metrics?.items ?? []) {
    const metric = query.metricStat?.metric;
    if (metric) named.push({ namespace: metric.namespace?.value, name: metric.metricName?.value });
  }
  const facts: MetricFacts[] = [];
  for (const m of named) {
    const f = metricFacts(m.namespace, m.name);
    if (!f) return undefined;
    facts.push(f);
  }
  return facts.length > 0 ? facts : undefined;
}

/** A policy of the target, other than `policy`, that can take capacity above `value`. */
function raisesAbove(target: ScalableTarget, policy: ScalingPolicy, value: number): ScalingPolicy | undefined {
  return target.policies.find((other) => {
    if (other === policy) return false;
    if (other.policyType?.value === 'TargetTrackingScaling') return true;
    const config = stepConfig(other);
    const exact = config?.adjustmentType?.value === 'ExactCapacity';
    return (config?.stepAdjustments?.items ?? []).some((step) => {
      const adjustment = step.scalingAdjustment?.value ?? 0;
      return exact ? adjustment > value : adjustment > 0;
    });
  });
}

const exactCapacityResets = defineRule(
  {
    code: 'step.exact-capacity-resets',
    severity: 'warning',
    title: 'An ExactCapacity policy does not reset capacity that another policy raised',
    description:
      'An `ExactCapacity` step policy sets the capacity to its value each time its alarm fires, and while the alarm stays in ALARM Application Auto Scaling invokes the policy again every minute (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions); likewise while it stays OK, for an alarm that runs the policy when OK (`TriggerPolicyOn`). Such a policy is usually the wake-up from zero: it is safe when its alarm watches a metric that has data only while there is no capacity (`HasBacklogWithoutCapacity` for an asynchronous endpoint, `NoCapacityInvocationFailures` for an inference component). On other metrics the alarm can stay in ALARM at a larger capacity that another policy of the target raised, and the policy keeps setting it back. An alarm that runs the policy when OK does so at any capacity: OK is where an alarm rests (and a zero-capacity flag is OK as soon as anything runs). Reported for an exact capacity between `MinCapacity` and `MaxCapacity` when another policy can scale out above it and every metric of one of its alarms is one SageMaker documents (each alarm of `CloudWatchAlarms` is looked at). Setting `MinCapacity` itself, such as scaling in to zero when a backlog alarm is OK, is not reported.',
  },
  {
    policy(policy, target, ctx) {
      const config = stepConfig(policy);
      const { minCapacity: min, maxCapacity: max } = target;
      if (config?.adjustmentType?.value !== 'ExactCapacity' || policy.alarms.length === 0 || !min || !max) return;
      const value = (config.stepAdjustments?.items ?? [])
        .map((step) => step.scalingAdjustment?.value)
        .find((v): v is number => v !== undefined && v > min.value && v < max.value);
      if (value === undefined) return;
      const resetting = resettingTrigger(policy);
      if (!resetting) return;
      const other = raisesAbove(target, policy, value);
      if (!other) return;
      const { alarm, state, facts } = resetting;
      const names = andList([...new Set(facts.map((f) => f.name))]);
      const which = policy.alarms.length > 1 && alarm.alarmName ? ` "${alarm.alarmName.value}"` : '';
      const undo = `Application Auto Scaling runs the policy every minute and sets the capacity back to ${value}, undoing the scale-out of ${policyLabel(other)}.`;
      const message =
        state === 'ALARM'
          ? `This policy sets the capacity to exactly ${value} whenever its alarm${which} fires, and the alarm watches ${names}, which can be in ALARM with more than ${value} running: it does not depend on there being no capacity. While it stays in ALARM, ${undo} Trigger it from a metric that has data only at zero capacity (HasBacklogWithoutCapacity for an asynchronous endpoint, NoCapacityInvocationFailures for an inference component), or add capacity with ChangeInCapacity.`
          : `This policy sets the capacity to exactly ${value} whenever its alarm${which} is OK (TriggerPolicyOn), and its alarm on ${names} can be OK with more than ${value} running: OK is where an alarm rests. While it stays OK, ${undo} Trigger it on ALARM of a metric that has data only at zero capacity, or set an exact capacity only at a bound (MinCapacity or MaxCapacity).`;
      ctx.report({
        range: policyHead(policy),
        message,
        related: [{ ...policyHead(other), message: `${policyLabel(other)} scales out above ${value}` }],
      });
    },
  },
);

/**
 * The first alarm of an ExactCapacity policy, with the state, that can run it at a larger
 * capacity than it sets: in ALARM, an alarm on documented metrics none of which has data
 * only at zero capacity; when OK (TriggerPolicyOn), any alarm on documented metrics, since
 * OK is where such an alarm rests whatever the capacity (a zero-capacity flag is OK as soon
 * as anything runs). Metrics of your own are not judged.
 */
function resettingTrigger(
  policy: ScalingPolicy,
): { alarm: CloudWatchAlarm; state: TriggerState; facts: MetricFacts[] } | undefined {
  for (const alarm of policy.alarms) {
    const facts = alarmMetricFacts(alarm);
    if (!facts) continue;
    for (const state of triggerStates(alarm)) {
      if (state === 'OK' || (state === 'ALARM' && !facts.some((f) => f.atZeroCapacity === 'only')))
        return { alarm, state, facts };
    }
  }
  return undefined;
}

const alarmAttached = defineRule(
  {
    code: 'step.alarm-attached',
    severity: 'warning',
    title: 'A step policy has a CloudWatch alarm to trigger it',
    description:
      "A step policy does nothing until a CloudWatch alarm names it in its actions. Describe the alarm in the policy's `CloudWatchAlarm` (several in `CloudWatchAlarms`), so apply creates it and points it at the policy. If the alarm is managed elsewhere, turn this rule off for the file or silence it with `// scaling-disable-next-line step.alarm-attached -- alarm managed in <where>`.",
  },
  {
    policy(policy, _target, ctx) {
      if (!isStepPolicy(policy) || has(policy, 'CloudWatchAlarm') || has(policy, 'CloudWatchAlarms')) return;
      const where: Range = policy.policyName?.range ?? policy.policyType?.range ?? headOf(policy);
      ctx.report({
        range: where,
        message:
          'Nothing triggers this step policy: it has no CloudWatchAlarm, and a step policy acts only when an alarm fires. Add a CloudWatchAlarm (metric, Threshold, ComparisonOperator); if the alarm is managed elsewhere, silence this warning.',
      });
    },
  },
);

export const stepRules: Rule[] = [
  adjustmentType,
  adjustmentsNonempty,
  adjustmentsMax,
  intervals,
  signSide,
  boundsRelative,
  exactNonneg,
  exactInRange,
  minAdjustmentMagnitude,
  percentRounding,
  cooldown,
  exactCapacityResets,
  alarmAttached,
];
