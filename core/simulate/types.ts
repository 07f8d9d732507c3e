// The simulator's inputs and outputs. Plain data: the CLI prints them, the editor's panel
// charts them, and both re-run `simulate` on every change, so the series are typed arrays
// (one allocation each per run) rather than an object per minute.

/** How CloudWatch fills a missing datapoint (PutMetricAlarm's TreatMissingData). */
export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';

/** The comparison operators a scaling alarm can use (the anomaly-band ones are not simulated). */
export type ComparisonOperator =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

/** An alarm's state, as a small number so a per-minute series of them fits a Uint8Array. */
export const OK = 0;
export const ALARM = 1;
export const INSUFFICIENT_DATA = 2;
export type AlarmState = typeof OK | typeof ALARM | typeof INSUFFICIENT_DATA;
export const ALARM_STATE_NAMES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;

/**
 * A load: the endpoint's demand and any other CloudWatch metric the policies need, as
 * columns of timestamped values. A value holds from its timestamp until the next one (the
 * last for one `intervalMs`); NaN is a missing datapoint.
 */
export interface Load {
  columns: LoadColumn[];
}

/** `invocations` (total requests per minute), `concurrency` (total requests in flight), or a CloudWatch MetricName fed as-is. */
export interface LoadColumn {
  name: string;
  /** Epoch milliseconds, strictly increasing. */
  times: Float64Array;
  values: Float64Array;
  /** How long the last value holds: the column's row interval. */
  intervalMs: number;
}

/** The demand columns; every other column is a CloudWatch metric by its MetricName. */
export const INVOCATIONS = 'invocations';
export const CONCURRENCY = 'concurrency';

/**
 * What the file does not say: the run's window and SageMaker's timings, and every behaviour
 * AWS leaves unknown (graded U in docs/simulation.md), each with its default.
 */
export interface SimulationParameters {
  /** Start of the window, epoch ms; rounded down to the minute. */
  startMs: number;
  /** Length of the window, ms; rounded up to the minute. */
  durationMs: number;
  /** Desired and InService at the start (default: the MinCapacity in force then). */
  initialCapacity?: number;
  /** Seconds from a scale-out's start until its instances are InService (default 300). */
  provisioningSeconds: number;
  /** Seconds a scale-in keeps the endpoint Updating after its instances leave service (default 60). */
  deprovisioningSeconds: number;
  /** Seconds until a one-minute datapoint is visible to alarms (default 60). */
  metricLagSeconds: number;
  /** Seconds until a 10-second (high-resolution) datapoint is visible (default 10). */
  highResolutionMetricLagSeconds: number;
  /** USD per instance-hour (per copy-hour for an inference component); no cost without it. */
  pricePerInstanceHour?: number;
  /** What one instance (or copy) serves at most, in the unit of the demand column; enables the under-provisioning figures. */
  maxPerInstance?: number;
  /** Reproduce SageMaker before April 2021: no datapoint at all with zero traffic (default: zeros). */
  legacyNoZero: boolean;
  /** How many periods beyond EvaluationPeriods CloudWatch fetches (default 2: the documented example's range of 5 for 3). */
  evaluationRangeExtra: number;
  /** AlarmLow's threshold as a share of the target (default 0.9). */
  lowAlarmRatio: number;
  /** Datapoints of 10 s in a high-resolution AlarmHigh (default 3). */
  highResolutionHighPeriods: number;
  /** Datapoints of 10 s in a high-resolution AlarmLow (default 90, i.e. 15 minutes). */
  highResolutionLowPeriods: number;
  /** Statistic of the high-resolution concurrency alarms (default Average). */
  highResolutionStatistic: 'Average' | 'Maximum';
  /** How often an alarm in ALARM re-invokes its policy when the alarm's period is under a minute (default 10 s). */
  highResolutionReinvokeSeconds: number;
  /** Which datapoint target tracking acts on: the latest the alarm evaluated (default), or the mean or max of them. */
  targetTrackingMetricPick: 'latest' | 'mean' | 'max';
  /** The most one target-tracking scale-in removes (default: no cap, one proportional step). */
  targetTrackingScaleInMaxStep?: number;
  /** Cooldown when a policy sets none (default 300 s, SageMaker's). */
  defaultCooldownSeconds: number;
  /** Seconds between a scheduled action's time and its effect (default 30). */
  scheduleDelaySeconds: number;
  /** How often a scheduled action that found the endpoint Updating is retried (default 60 s). */
  scheduleRetrySeconds: number;
  /** Days before the window whose scheduled runs set the Min/Max in force at the start (default 7). */
  scheduleLookbackDays: number;
  /** What is billed: InService instances (default) or the desired count, provisioning included. */
  billFrom: 'inService' | 'requested';
}

