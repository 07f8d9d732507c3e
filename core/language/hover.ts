import { getLocation } from 'jsonc-parser';
import type { Range } from '../finding';
import type { ScalableTarget, ScalingFile, ScalingPolicy, ScheduledAction } from '../document/model';
import { predefinedMetricFacts } from '../facts/endpointKinds';
import { REGIONS } from '../facts/regions';
import { metricFacts, type MetricFacts } from '../facts/metrics';
import type { ScheduleProblem } from '../schedule';
import { readableTime, summarizeSchedule, summaryOk, type ScheduleSummary } from './scheduleSummary';
import {
  formatInterval,
  formatNumber,
  isStepPolicy,
  runSide,
  stepIntervals,
  type StepIntervalInfo,
  type TriggerState,
} from './stepIntervals';
import { timestampInstant } from '../document/timestamp';

// Hovers beyond the schema's field descriptions: the Region's name in words, a Schedule in
// words with its next runs, the absolute metric interval a step adjustment covers and how
// far it can move this target, and what a target-tracking metric and its TargetValue mean. Explanations that
// bear on no risk of a particular file live here, not in the Problems panel. The schema's
// own hover (from VS Code's JSON support) still explains each field.

/** Markdown to show and the range it is about. */
export interface Hover {
  markdown: string;
  range: Range;
}

/** How many runs the hover lists. */
export const HOVER_RUNS = 5;

