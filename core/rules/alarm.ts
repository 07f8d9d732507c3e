import { removeMemberEdits, replaceValueEdits } from '../document/edits';
import type { Range } from '../finding';
import {
  has,
  member,
  type CloudWatchAlarm,
  type MetricDimension,
  type Prop,
  type ScalableTarget,
  type ScalingPolicy,
  singleAlarm,
} from '../document/model';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';
import { metricFacts } from '../facts/metrics';
import { parseSageMakerResourceId, type SageMakerResource } from '../facts/sagemaker';
import { otherResourceDimensions, unpublishedDimensions, type MetricHolder } from './metricDimensions';
import {
  ANOMALY_BAND_OPERATORS,
  formatInterval,
  formatNumber,
  intervalOfStep,
  runInterval,
  runSide,
  triggerStates,
  isStaticOperator,
  isStepPolicy,
  type AlarmSide,
  type MetricInterval,
} from '../language/stepIntervals';
import { atomsInWords, bothHold, triggerConditions, type Atom, type TriggerCondition } from './alarmConditions';
import { headOf, insideString, policyHead, policyLabel } from './locate';
import { adjustmentDirection } from './steps';

// The CloudWatch alarms that trigger a step policy, kept in the policy's `CloudWatchAlarm`
// or, several, in `CloudWatchAlarms` (PutMetricAlarm's input; apply adds the policy's ARN to
// the actions of the states TriggerPolicyOn names). The schema reports types, enums, the
// required AlarmName/EvaluationPeriods/ComparisonOperator and the minimums; these rules
// check PutMetricAlarm's cross-field constraints and each alarm's fit with the target.

/** Every alarm of a step policy (each of CloudWatchAlarms is checked alike); other policies' alarms are alarm.not-step's business. */
function stepAlarms(policy: ScalingPolicy): readonly CloudWatchAlarm[] {
  return isStepPolicy(policy) ? policy.alarms : NO_ALARMS;
}

const NO_ALARMS: readonly CloudWatchAlarm[] = Object.freeze([]);

/** Where to point at an alarm as a whole: `CloudWatchAlarm`'s key, else (in CloudWatchAlarms) its AlarmName, else its brace. */
function alarmHead(alarm: CloudWatchAlarm): Range {
  return alarm.keyRange ?? alarm.alarmName?.range ?? headOf(alarm);
}

/** Single-metric members that PutMetricAlarm refuses next to Metrics. */
const SINGLE_METRIC_MEMBERS = [
  'Namespace',
  'MetricName',
  'Dimensions',
  'Period',
  'Unit',
  'Statistic',
  'ExtendedStatistic',
] as const;

/** Whether the alarm watches one metric (MetricName form) rather than metric math. */
function singleMetric(alarm: CloudWatchAlarm): boolean {
  return has(alarm, 'MetricName') && !has(alarm, 'Metrics');
}

/** PutMetricAlarm's evaluation window: one day for periods under an hour, seven days otherwise. */
function maxEvaluationSeconds(period: number): number {
  return period < 3600 ? 86_400 : 604_800;
}

const notStep = defineRule(
  {
    code: 'alarm.not-step',
    severity: 'error',
    title: 'Only step policies carry a CloudWatchAlarm',
    description:
      'Target tracking creates and owns its alarms (and must not have them edited); predictive scaling uses none. A `CloudWatchAlarm` (or `CloudWatchAlarms`) belongs only to a `StepScaling` policy.',
  },
  {
    policy(policy, _target, ctx) {
      const type = policy.policyType?.value;
      if (type !== 'TargetTrackingScaling' && type !== 'PredictiveScaling') return;
      const why =
        type === 'TargetTrackingScaling'
          ? 'target tracking creates and manages its own alarms'
          : 'predictive scaling scales on a forecast, not on an alarm';
      // The CloudWatchAlarm object and the CloudWatchAlarms list, each reported at its key.
      const single = singleAlarm(policy);
      for (const [key, held] of [
        ['CloudWatchAlarm', single],
        ['CloudWatchAlarms', policy.alarmList],
      ] as const) {
        if (!held?.keyRange) continue;
        ctx.report({
          range: held.keyRange,
          message: `A ${type} policy takes no ${key}: ${why}. Remove it, or make this a StepScaling policy.`,
          related: [{ ...policy.policyType!.range, message: `PolicyType is ${type}` }],
          fixes: [{ title: `Remove ${key}`, edits: removeMemberEdits(policy.item, held.item) }],
        });
      }
    },
  },
);

