import type { ScalingActivity, VariantDetails } from '../../aws/endpoints';
import type { LiveTarget, PolicySpec, ScheduledActionSpec } from '../../core/plan/liveState';
import { readableTime, summarizeSchedule } from '../../core/language/scheduleSummary';

// The words the tree shows for live objects: key figures in a node's description, more in
// its tooltip. Plain functions of plain data (no editor types), so each reads at a glance.

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The last part of a scalable dimension: `sagemaker:variant:DesiredInstanceCount` → `DesiredInstanceCount`. */
export function dimensionWords(dimension: string): string {
  return dimension.split(':').pop() ?? dimension;
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

/** A target's bounds and suspensions: `DesiredInstanceCount · min 1 · max 4`. */
export function targetSummary(target: LiveTarget): string {
  return [
    dimensionWords(target.ScalableDimension),
    `min ${target.MinCapacity ?? '?'}`,
    `max ${target.MaxCapacity ?? '?'}`,
    suspendedWords(target),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The tree's name for a policy type. */
export function policyKind(type: string): 'stepScaling' | 'targetTracking' | 'predictive' {
  return type === 'StepScaling' ? 'stepScaling' : type === 'PredictiveScaling' ? 'predictive' : 'targetTracking';
}

function metricName(config: Json): string {
  const predefined = asRecord(config.PredefinedMetricSpecification);
  if (predefined) return asString(predefined.PredefinedMetricType) ?? 'predefined metric';
  const custom = asRecord(config.CustomizedMetricSpecification);
  if (custom) return Array.isArray(custom.Metrics) ? 'metric math' : (asString(custom.MetricName) ?? 'custom metric');
  return 'metric';
}

function adjustment(type: string | undefined, value: number | undefined): string {
  if (value === undefined) return '?';
  if (type === 'ExactCapacity') return `=${value}`;
  const sign = value > 0 ? '+' : '';
  return type === 'PercentChangeInCapacity' ? `${sign}${value}%` : `${sign}${value}`;
}

/** A step policy's intervals as offsets from the alarm threshold: `0…50: +1, 50…: +2`. */
export function stepSummary(config: Json): string {
  const type = asString(config.AdjustmentType);
  const steps = Array.isArray(config.StepAdjustments)
    ? config.StepAdjustments.map(asRecord).filter((s): s is Json => s !== undefined)
    : [];
  if (steps.length === 0) return 'no steps';
  return steps
    .map((s) => {
      const lower = asNumber(s.MetricIntervalLowerBound);
      const upper = asNumber(s.MetricIntervalUpperBound);
      return `${lower ?? ''}…${upper ?? ''}: ${adjustment(type, asNumber(s.ScalingAdjustment))}`;
    })
    .join(', ');
}

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/** A policy's type and key figures: `target tracking · 70 SageMakerVariantInvocationsPerInstance`. */
export function policySummary(policy: PolicySpec): string {
  switch (policyKind(policy.PolicyType)) {
    case 'targetTracking': {
      const config = asRecord(policy.TargetTrackingScalingPolicyConfiguration) ?? {};
      return `target tracking · ${asNumber(config.TargetValue) ?? '?'} ${metricName(config)}`;
    }
    case 'stepScaling': {
      const config = asRecord(policy.StepScalingPolicyConfiguration) ?? {};
      // The first alarm, and how many others trigger the policy too.
      const alarms = [policy.CloudWatchAlarm, ...(policy.CloudWatchAlarms ?? [])].filter((a) => a !== undefined);
      const alarm = alarms[0];
      const more = alarms.length > 1 ? ` or ${alarms.length - 1} more alarm${alarms.length > 2 ? 's' : ''}` : '';
      const trigger = alarm
        ? ` · when ${asString(alarm.MetricName) ?? 'metric'} ${OPERATORS[asString(alarm.ComparisonOperator) ?? ''] ?? '?'} ${asNumber(alarm.Threshold) ?? '?'}${more}`
        : '';
      return `step scaling · ${stepSummary(config)}${trigger}`;
    }
    case 'predictive': {
      const config = asRecord(policy.PredictiveScalingPolicyConfiguration) ?? {};
      const spec = Array.isArray(config.MetricSpecifications) ? asRecord(config.MetricSpecifications[0]) : undefined;
      const pair = asRecord(spec?.PredefinedMetricPairSpecification);
      const metric =
        asString(pair?.PredefinedMetricType) ??
        (spec?.CustomizedScalingMetricSpecification ? 'custom metrics' : 'metric');
      return `predictive · ${asString(config.Mode) ?? 'ForecastOnly'} · ${asNumber(spec?.TargetValue) ?? '?'} ${metric}`;
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

/** A scheduled action's description: `at 08:00 every day, Europe/Berlin · next Mon 2026-11-30 08:00 +01:00`. */
export function actionSummary(action: ScheduledActionSpec, now: Date): string {
  const words = actionWords(action, now, 1);
  return `${words.schedule} · ${words.next[0] ? `next ${words.next[0]}` : 'no run left'} · ${words.capacity}`;
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