export const DEFAULT_PARAMETERS: Omit<SimulationParameters, 'startMs' | 'durationMs'> = {
  provisioningSeconds: 300,
  deprovisioningSeconds: 60,
  metricLagSeconds: 60,
  highResolutionMetricLagSeconds: 10,
  legacyNoZero: false,
  evaluationRangeExtra: 2,
  lowAlarmRatio: 0.9,
  highResolutionHighPeriods: 3,
  highResolutionLowPeriods: 90,
  highResolutionStatistic: 'Average',
  highResolutionReinvokeSeconds: 10,
  targetTrackingMetricPick: 'latest',
  defaultCooldownSeconds: 300,
  scheduleDelaySeconds: 30,
  scheduleRetrySeconds: 60,
  scheduleLookbackDays: 7,
  billFrom: 'inService',
};

/** The engine's time step. */
export const TICK_MS = 10_000;
export const MINUTE_MS = 60_000;

export type EventKind = 'scale-out' | 'scale-in' | 'scheduled' | 'not-scaled';

/** One scaling activity, or one decision that did not scale, with its cause in AWS's words. */
export interface SimulationEvent {
  /** Epoch ms. */
  time: number;
  kind: EventKind;
  /** The policy or scheduled action. */
  source: string;
  from: number;
  to: number;
  reason: string;
  /** Activities: when the change is complete (instances InService, or removed). */
  completesAt?: number;
  /** A not-scaled decision repeated every evaluation until this time (epoch ms) is logged once. */
  until?: number;
}

/**
 * An event with its times (time, completesAt, until) converted from epoch ms: to epoch
 * seconds for the panel's chart, to ISO text for the CLI's JSON.
 */
export function eventWithTimes<T>(
  e: SimulationEvent,
  convert: (ms: number) => T,
): Omit<SimulationEvent, 'time' | 'completesAt' | 'until'> & { time: T; completesAt?: T; until?: T } {
  return {
    time: convert(e.time),
    kind: e.kind,
    source: e.source,
    from: e.from,
    to: e.to,
    reason: e.reason,
    ...(e.completesAt !== undefined ? { completesAt: convert(e.completesAt) } : {}),
    ...(e.until !== undefined ? { until: convert(e.until) } : {}),
  };
}

/** A policy the engine leaves out, and why; `needs` names the load column that would let it run. */
export interface NotSimulated {
  policy: string;
  reason: string;
  needs?: string;
}

/** One minute per index: state at the end of that minute (time = startMs + i × 60 s). */
export interface SimulationSeries {
  startMs: number;
  length: number;
  /** Total demand per minute (requests), NaN without an invocations column. */
  invocations: Float64Array;
  /** Mean concurrent requests over the minute, NaN without a concurrency column. */
  concurrency: Float64Array;
  desired: Float64Array;
  inService: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Each metric a policy sees, as measured in the minute (before the metric lag); NaN when none was published. */
  metrics: { name: string; values: Float64Array }[];
  /** Each alarm's state at the end of the minute (OK, ALARM, INSUFFICIENT_DATA). */
  alarms: { name: string; policy: string; states: Uint8Array }[];
}

export interface Reaction {
  /** When demand first needed more than was InService (epoch ms). */
  start: number;
  /** When InService caught up, or undefined if it never did in the window. */
  end?: number;
  /** The most instances needed during the episode. */
  needed: number;
}

export interface SimulationSummary {
  instanceHours: number;
  cost?: number;
  scaleOuts: number;
  scaleIns: number;
  scheduled: number;
  notScaled: number;
  /** Minutes demand exceeded what InService serves at maxPerInstance (only with maxPerInstance). */
  underProvisionedMinutes?: number;
  /** Minutes InService exceeded what the target-tracking target needs (only with a target-tracking policy on demand). */
  overProvisionedMinutes?: number;
  /** The highest datapoint each metric reached. */
  highestMetric: Record<string, number>;
  /** Each time demand needed more than was InService, until capacity caught up. */
  reactions: Reaction[];
  peakInService: number;
  lowestInService: number;
  /** Requests that arrived while nothing was InService (an inference component at 0 copies): they fail. */
  requestsWithoutCapacity: number;
}

export interface SimulationResult {
  target: string;
  startMs: number;
  endMs: number;
  stepSeconds: number;
  parameters: SimulationParameters;
  series: SimulationSeries;
  events: SimulationEvent[];
  summary: SimulationSummary;
  notSimulated: NotSimulated[];
  /** Things the user should know that do not stop the run (a variant's MinCapacity 0 read as 1, …). */
  notes: string[];
}