const metric = defineRule(
  {
    code: 'alarm.metric',
    severity: 'error',
    title: 'The alarm names one metric, or metric math, not both',
    description:
      'PutMetricAlarm takes either a single metric (`Namespace`, `MetricName`, optional `Dimensions`, a statistic and a `Period`) or a `Metrics` array of metric-math queries. With `Metrics`, the single-metric members are rejected; without either, there is nothing to watch.',
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) checkMetric(alarm, ctx);
    },
  },
);

function checkMetric(alarm: CloudWatchAlarm, ctx: RuleContext): void {
  if (has(alarm, 'Metrics')) {
    for (const key of SINGLE_METRIC_MEMBERS) {
      const found = member(alarm, key);
      if (!found) continue;
      ctx.report({
        range: found.keyRange,
        message: `${key} cannot be used together with Metrics: CloudWatch takes either a single metric or metric math. Move it into a Metrics query's MetricStat, or remove Metrics.`,
      });
    }
    return;
  }
  const hasName = has(alarm, 'MetricName');
  const hasNamespace = has(alarm, 'Namespace');
  if (!hasName && !hasNamespace) {
    ctx.report({
      range: alarmHead(alarm),
      message:
        'This alarm watches no metric. Add Namespace and MetricName (for SageMaker, "AWS/SageMaker" and e.g. "InvocationsPerInstance") with a Statistic, or a Metrics array for metric math.',
    });
  } else if (!hasName && alarm.namespace) {
    ctx.report({
      range: alarm.namespace.range,
      message: `The alarm has Namespace "${alarm.namespace.value}" but no MetricName, so it watches nothing. Add the metric to watch, e.g. "MetricName": "InvocationsPerInstance".`,
    });
  } else if (!hasNamespace && alarm.metricName) {
    ctx.report({
      range: alarm.metricName.range,
      message: `MetricName "${alarm.metricName.value}" needs a Namespace to identify the metric, e.g. "Namespace": "AWS/SageMaker" for SageMaker endpoint metrics.`,
    });
  }
}

const statistic = defineRule(
  {
    code: 'alarm.statistic',
    severity: 'error',
    title: 'A single-metric alarm has Statistic or ExtendedStatistic, not both',
    description:
      'With `MetricName`, PutMetricAlarm needs exactly one of `Statistic` (Average, Sum, Minimum, Maximum, SampleCount) and `ExtendedStatistic` (a percentile such as `p99`).',
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) {
        if (!singleMetric(alarm)) continue;
        const hasStatistic = has(alarm, 'Statistic');
        const extended = member(alarm, 'ExtendedStatistic');
        if (!hasStatistic && !extended) {
          ctx.report({
            range: alarm.metricName?.range ?? alarmHead(alarm),
            message:
              'The alarm does not say which statistic of the metric to compare with its threshold. Add "Statistic": "Average" (or Sum, Maximum, …), or an ExtendedStatistic such as "p99".',
          });
        } else if (hasStatistic && extended) {
          ctx.report({
            range: extended.keyRange,
            message:
              'An alarm takes Statistic or ExtendedStatistic, not both. Keep one: remove ExtendedStatistic to compare the Statistic, or remove Statistic to compare the percentile.',
          });
        }
      }
    },
  },
);