/** The hover at `offset`, if the offset is on something this module explains. */
export function hoverAt(text: string, model: ScalingFile | undefined, offset: number, now: Date): Hover | undefined {
  if (!model) return undefined;
  const location = getLocation(text, offset);
  const path = location.path;
  if (path.length === 1 && path[0] === 'Region' && !location.isAtPropertyKey) return regionHover(model);
  if (path[0] !== 'ScalableTargets' || typeof path[1] !== 'number') return undefined;
  const target = model.targets.find((t) => t.index === path[1]);
  if (!target) return undefined;

  if (
    location.matches(['ScalableTargets', '*', 'ScheduledActions', '*', 'Schedule']) &&
    !location.isAtPropertyKey &&
    typeof path[3] === 'number'
  ) {
    const action = target.scheduledActions.find((a) => a.index === path[3]);
    const schedule = action?.schedule;
    if (!action || !schedule || offset < schedule.range.start || offset > schedule.range.end) return undefined;
    return { markdown: scheduleMarkdown(action, now), range: schedule.range };
  }
  if (
    path[2] === 'ScalingPolicies' &&
    typeof path[3] === 'number' &&
    path[4] === 'StepScalingPolicyConfiguration' &&
    path[5] === 'StepAdjustments' &&
    typeof path[6] === 'number' &&
    path.length >= 8
  ) {
    const policy = target.policies.find((p) => p.index === path[3]);
    if (!policy || !isStepPolicy(policy)) return undefined;
    const step = policy.stepScaling?.stepAdjustments?.items.find((s) => s.index === path[6]);
    if (!step) return undefined;
    const markdown = stepMarkdown(policy, path[6], target);
    return markdown ? { markdown, range: step.range } : undefined;
  }
  if (
    path[2] === 'ScalingPolicies' &&
    typeof path[3] === 'number' &&
    path[4] === 'TargetTrackingScalingPolicyConfiguration' &&
    !location.isAtPropertyKey
  ) {
    const policy = target.policies.find((p) => p.index === path[3]);
    const tracking = policy?.targetTracking;
    if (!tracking) return undefined;
    const type = tracking.predefined?.predefinedMetricType;
    if (path[5] === 'TargetValue' && path.length === 6 && tracking.targetValue) {
      const markdown = targetValueMarkdown(tracking.targetValue.value, trackedFacts(policy));
      return markdown ? { markdown, range: tracking.targetValue.range } : undefined;
    }
    if (path[5] === 'PredefinedMetricSpecification' && path[6] === 'PredefinedMetricType' && type) {
      const facts = predefinedMetricFacts(type.value);
      const markdown = facts && metricMarkdown(type.value, facts);
      return markdown ? { markdown, range: type.range } : undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Region: its name in words, which its code does not always tell (me-central-1 is the UAE,
// me-west-1 Saudi Arabia). A code AWS does not have gets no hover: format.region-unknown
// reports it with the Region meant.

function regionHover(model: ScalingFile): Hover | undefined {
  const region = model.region;
  const description = region && REGIONS[region.value];
  return description ? { markdown: `**${region.value}**: ${description}`, range: region.range } : undefined;
}

// ---------------------------------------------------------------------------------------
// Schedule.

function problemList(problems: readonly ScheduleProblem[]): string[] {
  return problems.map((p) => `- ${p.severity} \`${p.code}\`: ${p.message}`);
}

function scheduleMarkdown(action: ScheduledAction, now: Date): string {
  const expression = action.schedule!.value;
  const start = timestampInstant(action.startTime?.value);
  const end = timestampInstant(action.endTime?.value);
  const summary = summarizeSchedule(expression, {
    timeZone: action.timezone?.value || undefined,
    start,
    end,
    after: now,
    count: HOVER_RUNS,
  });
  return scheduleSummaryMarkdown(summary, { start, end });
}

/** The Markdown of a schedule summary: words and a table of runs, or the problems. */
export function scheduleSummaryMarkdown(summary: ScheduleSummary, window: { start?: Date; end?: Date } = {}): string {
  const code = `\`${summary.expression.replace(/`/g, "'")}\``;
  if (!summaryOk(summary)) {
    const errors = summary.problems.filter((p) => p.severity === 'error');
    // A sound expression with a zone AWS does not know: the zone is what is wrong.
    if (errors.length > 0 && errors.every((p) => p.on === 'Timezone')) {
      return [
        `**Schedule** ${code} is well formed, but its Timezone \`${summary.timeZone}\` is not a zone AWS knows, so its runs cannot be worked out:`,
        '',
        ...problemList(errors),
      ].join('\n');
    }
    return [`**Schedule** ${code} can't be read:`, '', ...problemList(errors.length ? errors : summary.problems)].join(
      '\n',
    );
  }
  const lines = [`**Schedule** ${code}: ${summary.description}`, ''];
  if (summary.schedule?.kind === 'rate') {
    lines.push(
      window.start
        ? 'Intervals count from StartTime.'
        : 'Intervals count from when AWS creates the action; the times below count from now.',
      '',
    );
  }
  if (!summary.zoneGiven && summary.schedule?.kind !== 'rate') lines.push('No `Timezone`: the times are UTC.', '');
  if (window.start || window.end) {
    const from = window.start ? `from ${readableTime(utc(window.start))}` : '';
    const to = window.end ? `until ${readableTime(utc(window.end))}` : '';
    lines.push(`Active ${[from, to].filter(Boolean).join(' ')} (StartTime/EndTime).`, '');
  }
  if (summary.runs.length === 0) {
    const why = summary.problems.filter(
      (p) => p.code === 'at.past' || p.code === 'cron.never-fires' || p.code === 'sched.end-in-past',
    );
    lines.push('**No run to come.**', ...(why.length ? ['', ...problemList(why)] : []));
    return lines.join('\n');
  }
  const sameZone = !summary.zoneGiven || summary.timeZone === 'UTC';
  lines.push(`Next ${summary.runs.length === 1 ? 'run' : `${summary.runs.length} runs`}:`, '');
  if (sameZone) {
    lines.push('| UTC |', '|---|', ...summary.runs.map((r) => `| ${readableTime(r.utc)} |`));
  } else {
    lines.push(
      `| ${summary.timeZone} | UTC |`,
      '|---|---|',
      ...summary.runs.map((r) => `| ${readableTime(r.local)} | ${readableTime(r.utc)} |`),
    );
  }
  if (summary.runs.length < HOVER_RUNS && summary.schedule?.kind !== 'at')
    lines.push('', window.end ? 'No further runs before EndTime.' : 'No further runs.');
  const dst = summary.problems.filter((p) => p.code === 'tz.dst-gap');
  if (dst.length) lines.push('', ...dst.map((p) => `⚠ ${p.message}`));
  return lines.join('\n');
}

function utc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------------------------------
// Step adjustments.

function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

function adjustmentText(policy: ScalingPolicy, adjustment: number | undefined): string | undefined {
  if (adjustment === undefined) return undefined;
  switch (policy.stepScaling?.adjustmentType?.value) {
    case 'ChangeInCapacity':
      return `${adjustment < 0 ? `removes ${formatNumber(-adjustment)} from` : `adds ${formatNumber(adjustment)} to`} the capacity (ChangeInCapacity ${signed(adjustment)})`;
    case 'PercentChangeInCapacity':
      return `${adjustment < 0 ? 'shrinks' : 'grows'} the capacity by ${formatNumber(Math.abs(adjustment))}% (PercentChangeInCapacity ${signed(adjustment)})`;
    case 'ExactCapacity':
      return `sets the capacity to ${formatNumber(adjustment)} (ExactCapacity)`;
    default:
      return `ScalingAdjustment ${signed(adjustment)}`;
  }
}

function stepMarkdown(policy: ScalingPolicy, stepIndex: number, target: ScalableTarget): string | undefined {
  const infos = stepIntervals(policy, stepIndex);
  if (!infos) return undefined;
  const steps = policy.stepScaling?.stepAdjustments?.items ?? [];
  const step = steps.find((s) => s.index === stepIndex);
  const name = policy.policyName ? ` of \`${policy.policyName.value}\`` : '';
  const adjustment = adjustmentText(policy, step?.scalingAdjustment?.value);
  const lines = [`**Step ${stepIndex + 1}**${name}${adjustment ? `: ${adjustment}` : ''}`, ''];
  const relative = formatInterval(infos[0]!.relative);
  if (infos.length === 1) {
    const info = infos[0]!;
    if (info.absolute && info.threshold !== undefined) {
      const metric = info.metricName ? `\`${info.metricName}\`` : 'the metric';
      lines.push(
        `Runs when ${metric} is in **${formatInterval(info.absolute)}**: the alarm's Threshold ${formatNumber(info.threshold)} + the bounds ${relative}.`,
      );
    } else {
      lines.push(
        `Runs when the metric is in the alarm's threshold + ${relative}. Add a \`CloudWatchAlarm\` with a \`Threshold\` to this policy to see the metric values.`,
      );
    }
    const operator = info.alarm?.comparisonOperator?.value;
    if (info.firesOn && operator) lines.push('', `The alarm (${operator}) ${runsIn(info)}.`);
  } else {
    // Several alarms: the bounds are offsets from the threshold of the alarm that ran the policy.
    lines.push(`Bounds ${relative} from the threshold of whichever alarm runs the policy:`, '');
    for (const info of infos) {
      const alarm = info.alarm?.alarmName ? `\`${info.alarm.alarmName.value}\`` : 'an alarm without AlarmName';
      const metric = info.metricName ? `\`${info.metricName}\`` : 'the metric';
      const where =
        info.absolute && info.threshold !== undefined
          ? `${metric} in **${formatInterval(info.absolute)}** (Threshold ${formatNumber(info.threshold)})`
          : 'no Threshold to place the bounds';
      const operator = info.alarm?.comparisonOperator?.value;
      const side = info.firesOn && operator ? `; ${operator}, ${runsIn(info)}` : '';
      lines.push(`- ${alarm}: ${where}${side}`);
    }
  }
  lines.push(
    '',
    'Bounds are offsets from the threshold: a lower bound at or above it is inclusive, an upper bound at or below it is inclusive.',
  );
  const clamp = clampNote(policy, step?.scalingAdjustment?.value, target);
  if (clamp) lines.push('', clamp);
  return lines.join('\n');
}

/** In which states the alarm runs the policy, and on which side of its threshold that leaves the metric. */
function runsIn(info: StepIntervalInfo): string {
  const alarm = info.alarm!;
  const words = (state: TriggerState): string => {
    const side = runSide(alarm, state);
    return state === 'ALARM'
      ? `in ALARM ${side} its threshold`
      : state === 'OK'
        ? `when OK, ${side} its threshold`
        : '';
  };
  const placed = info.states.filter((s) => s !== 'INSUFFICIENT_DATA');
  const noData = info.states.includes('INSUFFICIENT_DATA')
    ? ', and in INSUFFICIENT_DATA, when the metric has no value to place'
    : '';
  if (placed.length === 0) return `runs the policy only in INSUFFICIENT_DATA, when the metric has no value to place`;
  const sides = new Set(placed.map((s) => runSide(alarm, s)));
  const which = sides.size === 1 ? 'so only steps on that side can run' : 'so steps on both sides can run';
  if (placed.length === 1 && placed[0] === 'ALARM' && !noData)
    return `is in ALARM ${info.firesOn} its threshold, ${which}`;
  return `runs the policy ${placed.map(words).join(' and ')}${noData}, ${which}`;
}

/**
 * How far a change in capacity can move this target: Application Auto Scaling keeps the
 * capacity within [MinCapacity, MaxCapacity], so a step larger than the range reaches the
 * bound and stops there (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
 */
function clampNote(policy: ScalingPolicy, adjustment: number | undefined, target: ScalableTarget): string | undefined {
  const min = target.minCapacity?.value;
  const max = target.maxCapacity?.value;
  if (adjustment === undefined || min === undefined || max === undefined || max <= min) return undefined;
  if (policy.stepScaling?.adjustmentType?.value !== 'ChangeInCapacity' || Math.abs(adjustment) <= max - min)
    return undefined;
  return `Capacity stays within MinCapacity ${min} and MaxCapacity ${max}, so this step ${adjustment > 0 ? `adds at most ${max - min}: from any capacity it reaches ${max}` : `removes at most ${max - min}: from any capacity it reaches ${min}`}.`;
}

// ---------------------------------------------------------------------------------------
// Target tracking: what the metric is and what its TargetValue means.

const LOAD_TESTING = 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html';

/** The catalogue's facts of the metric a target-tracking policy follows, predefined or customized. */
function trackedFacts(policy: ScalingPolicy | undefined): MetricFacts | undefined {
  const tracking = policy?.targetTracking;
  const type = tracking?.predefined?.predefinedMetricType;
  if (type) return predefinedMetricFacts(type.value);
  return metricFacts(tracking?.customized?.namespace?.value, tracking?.customized?.metricName?.value);
}

function perWhat(facts: MetricFacts): string {
  return facts.dimensions.some((set) => set.includes('InferenceComponentName')) ? 'copy' : 'instance';
}

/** What a high-resolution concurrency metric counts requests per: each copy of a component, else each model. */
function concurrencyPer(facts: MetricFacts): 'copy' | 'model' {
  return facts.name.endsWith('PerCopy') ? 'copy' : 'model';
}

function metricMarkdown(type: string, facts: MetricFacts): string | undefined {
  if (!facts.highResolution) return undefined;
  const per = concurrencyPer(facts);
  return [
    `**${type}** tracks \`${facts.name}\`: the requests in flight per ${per}, queued ones included, published every 10 seconds.`,
    '',
    `A high-resolution metric lets the policy see a surge and scale out sooner; scale-in keeps the standard pace. TargetValue is a number of concurrent requests per ${per}, usually small. ([AWS](${facts.source}))`,
  ].join('\n');
}

function targetValueMarkdown(value: number, facts: MetricFacts | undefined): string | undefined {
  if (!facts) return undefined;
  if (facts.perMinuteCount && facts.perCapacity) {
    const per = perWhat(facts);
    const rps = Number((value / 60).toPrecision(3));
    return [
      `**TargetValue ${formatNumber(value)}**: \`${facts.name}\` counts invocations per ${per} **per minute**, so this holds each ${per} at about ${formatNumber(rps)} requests per second.`,
      '',
      `SageMaker's load-testing guidance: TargetValue = MAX_RPS × SAFETY_FACTOR × 60, where MAX_RPS is what one ${per} serves at your latency limit and 0.5 is a first safety factor (4 requests per second gives 120). A model that takes seconds per request (image generation, an LLM) serves a few requests a minute, and a low value is right for it. ([AWS](${LOAD_TESTING}))`,
    ].join('\n');
  }
  if (facts.highResolution) {
    const per = concurrencyPer(facts);
    return `**TargetValue ${formatNumber(value)}**: concurrent requests per ${per} (queued ones included) that the policy holds \`${facts.name}\` at. ([AWS](${facts.source}))`;
  }
  return undefined;
}
