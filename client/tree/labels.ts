import type { ScalingActivity, VariantDetails } from '../../aws/endpoints';
import type { LiveTarget, PolicySpec, ScheduledActionSpec } from '../../core/plan/liveState';
import { metricValueText, shortMetricName } from '../../core/language/metricWords';
import { readableTime, summarizeSchedule } from '../../core/language/scheduleSummary';
import { formatNumber, relativeInterval } from '../../core/language/stepIntervals';

// The words the tree shows for live objects: key figures first in a node's description
// (a side bar is narrow, and the end of a description is what gets cut), the full names
// and the rest in its tooltip. Plain functions of plain data (no editor types).

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const DIMENSION_WORDS: Record<string, string> = {
  DesiredInstanceCount: 'instances',
  DesiredProvisionedConcurrency: 'provisioned concurrency',
  DesiredCopyCount: 'copies',
};

/** What a scalable dimension counts, in a word: `sagemaker:variant:DesiredInstanceCount` → `instances`. */
export function dimensionWords(dimension: string): string {
  const last = dimension.split(':').pop() ?? dimension;
  return DIMENSION_WORDS[last] ?? last;
}

/** A variant's size: instance type and counts, or its serverless configuration. */
export function variantSummary(v: VariantDetails): string {
  if (v.kind === 'serverless') {
    const s = v.ServerlessConfig ?? {};
    const parts = ['serverless'];
    if (s.MemorySizeInMB !== undefined) parts.push(`${s.MemorySizeInMB} MB`);
    if (s.MaxConcurrency !== undefined) parts.push(`max concurrency ${s.MaxConcurrency}`);
    if (s.ProvisionedConcurrency !== undefined) parts.push(`provisioned ${s.ProvisionedConcurrency}`);
    return parts.join(' · ');
  }
  const counts =
    v.CurrentInstanceCount !== undefined || v.DesiredInstanceCount !== undefined
      ? `${v.CurrentInstanceCount ?? '?'}/${v.DesiredInstanceCount ?? '?'} instances`
      : undefined;
  return [v.InstanceType ?? 'instance type unknown', counts].filter(Boolean).join(' · ');
}