const period = defineRule(
  {
    code: 'alarm.period',
    severity: 'error',
    title: 'A single-metric alarm has a Period CloudWatch accepts',
    description:
      "A static-threshold alarm on one metric needs `Period`: 10, 20 or 30 seconds (high-resolution metrics only) or a multiple of 60. SageMaker's endpoint metrics are per minute, so 60 or more.",
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) {
        if (!singleMetric(alarm)) continue;
        if (!has(alarm, 'Period')) {
          ctx.report({
            range: alarmHead(alarm),
            message:
              'The alarm has no Period, which a single-metric alarm requires. Add "Period": 60 (seconds per data point; SageMaker endpoint metrics are per minute).',
          });
          continue;
        }
        const value = alarm.period?.value;
        // Below 10 (and non-integers) the schema reports; here only the values between.
        if (value === undefined || value < 10 || !Number.isInteger(value)) continue;
        if (value === 10 || value === 20 || value === 30 || value % 60 === 0) continue;
        const below = Math.max(60, Math.floor(value / 60) * 60);
        const above = Math.ceil(value / 60) * 60;
        ctx.report({
          range: alarm.period!.range,
          message: `CloudWatch does not accept a Period of ${value} seconds: use 10, 20 or 30 (high-resolution metrics only) or a multiple of 60, such as ${below === above ? below : `${below} or ${above}`}.`,
        });
      }
    },
  },
);

const evaluationRange = defineRule(
  {
    code: 'alarm.evaluation-range',
    severity: 'error',
    title: "Period × EvaluationPeriods stays within CloudWatch's evaluation window",
    description:
      'CloudWatch evaluates at most one day of data for periods under an hour (86,400 seconds) and at most seven days otherwise (604,800 seconds). A longer `Period × EvaluationPeriods` is rejected.',
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) {
        const p = alarm.period;
        const n = alarm.evaluationPeriods;
        if (!p || !n || !singleMetric(alarm) || p.value < 1 || n.value < 1) continue;
        const limit = maxEvaluationSeconds(p.value);
        if (p.value * n.value <= limit) continue;
        const most = Math.floor(limit / p.value);
        ctx.report({
          range: n.range,
          message: `${n.value} evaluation periods of ${p.value} seconds span ${p.value * n.value} seconds, more than CloudWatch allows (${limit === 86_400 ? 'one day for periods under an hour' : 'seven days'}). Use at most ${most} evaluation periods, or a longer Period.`,
          related: [{ ...p.range, message: `Period is ${p.value} seconds` }],
        });
      }
    },
  },
);

const datapoints = defineRule(
  {
    code: 'alarm.datapoints',
    severity: 'error',
    title: 'DatapointsToAlarm is at most EvaluationPeriods',
    description:
      '`DatapointsToAlarm` is the M of an "M out of N" alarm, and `EvaluationPeriods` the N; M cannot exceed N.',
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) {
        const m = alarm.datapointsToAlarm;
        const n = alarm.evaluationPeriods;
        if (!m || !n || m.value <= n.value) continue;
        ctx.report({
          range: m.range,
          message: `DatapointsToAlarm ${m.value} is more than EvaluationPeriods ${n.value}: the alarm cannot find ${m.value} breaching data points among the last ${n.value}. Lower DatapointsToAlarm or raise EvaluationPeriods.`,
          related: [{ ...n.range, message: `EvaluationPeriods is ${n.value}` }],
        });
      }
    },
  },
);

/** The dimensions of a metric that name another resource than the target's, with a quick fix each. */
function reportOtherResources(
  dimensions: MetricDimension[] | undefined,
  resource: SageMakerResource,
  id: Prop<string>,
  ctx: RuleContext,
): void {
  for (const other of otherResourceDimensions(dimensions, resource)) {
    const got = other.dimension.value!;
    ctx.report({
      range: got.range,
      message: `The alarm's ${other.name} is "${got.value}", but this target scales ${other.what} "${other.want}" (ResourceId "${id.value}"): the policy would react to another ${other.what}'s load. Set it to "${other.want}".`,
      related: [
        {
          ...insideString(ctx.text, id, other.at, other.want.length),
          message: `the target's ${other.what} is "${other.want}"`,
        },
      ],
      fixes: [
        {
          title: `Set ${other.name} to "${other.want}"`,
          edits: replaceValueEdits(member(other.dimension, 'Value')!, other.want),
        },
      ],
    });
  }
}

