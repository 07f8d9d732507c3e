// The CloudWatch alarm engine: from a window of datapoints to OK, ALARM or
// INSUFFICIENT_DATA, as "Using Amazon CloudWatch alarms" documents it
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
// sections "Evaluating an alarm", "Configuring how CloudWatch alarms treat missing data" and
// "Avoiding premature transitions to alarm state"), and how an alarm turns a metric's
// samples into its datapoints: sliding windows of Period ending at each evaluation, each
// datapoint the Statistic over the samples already visible (the metric lag makes the newest
// ones missing, which is what the evaluation range is for).
import type { MetricSource } from './metrics';
import { ALARM, INSUFFICIENT_DATA, OK, type AlarmState, type ComparisonOperator, type TreatMissingData } from './types';

export function breaches(value: number, comparison: ComparisonOperator, threshold: number): boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

export interface AlarmRule {
  /** EvaluationPeriods (N). */
  evaluationPeriods: number;
  /** DatapointsToAlarm (M); N when unset. */
  datapointsToAlarm: number;
  comparison: ComparisonOperator;
  threshold: number;
  treatMissingData: TreatMissingData;
}

/**
 * The state an alarm goes to, given the datapoints of its evaluation range, oldest first
 * (NaN = missing; the range is N plus a few: CloudWatch "retrieves a higher number of data
 * points than the number specified as Evaluation Periods"), and the state it is in.
 *
 * 1. At least N real datapoints in the range: the most recent N real ones decide, missing
 *    ones in between skipped, TreatMissingData not consulted.
 * 2. None at all: missing → INSUFFICIENT_DATA, ignore → unchanged, breaching → ALARM,
 *    notBreaching → OK.
 * 3. Fewer than N: breaching / notBreaching fill the shortfall (as few filled points as
 *    possible); missing / ignore count the real ones only, except that when the oldest real
 *    datapoint of the range breaches, is at least M periods old, and every real one since
 *    breaches, the alarm goes to ALARM (missing) or keeps its state (ignore): "alarms are
 *    designed to always go into ALARM state when the oldest available breaching datapoint
 *    [...] is at least as old as the value of Datapoints to Alarm, and all other more recent
 *    data points are breaching or missing" ("Avoiding premature transitions to alarm
 *    state"). The oldest *real* datapoint, not the oldest breaching one: the table's
 *    0 - X - - stays OK with M = 2. This reading reproduces every cell of the
 *    documentation's two tables and the 2019 edition's X - - - - (ALARM for 3 of 3:
 *    https://github.com/awsdocs/amazon-cloudwatch-user-guide/blob/72266c733fe0d9f183ca8e7b1120869691b0fc6e/doc_source/AlarmThatSendsEmail.md)
 *    (test/unit/simulateAlarm.test.ts).
 */
export function evaluateAlarm(
  datapoints: ArrayLike<number>,
  rule: AlarmRule,
  current: AlarmState,
  length = datapoints.length,
): AlarmState {
  const n = rule.evaluationPeriods;
  const m = rule.datapointsToAlarm;
  const { comparison, threshold } = rule;
  const greater = comparison === 'GreaterThanThreshold' || comparison === 'GreaterThanOrEqualToThreshold';
  const inclusive = comparison === 'GreaterThanOrEqualToThreshold' || comparison === 'LessThanOrEqualToThreshold';
  // One pass from the newest: the most recent N real datapoints decide as soon as they are
  // found (or as soon as the count can no longer change the answer).
  let seen = 0;
  let breaching = 0;
  for (let i = length - 1; i >= 0; i--) {
    const v = datapoints[i]!;
    if (v !== v) continue; // NaN: missing
    seen++;
    const d = greater ? v - threshold : threshold - v;
    if (d > 0 || (inclusive && d === 0)) {
      if (++breaching >= m) return ALARM;
    } else if (n - seen + breaching < m) return OK;
    if (seen === n) return OK;
  }
  const real = seen;

  const treat = rule.treatMissingData;
  if (real === 0) {
    if (treat === 'missing') return INSUFFICIENT_DATA;
    if (treat === 'ignore') return current;
    return treat === 'breaching' ? (n >= m ? ALARM : OK) : OK;
  }

  // Fewer than N real datapoints: `breaching` counts all of them.
  if (treat === 'breaching') breaching += n - real;
  else if (treat === 'missing' || treat === 'ignore') {
    if (m > 1 && prematureAlarm(datapoints, rule, length)) return treat === 'missing' ? ALARM : current;
  }
  return breaching >= m ? ALARM : OK;
}

/** The oldest real datapoint breaches and is at least M periods old, and every real one since breaches. */
function prematureAlarm(datapoints: ArrayLike<number>, rule: AlarmRule, length: number): boolean {
  let oldest = 0;
  while (oldest < length && Number.isNaN(datapoints[oldest]!)) oldest++;
  // The newest datapoint is 1 period old, the one at `oldest` is length − oldest.
  if (length - oldest < rule.datapointsToAlarm) return false;
  for (let i = oldest; i < length; i++) {
    const v = datapoints[i]!;
    if (!Number.isNaN(v) && !breaches(v, rule.comparison, rule.threshold)) return false;
  }
  return true;
}