/** Which kinds of scaling a target has suspended, in words; undefined when none. */
export function suspendedWords(target: LiveTarget): string | undefined {
  const s = target.SuspendedState ?? {};
  const parts = [
    s.DynamicScalingInSuspended ? 'scale-in' : '',
    s.DynamicScalingOutSuspended ? 'scale-out' : '',
    s.ScheduledScalingSuspended ? 'scheduled' : '',
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')} suspended` : undefined;
}

/** A target's bounds, what they count, and suspensions: `min 1 · max 4 · instances`. */
export function targetSummary(target: LiveTarget): string {
  return [
    `min ${target.MinCapacity ?? '?'}`,
    `max ${target.MaxCapacity ?? '?'}`,
    dimensionWords(target.ScalableDimension),
    suspendedWords(target),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The tree's name for a policy type. */
export function policyKind(type: string): 'stepScaling' | 'targetTracking' | 'predictive' {
  return type === 'StepScaling' ? 'stepScaling' : type === 'PredictiveScaling' ? 'predictive' : 'targetTracking';
}

/** The metric a target-tracking configuration follows, by its full name. */
export function metricName(config: Json): string {
  const predefined = asRecord(config.PredefinedMetricSpecification);
  if (predefined) return asString(predefined.PredefinedMetricType) ?? 'predefined metric';
  const custom = asRecord(config.CustomizedMetricSpecification);
  if (custom) return Array.isArray(custom.Metrics) ? 'metric math' : (asString(custom.MetricName) ?? 'custom metric');
  return 'metric';
}

function adjustment(type: string | undefined, value: number | undefined): string {
  if (value === undefined) return '?';
  if (type === 'ExactCapacity') return `= ${value}`;
  const sign = value > 0 ? '+' : '';
  return type === 'PercentChangeInCapacity' ? `${sign}${value} %` : `${sign}${value}`;
}

/** A step's interval as metric values: `200–300 ms`, `≥ 300 ms`, `< 5`; offsets from the threshold when there is none. */
function intervalText(metric: string | undefined, threshold: number | undefined, step: Json): string {
  const relative = relativeInterval({
    lower: asNumber(step.MetricIntervalLowerBound),
    upper: asNumber(step.MetricIntervalUpperBound),
  });
  const at = threshold ?? 0;
  // The unit is written once, after the interval: `200–300 ms`.
  const value = (offset: number) => metricValueText(threshold === undefined ? undefined : metric, at + offset);
  const bare = (text: string) => text.replace(/ (ms|%)$/, '');
  const { lower, upper } = relative;
  if (lower !== undefined && upper !== undefined) return `${bare(value(lower))}–${value(upper)}`;
  if (lower !== undefined) return `${relative.lowerInclusive ? '≥' : '>'} ${value(lower)}`;
  if (upper !== undefined) return `${relative.upperInclusive ? '≤' : '<'} ${value(upper)}`;
  return 'any value';
}

/** The steps of a step policy: `200–300 ms: +25 %, ≥ 300 ms: +50 %` (with the alarm's threshold and metric). */
export function stepSummary(config: Json, alarm?: Json): string {
  const type = asString(config.AdjustmentType);
  const steps = Array.isArray(config.StepAdjustments)
    ? config.StepAdjustments.map(asRecord).filter((s): s is Json => s !== undefined)
    : [];
  if (steps.length === 0) return 'no steps';
  const metric = asString(alarm?.MetricName);
  const threshold = asNumber(alarm?.Threshold);
  const text = steps
    .map((s) => `${intervalText(metric, threshold, s)}: ${adjustment(type, asNumber(s.ScalingAdjustment))}`)
    .join(', ');
  return threshold === undefined ? `threshold + ${text}` : text;
}

/** The alarm that triggers a step policy, in words: `ModelLatency > 200 ms`. */
export function alarmCondition(alarm: Json): string {
  const metric = asString(alarm.MetricName) ?? (Array.isArray(alarm.Metrics) ? 'metric math' : 'metric');
  const threshold = asNumber(alarm.Threshold);
  const operator = OPERATORS[asString(alarm.ComparisonOperator) ?? ''] ?? asString(alarm.ComparisonOperator) ?? '?';
  return `${metric} ${operator} ${threshold === undefined ? '?' : metricValueText(metric, threshold)}`;
}

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/** The alarms that trigger a step policy, as the file and fetch hold them: `CloudWatchAlarm`, then `CloudWatchAlarms`. */
function stepAlarms(policy: PolicySpec): Json[] {
  return [policy.CloudWatchAlarm, ...(policy.CloudWatchAlarms ?? [])]
    .map((a) => asRecord(a))
    .filter((a): a is Json => a !== undefined);
}

/** The metric a predictive policy forecasts, by its full name. */
export function predictiveMetric(config: Json): { target: number | undefined; metric: string } {
  const spec = Array.isArray(config.MetricSpecifications) ? asRecord(config.MetricSpecifications[0]) : undefined;
  const pair = asRecord(spec?.PredefinedMetricPairSpecification);
  const metric =
    asString(pair?.PredefinedMetricType) ?? (spec?.CustomizedScalingMetricSpecification ? 'custom metrics' : 'metric');
  return { target: asNumber(spec?.TargetValue), metric };
}

/**
 * A policy's key figures, the value first and the metric by its short name (the icon
 * tells the kind): `70 InvocationsPerInstance`, `ModelLatency 200–300 ms: +25 %, ≥ 300 ms: +50 %`.
 */
export function policySummary(policy: PolicySpec): string {
  switch (policyKind(policy.PolicyType)) {
    case 'targetTracking': {
      const config = asRecord(policy.TargetTrackingScalingPolicyConfiguration) ?? {};
      const target = asNumber(config.TargetValue);
      return `${target === undefined ? '?' : formatNumber(target)} ${shortMetricName(metricName(config))}`;
    }
    case 'stepScaling': {
      const config = asRecord(policy.StepScalingPolicyConfiguration) ?? {};
      // The first alarm's metric and threshold read the steps; others that trigger the policy are counted.
      const alarms = stepAlarms(policy);
      const alarm = alarms[0];
      const metric = asString(alarm?.MetricName);
      const more = alarms.length > 1 ? ` · ${alarms.length - 1} more alarm${alarms.length > 2 ? 's' : ''}` : '';
      return `${metric ? `${metric} ` : ''}${stepSummary(config, alarm)}${more}`;
    }
    case 'predictive': {
      const config = asRecord(policy.PredictiveScalingPolicyConfiguration) ?? {};
      const { target, metric } = predictiveMetric(config);
      const mode = asString(config.Mode) === 'ForecastAndScale' ? 'forecast and scale' : 'forecast only';
      return `${target === undefined ? '?' : formatNumber(target)} ${shortMetricName(metric)} · ${mode}`;
    }
  }
}

function date(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** What a scheduled action says: its schedule in words, its next runs and the capacity it sets. */
export interface ActionWords {
  schedule: string;
  capacity: string;
  /** The next runs in the action's zone, as people read them; empty when none is left. */
  next: string[];
}

/** A scheduled action in words, with its next `count` runs after `now`. */
export function actionWords(action: ScheduledActionSpec, now: Date, count = 3): ActionWords {
  const start = date(action.StartTime);
  const end = date(action.EndTime);
  const summary = summarizeSchedule(action.Schedule, {
    after: now,
    count,
    timeZone: action.Timezone || undefined,
    start,
    end,
  });
  const min = action.ScalableTargetAction?.MinCapacity;
  const max = action.ScalableTargetAction?.MaxCapacity;
  const capacity =
    [min !== undefined ? `min ${min}` : '', max !== undefined ? `max ${max}` : ''].filter(Boolean).join(', ') ||
    'no capacity change';
  return {
    schedule: summary.description ?? action.Schedule,
    capacity,
    next: summary.runs.map((r) => readableTime(r.local)),
  };
}

/** A scheduled action's description, what it sets first: `min 1, max 2 · at 08:00 every day, Europe/Berlin · next Mon 2026-11-30 08:00 +01:00`. */
export function actionSummary(action: ScheduledActionSpec, now: Date): string {
  const words = actionWords(action, now, 1);
  return `${words.capacity} · ${words.schedule} · ${words.next[0] ? `next ${words.next[0]}` : 'no run left'}`;
}

/** An instant as people read it, in UTC: `2026-11-30 08:00 UTC`. */
export function readableInstant(iso: string | undefined): string {
  if (!iso) return 'time unknown';
  return readableTime(iso.replace(/\.\d+Z$/, 'Z'));
}

/** A scaling activity's status and time: `Successful · Mon 2026-11-30 08:00 UTC`. */
export function activitySummary(activity: ScalingActivity): string {
  return `${activity.StatusCode} · ${readableInstant(activity.StartTime)}`;
}

// ---------------------------------------------------------------------------------------
// Tooltips: Markdown lines of what a person needs, never our own fields (resourceId, kind).

const seconds = (value: unknown): string | undefined => (typeof value === 'number' ? `${value} s` : undefined);

/** A variant's tooltip lines. */
export function variantTooltip(v: VariantDetails): string[] {
  const lines = [`**Production variant ${v.VariantName}**`];
  if (v.kind === 'serverless') {
    const s = v.ServerlessConfig ?? {};
    lines.push(
      [
        'Serverless',
        s.MemorySizeInMB !== undefined ? `${s.MemorySizeInMB} MB memory` : '',
        s.MaxConcurrency !== undefined ? `max concurrency ${s.MaxConcurrency}` : '',
        s.ProvisionedConcurrency !== undefined ? `provisioned concurrency ${s.ProvisionedConcurrency}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    );
  } else {
    lines.push(
      [
        v.InstanceType ?? 'Instance type unknown',
        v.CurrentInstanceCount !== undefined ? `${v.CurrentInstanceCount} running` : '',
        v.DesiredInstanceCount !== undefined ? `${v.DesiredInstanceCount} desired` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    );
  }
  lines.push(`Scalable target: \`${v.resourceId}\` (${dimensionWords(v.scalableDimension)})`);
  return lines;
}

/** A scalable target's tooltip lines. */
export function targetTooltip(target: LiveTarget): string[] {
  const lines = [
    `**Scalable target** \`${target.ResourceId}\``,
    `${target.ScalableDimension}: min ${target.MinCapacity ?? '?'}, max ${target.MaxCapacity ?? '?'}`,
  ];
  const suspended = suspendedWords(target);
  if (suspended) lines.push(`Suspended: ${suspended.replace(/ suspended$/, '')}`);
  if (target.RoleARN) lines.push(`Role: \`${target.RoleARN}\``);
  return lines;
}

/** A policy's tooltip lines: its kind, the full metric, and its settings in words. */
export function policyTooltip(policy: PolicySpec): string[] {
  switch (policyKind(policy.PolicyType)) {
    case 'targetTracking': {
      const config = asRecord(policy.TargetTrackingScalingPolicyConfiguration) ?? {};
      const lines = [
        `**Target tracking policy ${policy.PolicyName}**`,
        `Keeps \`${metricName(config)}\` at ${asNumber(config.TargetValue) ?? '?'}`,
      ];
      const cooldowns = [
        seconds(config.ScaleOutCooldown) && `scale-out cooldown ${seconds(config.ScaleOutCooldown)}`,
        seconds(config.ScaleInCooldown) && `scale-in cooldown ${seconds(config.ScaleInCooldown)}`,
      ].filter(Boolean);
      if (cooldowns.length > 0) lines.push(cooldowns.join(' · '));
      if (config.DisableScaleIn === true) lines.push('Scale-in disabled: this policy only adds capacity');
      return lines;
    }
    case 'stepScaling': {
      const config = asRecord(policy.StepScalingPolicyConfiguration) ?? {};
      const alarms = stepAlarms(policy);
      const alarm = alarms[0];
      const lines = [`**Step scaling policy ${policy.PolicyName}**`];
      for (const alarm of alarms) {
        const period = asNumber(alarm.Period);
        const periods = asNumber(alarm.EvaluationPeriods);
        const how = [
          asString(alarm.Statistic) ?? asString(alarm.ExtendedStatistic),
          period !== undefined ? `over ${period} s` : '',
          periods !== undefined ? `${periods} period${periods === 1 ? '' : 's'}` : '',
        ]
          .filter(Boolean)
          .join(', ');
        lines.push(
          `Triggered by alarm \`${asString(alarm.AlarmName) ?? '?'}\`: ${alarmCondition(alarm)}${how ? ` (${how})` : ''}`,
        );
      }
      if (alarms.length === 0) lines.push('No CloudWatch alarm found that triggers it');
      lines.push(`Steps: ${stepSummary(config, alarm)}`);
      const more = [
        asString(config.AdjustmentType),
        seconds(config.Cooldown) && `cooldown ${seconds(config.Cooldown)}`,
        asNumber(config.MinAdjustmentMagnitude) !== undefined && `at least ${asNumber(config.MinAdjustmentMagnitude)}`,
        asString(config.MetricAggregationType) && `aggregation ${asString(config.MetricAggregationType)}`,
      ].filter(Boolean);
      if (more.length > 0) lines.push(more.join(' · '));
      return lines;
    }
    case 'predictive': {
      const config = asRecord(policy.PredictiveScalingPolicyConfiguration) ?? {};
      const { target, metric } = predictiveMetric(config);
      return [
        `**Predictive scaling policy ${policy.PolicyName}**`,
        `Forecasts \`${metric}\`, target ${target ?? '?'}`,
        `Mode ${asString(config.Mode) ?? 'ForecastOnly'}`,
      ];
    }
  }
}