/** A catalogued metric named with dimensions SageMaker never publishes it with. */
function reportUnpublished(holder: MetricHolder | undefined, resource: SageMakerResource, ctx: RuleContext): void {
  if (!holder || (has(holder, 'Dimensions') && !holder.dimensions)) return; // not an array: the schema's finding
  const facts = metricFacts(holder.namespace?.value, holder.metricName?.value);
  if (!facts) return; // a metric the catalogue does not know: nothing to compare with
  const problem = unpublishedDimensions(
    ctx.text,
    holder,
    facts,
    resource,
    'the alarm never leaves INSUFFICIENT_DATA and never triggers this policy',
  );
  if (problem) ctx.report(problem);
}

const dimensionsMatch = defineRule(
  {
    code: 'alarm.dimensions-match',
    severity: 'warning',
    title: 'The alarm watches the metric of the target it scales',
    description:
      "A step policy's alarm must watch a metric CloudWatch has for the resource the policy scales. A metric is found by exactly the dimensions SageMaker publishes it with (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html): a variant's invocation and instance metrics by `EndpointName` and `VariantName`, an asynchronous endpoint's backlog metrics by `EndpointName` alone (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html), an inference component's by `InferenceComponentName`. With another set the alarm watches a metric that has no data and never fires; with values naming another endpoint, variant or component, it reacts to another resource's load. Metrics SageMaker does not document (a namespace of your own) are not checked here; plan and apply ask CloudWatch (`alarm.metric-exists`).",
  },
  {
    policy(policy, target, ctx) {
      const id = target.resourceId;
      if (!isStepPolicy(policy) || policy.alarms.length === 0 || !id) return;
      if (!target.scalableDimension?.value.startsWith('sagemaker:')) return;
      const resource = parseSageMakerResourceId(id.value);
      if (!resource) return;
      for (const alarm of policy.alarms) {
        reportOtherResources(alarm.dimensions?.items, resource, id, ctx);
        if (singleMetric(alarm)) reportUnpublished(alarm, resource, ctx);
        for (const query of alarm.metrics?.items ?? []) {
          const metric = query.metricStat?.metric;
          reportOtherResources(metric?.dimensions?.items, resource, id, ctx);
          reportUnpublished(metric, resource, ctx);
        }
      }
    },
  },
);

const bandOperator = defineRule(
  {
    code: 'alarm.band-operator',
    severity: 'error',
    title: 'An anomaly-detection alarm cannot trigger a step policy',
    description:
      '`LessThanLowerOrGreaterThanUpperThreshold`, `LessThanLowerThreshold` and `GreaterThanUpperThreshold` compare with an anomaly-detection band (`ThresholdMetricId`), and CloudWatch does not allow such an alarm to have Auto Scaling actions. Step bounds are offsets from a static `Threshold`, so use `GreaterThanOrEqualToThreshold`, `GreaterThanThreshold`, `LessThanThreshold` or `LessThanOrEqualToThreshold` with a `Threshold`.',
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) {
        const operator = alarm.comparisonOperator;
        if (operator && ANOMALY_BAND_OPERATORS.has(operator.value)) {
          ctx.report({
            range: operator.range,
            message: `${operator.value} is for anomaly-detection alarms, which compare with a band rather than a Threshold and cannot trigger scaling policies. Use GreaterThanOrEqualToThreshold (scale out) or LessThanOrEqualToThreshold (scale in) with a static Threshold.`,
          });
          continue;
        }
        const band = member(alarm, 'ThresholdMetricId');
        if (band) {
          ctx.report({
            range: band.keyRange,
            message:
              'ThresholdMetricId makes this an anomaly-detection alarm, and CloudWatch does not allow those to trigger scaling policies. Remove it and compare with a static Threshold.',
          });
        }
      }
    },
  },
);