/** A Statistic or an ExtendedStatistic `pNN(.NN)`. */
export type Statistic =
  { kind: 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' } | { kind: 'percentile'; p: number };

/** Reads PutMetricAlarm's Statistic / ExtendedStatistic; undefined when neither is one we simulate. */
export function readStatistic(statistic: unknown, extended: unknown): Statistic | undefined {
  if (typeof extended === 'string') {
    const match = /^p(\d{1,2}(?:\.\d{1,2})?|100)$/.exec(extended);
    return match ? { kind: 'percentile', p: Number(match[1]) } : undefined;
  }
  if (
    statistic === 'Sum' ||
    statistic === 'Average' ||
    statistic === 'Minimum' ||
    statistic === 'Maximum' ||
    statistic === 'SampleCount'
  )
    return { kind: statistic };
  return undefined;
}

export interface AlarmSpecification extends AlarmRule {
  name: string;
  periodMs: number;
  statistic: Statistic;
  /** How many periods beyond N the evaluation range reaches. */
  rangeExtra: number;
}

/**
 * One alarm over one metric source, evaluated at a given instant. Its buffers are made
 * once; an evaluation allocates nothing.
 */
export class AlarmRuntime {
  state: AlarmState = INSUFFICIENT_DATA;
  /**
   * The datapoints of the last evaluation (NaN = missing), a ring: the oldest at `head`.
   * Moving the windows by one period moves `head`, nothing is copied.
   */
  private readonly values: Float64Array;
  /** Each datapoint de-normalised: capacity it was measured with × value (see MetricSource.scaledAt). */
  private readonly scaled: Float64Array;
  private head = 0;
  /** The datapoints oldest first, for the rare evaluation that needs TreatMissingData. */
  private readonly linear: Float64Array;
  /** Highest datapoint seen. */
  highest = -Infinity;
  private lastEvaluation = -Infinity;
  /** Per datapoint: 1 real, 2 breaching (bits); kept beside `values` to count without a scan. */
  private readonly flags: Uint8Array;
  private realCount = 0;
  private breachCount = 0;
  private readonly greater: boolean;
  private readonly inclusive: boolean;
  readonly evaluationIntervalMs: number;
  private readonly scratch: Float64Array;
  private readonly scratchScaled: Float64Array;
  private readonly sortBuffer: Float64Array;

  constructor(
    readonly spec: AlarmSpecification,
    readonly source: MetricSource,
  ) {
    const range = spec.evaluationPeriods + spec.rangeExtra;
    this.values = new Float64Array(range);
    this.scaled = new Float64Array(range);
    this.linear = new Float64Array(range);
    this.flags = new Uint8Array(range);
    this.greater = spec.comparison === 'GreaterThanThreshold' || spec.comparison === 'GreaterThanOrEqualToThreshold';
    this.inclusive =
      spec.comparison === 'GreaterThanOrEqualToThreshold' || spec.comparison === 'LessThanOrEqualToThreshold';
    // Alarms on periods of 60 s or more are evaluated every minute, high-resolution ones every 10 s.
    this.evaluationIntervalMs = spec.periodMs < 60_000 ? 10_000 : 60_000;
    const perWindow = Math.max(1, Math.ceil(spec.periodMs / source.emissionMs));
    this.scratch = new Float64Array(perWindow);
    this.scratchScaled = new Float64Array(perWindow);
    this.sortBuffer = new Float64Array(perWindow);
    source.require(range * spec.periodMs);
  }

  /** Evaluates at `time` (epoch ms); true when the state changed. */
  evaluate(time: number): boolean {
    const { periodMs } = this.spec;
    const range = this.values.length;
    const flags = this.flags;
    let from = 0;
    if (this.evaluationIntervalMs === periodMs && time - this.lastEvaluation === periodMs) {
      // The windows moved by exactly one period: the older ones were complete (all their
      // samples visible) at the last evaluation and are the same datapoints, one slot
      // earlier. Only the newest few, still filling in through the metric lag, are computed.
      this.uncount(flags[this.head]!);
      flags[this.head] = 0; // the oldest slot becomes the newest, computed below
      this.head = this.head + 1 === range ? 0 : this.head + 1;
      from = Math.max(0, range - 2 - Math.ceil(this.source.lagMs / periodMs));
    } else {
      flags.fill(0);
      this.realCount = 0;
      this.breachCount = 0;
    }
    this.lastEvaluation = time;
    const threshold = this.spec.threshold;
    for (let j = from; j < range; j++) {
      const windowEnd = time - (range - 1 - j) * periodMs;
      const slot = this.slot(j);
      this.datapoint(windowEnd - periodMs, windowEnd, time, slot);
      const v = this.values[slot]!;
      if (v > this.highest) this.highest = v;
      this.uncount(flags[slot]!);
      let flag = 0;
      if (v === v) {
        const d = this.greater ? v - threshold : threshold - v;
        flag = d > 0 || (this.inclusive && d === 0) ? 3 : 1;
      }
      flags[slot] = flag;
      this.count(flag);
    }
    // The common case, counted without a scan: every datapoint real except the newest few
    // not yet visible (the metric lag), with at least N before them. The newest N real ones
    // are then a contiguous run and decide.
    let tail = 0;
    while (tail < range && flags[this.slot(range - 1 - tail)] === 0) tail++;
    const n = this.spec.evaluationPeriods;
    let next: AlarmState;
    if (this.realCount === range - tail && range - tail >= n) {
      let breaching = this.breachCount;
      for (let i = 0; i < range - tail - n; i++) if (flags[this.slot(i)]! & 2) breaching--;
      next = breaching >= this.spec.datapointsToAlarm ? ALARM : OK;
    } else {
      for (let j = 0; j < range; j++) this.linear[j] = this.values[this.slot(j)]!;
      next = evaluateAlarm(this.linear, this.spec, this.state, range);
    }
    const changed = next !== this.state;
    this.state = next;
    return changed;
  }

  /** Where datapoint j (0 = oldest) sits in the ring. */
  private slot(j: number): number {
    const i = this.head + j;
    return i >= this.values.length ? i - this.values.length : i;
  }

  private count(flag: number): void {
    this.realCount += flag & 1;
    this.breachCount += flag >> 1;
  }

  private uncount(flag: number): void {
    this.realCount -= flag & 1;
    this.breachCount -= flag >> 1;
  }

  /** The statistic over the samples of [from, to) visible at `now`, into ring slot j. */
  private datapoint(from: number, to: number, now: number, j: number): void {
    const source = this.source;
    const em = source.emissionMs;
    const first = Math.ceil((from - source.originMs) / em);
    const end = Math.ceil((to - source.originMs) / em);
    const lastVisible = Math.floor((now - source.lagMs - source.originMs) / em) - 1;
    const stop = Math.min(end, lastVisible + 1);
    const stat = this.spec.statistic;
    let count = 0;
    let sum = 0;
    let sumScaled = 0;
    let best = NaN;
    let bestScaled = NaN;
    for (let k = first; k < stop; k++) {
      const v = source.valueAt(k);
      if (Number.isNaN(v)) continue;
      const s = source.scaledAt(k);
      if (stat.kind === 'percentile') {
        this.scratch[count] = v;
        this.scratchScaled[count] = s;
      }
      count++;
      sum += v;
      sumScaled += s;
      if (Number.isNaN(best) || (stat.kind === 'Maximum' && v > best) || (stat.kind === 'Minimum' && v < best)) {
        best = v;
        bestScaled = s;
      }
    }
    if (count === 0) {
      this.values[j] = NaN;
      this.scaled[j] = NaN;
      return;
    }
    switch (stat.kind) {
      case 'Sum':
        this.values[j] = sum;
        this.scaled[j] = sumScaled;
        return;
      case 'Average':
        this.values[j] = sum / count;
        this.scaled[j] = sumScaled / count;
        return;
      case 'SampleCount':
        this.values[j] = count;
        this.scaled[j] = count;
        return;
      case 'Minimum':
      case 'Maximum':
        this.values[j] = best;
        this.scaled[j] = bestScaled;
        return;
      case 'percentile': {
        // Nearest rank over the samples of the window (an approximation: CloudWatch ranks raw values).
        const rank = Math.min(count - 1, Math.max(0, Math.ceil((stat.p / 100) * count) - 1));
        // Sorted in place over the whole buffer (unused slots +Infinity): no view, no allocation.
        const sorted = this.sortBuffer;
        for (let i = 0; i < sorted.length; i++) sorted[i] = i < count ? this.scratch[i]! : Infinity;
        sorted.sort();
        const v = sorted[rank]!;
        this.values[j] = v;
        this.scaled[j] = v;
        for (let i = 0; i < count; i++) {
          if (this.scratch[i] === v) {
            this.scaled[j] = this.scratchScaled[i]!;
            break;
          }
        }
        return;
      }
    }
  }

  /**
   * What a policy reads from the datapoints the alarm evaluated (its StateReasonData): the
   * most recent N real ones. `pick` over the de-normalised values when `scaledValues`.
   */
  pick(pick: 'latest' | 'mean' | 'max' | 'min', scaledValues: boolean): number {
    const source = scaledValues ? this.scaled : this.values;
    const n = this.spec.evaluationPeriods;
    let seen = 0;
    let sum = 0;
    let best = NaN;
    for (let j = source.length - 1; j >= 0 && seen < n; j--) {
      const slot = this.slot(j);
      if (Number.isNaN(this.values[slot]!)) continue;
      const v = source[slot]!;
      if (pick === 'latest') return v;
      seen++;
      sum += v;
      if (Number.isNaN(best) || (pick === 'max' ? v > best : v < best)) best = v;
    }
    if (seen === 0) return NaN;
    return pick === 'mean' ? sum / seen : best;
  }
}