const thresholdRequired = defineRule(
  {
    code: 'alarm.threshold-required',
    severity: 'error',
    title: 'A static-threshold alarm has a Threshold',
    description:
      'With `GreaterThan…` or `LessThan…` operators the alarm compares its statistic with `Threshold`, and the step bounds are offsets from it; without one, CloudWatch rejects the alarm.',
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of stepAlarms(policy)) {
        const operator = alarm.comparisonOperator;
        if (!operator || !isStaticOperator(operator.value)) continue;
        if (has(alarm, 'Threshold') || has(alarm, 'ThresholdMetricId')) continue;
        ctx.report({
          range: operator.range,
          message: `${operator.value} compares the metric with a Threshold, and this alarm has none. Add "Threshold": the value the step bounds are offsets from (e.g. 100 invocations per instance).`,
        });
      }
    },
  },
);

/** A single-metric alarm's series: namespace, name and dimensions; undefined for metric math. */
function seriesKey(alarm: CloudWatchAlarm): string | undefined {
  if (!alarm.namespace || !alarm.metricName || has(alarm, 'Metrics')) return undefined;
  const dimensions = (alarm.dimensions?.items ?? [])
    .map((d) => `${d.name?.value ?? ''}=${d.value?.value ?? ''}`)
    .sort();
  return [alarm.namespace.value, alarm.metricName.value, ...dimensions].join('\u0000');
}

/** A state of a step policy's alarm that runs the policy, with the metric values where it does. */
interface WatchedTrigger {
  policy: ScalingPolicy;
  alarm: CloudWatchAlarm;
  state: 'ALARM' | 'OK';
  /** The side of the threshold the metric is on when this runs the policy. */
  side: AlarmSide;
  threshold: number;
  runs: MetricInterval;
  key: string;
}

/** Each alarm of a step policy on one metric with a static threshold, in each state that runs the policy (ALARM, OK). */
function watched(policy: ScalingPolicy): WatchedTrigger[] {
  if (!isStepPolicy(policy)) return [];
  const found: WatchedTrigger[] = [];
  for (const alarm of policy.alarms) {
    const threshold = alarm.threshold?.value;
    const key = seriesKey(alarm);
    if (threshold === undefined || key === undefined) continue;
    for (const state of triggerStates(alarm)) {
      if (state === 'INSUFFICIENT_DATA') continue;
      const side = runSide(alarm, state);
      const runs = runInterval(alarm, state);
      if (side && runs) found.push({ policy, alarm, state, side, threshold, runs, key });
    }
  }
  return found;
}

/** Where two intervals of metric values meet; undefined when they do not. */
function meet(a: MetricInterval, b: MetricInterval): MetricInterval | undefined {
  const lower =
    a.lower === undefined || (b.lower !== undefined && b.lower > a.lower)
      ? { v: b.lower, inc: b.lowerInclusive }
      : b.lower === a.lower
        ? { v: a.lower, inc: a.lowerInclusive && b.lowerInclusive }
        : { v: a.lower, inc: a.lowerInclusive };
  const upper =
    a.upper === undefined || (b.upper !== undefined && b.upper < a.upper)
      ? { v: b.upper, inc: b.upperInclusive }
      : b.upper === a.upper
        ? { v: a.upper, inc: a.upperInclusive && b.upperInclusive }
        : { v: a.upper, inc: a.upperInclusive };
  if (lower.v !== undefined && upper.v !== undefined) {
    if (lower.v > upper.v || (lower.v === upper.v && !(lower.inc && upper.inc))) return undefined;
  }
  return { lower: lower.v, lowerInclusive: lower.inc, upper: upper.v, upperInclusive: upper.inc };
}

/** Whether the policy has a step that changes capacity in this direction somewhere in `values`. */
function actsIn(w: WatchedTrigger, values: MetricInterval, direction: 1 | -1): boolean {
  const exact = w.policy.stepScaling?.adjustmentType?.value === 'ExactCapacity';
  for (const step of w.policy.stepScaling?.stepAdjustments?.items ?? []) {
    const adjustment = step.scalingAdjustment?.value ?? 0;
    if (adjustment === 0 || (!exact && Math.sign(adjustment) !== direction)) continue;
    const covered = intervalOfStep(step, w.alarm).absolute;
    if (covered && meet(covered, values)) return true;
  }
  return false;
}

/** Whether two policies of the target at least have alarms: what two policies acting together needs. */
function twoPoliciesHaveAlarms(target: ScalableTarget): boolean {
  let withAlarm = 0;
  for (const policy of target.policies) if (policy.alarms.length > 0 && ++withAlarm === 2) return true;
  return false;
}

const stepPoliciesFight = defineRule(
  {
    code: 'sanity.step-policies-fight',
    severity: 'warning',
    title: 'A scale-in alarm and a scale-out alarm on the same metric do not fire together',
    description:
      "When the alarms of a scale-out and a scale-in step policy watch the same metric and both can be in ALARM at the same value, with steps that add and remove capacity there, the policies undo each other: the fleet flaps. Keep a band between the two thresholds. Every alarm of `CloudWatchAlarms` counts, and an alarm that runs its policy when OK (`TriggerPolicyOn`) does so where the metric does not meet its comparison: a scale-in on OK of `CPU > 70` runs at 70 and below, and fights a scale-out above 60. Deliberate hysteresis is not reported: alarms that can never be in ALARM together (`> 20` and `≤ 20`), and AWS's own pattern of one threshold for both alarms with zero steps next to it (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html). Alarms on different metrics or on metric math are `sanity.multiple-policies-largest-wins`'s.",
  },
  {
    target(target, ctx) {
      if (!twoPoliciesHaveAlarms(target)) return; // nothing can fight: most targets, nothing built
      const triggers = target.policies.flatMap(watched);
      for (const w of triggers) {
        if (w.side !== 'below') continue;
        for (const out of triggers) {
          if (out.side !== 'above' || out.key !== w.key || out.policy === w.policy) continue;
          const both = meet(w.runs, out.runs);
          if (!both || !actsIn(out, both, 1) || !actsIn(w, both, -1)) continue;
          reportFight(w, out, both, ctx);
          break;
        }
      }
    },
  },
);

function reportFight(w: WatchedTrigger, out: WatchedTrigger, both: MetricInterval, ctx: RuleContext): void {
  const inAt = formatNumber(w.threshold);
  const outAt = formatNumber(out.threshold);
  const related = [{ ...out.alarm.threshold!.range, message: `${policyLabel(out.policy)} scales out from ${outAt}` }];
  if (w.state === 'ALARM' && out.state === 'ALARM') {
    const overlap =
      w.threshold === out.threshold ? `both fire at ${outAt}` : `from ${outAt} to ${inAt} both alarms are in ALARM`;
    ctx.report({
      range: w.alarm.threshold!.range,
      message: `The scale-in alarm of ${policyLabel(w.policy)} (${w.alarm.comparisonOperator!.value} ${inAt}) and the scale-out alarm of ${policyLabel(out.policy)} (${out.alarm.comparisonOperator!.value} ${outAt}) watch the same metric, and ${overlap}: the policies undo each other and capacity flaps. Set this threshold below ${outAt}.`,
      related,
    });
    return;
  }
  // An alarm that runs its policy when OK does so where the metric does not meet its comparison.
  const runs = (t: WatchedTrigger) =>
    `while its alarm (${t.alarm.comparisonOperator!.value} ${formatNumber(t.threshold)}) ${t.state === 'ALARM' ? 'is in ALARM' : 'is OK'}`;
  ctx.report({
    range: w.alarm.threshold!.range,
    message: `${policyLabel(w.policy)} scales in ${runs(w)}, and ${policyLabel(out.policy)} scales out ${runs(out)}; both watch the same metric, and at ${formatInterval(both)} both run: the policies undo each other and capacity flaps. Leave a band between the values where each runs.`,
    related,
  });
}

const multiplePoliciesLargestWins = defineRule(
  {
    code: 'sanity.multiple-policies-largest-wins',
    severity: 'information',
    title: 'A scale-out and a scale-in step policy can be triggered together; the largest capacity wins',
    description:
      "When several policies of one target act at once, Application Auto Scaling follows the one that gives the largest capacity, for scale-out and scale-in alike (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html). That is what a set of policies is designed for, and it is not reported for itself. It is reported where it bears on the file: a step policy that adds capacity and one that removes it whose alarms can be in ALARM at the same time (read from their conditions: thresholds on different metrics, or metric-math conditions such as `cpu >= 80 OR gpu >= 80` against `cpu <= 20 OR gpu <= 20`). Then the scale-in waits while the other alarm fires, and as the alarms come and go the two undo each other. Make the conditions exclusive. Every alarm of `CloudWatchAlarms` counts (a policy runs when any of them does), and an alarm that runs its policy when OK (`TriggerPolicyOn`) does so while its condition does not hold; INSUFFICIENT_DATA is about missing data and is not read. Two alarms on the same metric are `sanity.step-policies-fight`'s.",
  },
  {
    target(target, ctx) {
      if (!twoPoliciesHaveAlarms(target)) return;
      const moving = target.policies.flatMap((policy) => {
        const way = isStepPolicy(policy) ? adjustmentDirection(policy.stepScaling) : undefined;
        const triggers = way ? triggerConditions(policy) : [];
        return way && triggers.length > 0 ? [{ policy, way, triggers }] : [];
      });
      for (let j = 1; j < moving.length; j++) {
        const b = moving[j]!;
        for (let i = 0; i < j; i++) {
          const a = moving[i]!;
          if (a.way === b.way) continue;
          const together = runTogether(a.triggers, b.triggers);
          if (!together) continue;
          const [adds, removes] = a.way > 0 ? [a, b] : [b, a];
          const { witness, onAlarm } = together;
          const when = witness.length > 0 ? `, for example when ${atomsInWords(witness)}` : ', always';
          ctx.report({
            range: policyHead(b.policy),
            message: `The alarms of ${policyLabel(adds.policy)}, which adds capacity, and ${policyLabel(removes.policy)}, which removes it, can ${onAlarm ? 'be in ALARM' : 'trigger both policies'} at the same time${when}. Application Auto Scaling then follows the policy that gives the largest capacity, so ${policyLabel(removes.policy)} does not scale in while the other alarm fires, and as the alarms come and go the two undo each other. Make the two conditions exclusive.`,
            related: [{ ...policyHead(a.policy), message: `${policyLabel(a.policy)} is triggered at the same time` }],
          });
          break;
        }
      }
    },
  },
);

/**
 * Metric values at which an alarm of each policy runs it, from their conditions; undefined
 * when none can be found. Two alarms on the same metric are sanity.step-policies-fight's.
 */
function runTogether(
  a: readonly TriggerCondition[],
  b: readonly TriggerCondition[],
): { witness: Atom[]; onAlarm: boolean } | undefined {
  for (const ta of a) {
    const keyA = seriesKey(ta.alarm);
    for (const tb of b) {
      if (keyA !== undefined && keyA === seriesKey(tb.alarm)) continue;
      const witness = bothHold(ta.condition, tb.condition);
      if (witness) return { witness, onAlarm: ta.state === 'ALARM' && tb.state === 'ALARM' };
    }
  }
  return undefined;
}

export const alarmRules: Rule[] = [
  notStep,
  metric,
  statistic,
  period,
  evaluationRange,
  datapoints,
  dimensionsMatch,
  bandOperator,
  thresholdRequired,
  stepPoliciesFight,
  multiplePoliciesLargestWins,
];
