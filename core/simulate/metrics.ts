// From demand to the metric each policy sees. SageMaker's own metrics are derived from the
// endpoint's total demand and the capacity InService at that moment (closed loop: adding
// instances lowers them); any other metric comes from a load column of that MetricName and
// is fed as-is (open loop). Sources:
//  - InvocationsPerInstance / InvocationsPerCopy: "the number of invocations sent to a
//    model, normalized by InstanceCount in each ProductionVariant", one datapoint a minute,
//    Sum (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html);
//  - ConcurrentRequestsPerModel / ConcurrentRequestsPerCopy: in-flight requests per
//    instance (or copy), published every 10 seconds
//    (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html);
//  - Invocations and NoCapacityInvocationFailures (requests that found no copy, the
//    scale-from-zero trigger: https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
// With zero traffic SageMaker publishes zeros; before April 2021 its guide said it published
// nothing (`legacyNoZero` reproduces that).
import { CONCURRENCY, INVOCATIONS, MINUTE_MS, TICK_MS } from './types';

type SourceKind = 'perCapacityRate' | 'perCapacityGauge' | 'totalRate' | 'failures' | 'openLoop';

/** How a metric is made, by MetricName, for the SageMaker metrics the simulator derives. */
const DERIVED: Record<string, { kind: SourceKind; input: string; emissionMs: number }> = {
  InvocationsPerInstance: { kind: 'perCapacityRate', input: INVOCATIONS, emissionMs: MINUTE_MS },
  InvocationsPerCopy: { kind: 'perCapacityRate', input: INVOCATIONS, emissionMs: MINUTE_MS },
  ConcurrentRequestsPerModel: { kind: 'perCapacityGauge', input: CONCURRENCY, emissionMs: TICK_MS },
  ConcurrentRequestsPerCopy: { kind: 'perCapacityGauge', input: CONCURRENCY, emissionMs: TICK_MS },
  Invocations: { kind: 'totalRate', input: INVOCATIONS, emissionMs: MINUTE_MS },
  NoCapacityInvocationFailures: { kind: 'failures', input: INVOCATIONS, emissionMs: MINUTE_MS },
};

/** The metrics the simulator computes from demand; a load column must not stand in for them. */
export const DERIVED_METRICS: readonly string[] = Object.keys(DERIVED);

/** Per-instance metrics a load may carry only with the instance count to turn them back into demand. */
export const PER_CAPACITY_METRICS: Readonly<Record<string, { demand: string; count: 'instances' | 'copies' }>> = {
  InvocationsPerInstance: { demand: INVOCATIONS, count: 'instances' },
  InvocationsPerCopy: { demand: INVOCATIONS, count: 'copies' },
  ConcurrentRequestsPerModel: { demand: CONCURRENCY, count: 'instances' },
  ConcurrentRequestsPerCopy: { demand: CONCURRENCY, count: 'copies' },
};

/**
 * One metric's samples, one per emission interval (a minute, or 10 s for high-resolution
 * metrics), kept in a ring long enough for the alarms that read it. Sample k covers
 * [origin + k·emission, origin + (k+1)·emission); samples before the window are the steady
 * state of the first tick (as if load and capacity had held), so alarms start warm.
 */
export class MetricSource {
  readonly emissionMs: number;
  readonly kind: SourceKind;
  /** The load column this source reads. */
  readonly input: string;
  private neededMs = 0;
  private size = 1;
  private values = new Float64Array(1);
  private scaledValues = new Float64Array(1);
  private warmValue = NaN;
  private warmScaled = NaN;
  // The sample being accumulated.
  private sum = 0;
  private total = 0;
  private ticks = 0;
  private servedTicks = 0;
  // The minute being accumulated for the series.
  private minuteSum = 0;
  private minuteCount = 0;
  /** The highest datapoint published in the window (NaN before the first). */
  highest = NaN;

  constructor(
    readonly name: string,
    readonly originMs: number,
    readonly lagMs: number,
    readonly legacyNoZero: boolean,
    derived: { kind: SourceKind; input: string; emissionMs: number } | undefined,
    openLoopEmissionMs: number,
  ) {
    this.kind = derived?.kind ?? 'openLoop';
    this.input = derived?.input ?? name;
    this.emissionMs = derived?.emissionMs ?? openLoopEmissionMs;
  }

  /** An alarm reads this far back (plus the lag); called before `allocate`. */
  require(spanMs: number): void {
    this.neededMs = Math.max(this.neededMs, spanMs);
  }

  /** Makes the ring, and the steady-state history from the first tick's input and capacity. */
  allocate(firstInput: number, firstCapacity: number): void {
    this.size = Math.ceil((this.neededMs + this.lagMs) / this.emissionMs) + 2;
    this.values = new Float64Array(this.size);
    this.scaledValues = new Float64Array(this.size);
    const ticks = this.emissionMs / TICK_MS;
    for (let i = 0; i < ticks; i++) this.addTick(firstInput, firstCapacity);
    this.close(-1, firstCapacity);
    const slot = this.size - 1;
    this.warmValue = this.values[slot]!;
    this.warmScaled = this.scaledValues[slot]!;
    this.minuteSum = 0;
    this.minuteCount = 0;
  }

  valueAt(k: number): number {
    return k < 0 ? this.warmValue : this.values[k % this.size]!;
  }

  /** The value times the capacity it was measured with: total demand for the per-instance metrics. */
  scaledAt(k: number): number {
    return k < 0 ? this.warmScaled : this.scaledValues[k % this.size]!;
  }

  /**
   * One 10-second tick: `input` is the load column's value (requests per minute for a
   * rate, requests in flight for concurrency, the metric itself when open loop).
   */
  addTick(input: number, inService: number): void {
    const x = Number.isNaN(input) ? (this.kind === 'openLoop' ? NaN : 0) : input;
    this.ticks++;
    switch (this.kind) {
      // Rates are requests per minute: a tick serves a sixth of them (divided at close). A
      // gauge is summed the same way and divided by the ticks served instead.
      case 'perCapacityRate':
      case 'perCapacityGauge':
        if (inService > 0) {
          this.sum += x / inService;
          this.total += x;
          this.servedTicks++;
        }
        return;
      case 'totalRate':
        this.sum += x;
        this.servedTicks++;
        return;
      case 'failures':
        if (inService <= 0) this.sum += x;
        this.servedTicks++;
        return;
      case 'openLoop':
        if (!Number.isNaN(x)) {
          this.sum += x;
          this.servedTicks++;
        }
        return;
    }
  }

  /** Ends sample k (its last tick has been added); `inService` is the capacity at its end. */
  close(k: number, inService: number): void {
    let value: number;
    let scaled: number;
    if (this.servedTicks === 0) {
      // No capacity to measure per instance (or, open loop, no row): no datapoint.
      value = NaN;
      scaled = NaN;
    } else {
      switch (this.kind) {
        case 'perCapacityRate':
          value = this.sum / 6;
          scaled = this.total / 6;
          break;
        case 'perCapacityGauge':
          value = this.sum / this.servedTicks;
          scaled = this.total / this.servedTicks;
          break;
        case 'openLoop':
          value = this.sum / this.servedTicks;
          scaled = value * inService;
          break;
        default:
          value = this.sum / 6;
          scaled = value * inService;
      }
      // Float noise must not decide a comparison with the threshold (300 / 3 summed in
      // sixths is 100.00000000000001 > 100): datapoints keep 6 decimals.
      value = Math.round(value * 1e6) / 1e6;
      scaled = Math.round(scaled * 1e6) / 1e6;
      if (value === 0 && this.legacyNoZero && this.kind !== 'openLoop') {
        value = NaN;
        scaled = NaN;
      }
    }
    const slot = ((k % this.size) + this.size) % this.size;
    this.values[slot] = value;
    this.scaledValues[slot] = scaled;
    if (!Number.isNaN(value)) {
      this.minuteSum += value;
      this.minuteCount++;
      if (k >= 0 && !(value <= this.highest)) this.highest = value;
    }
    this.sum = 0;
    this.total = 0;
    this.ticks = 0;
    this.servedTicks = 0;
  }

  /** The mean of the samples closed since the last call (one row of the per-minute series). */
  takeMinute(): number {
    const v = this.minuteCount === 0 ? NaN : this.minuteSum / this.minuteCount;
    this.minuteSum = 0;
    this.minuteCount = 0;
    return v;
  }
}

/** The sources of one run, one per MetricName, made on first use. */
export class MetricSources {
  readonly all: MetricSource[] = [];
  private readonly byName = new Map<string, MetricSource>();

  constructor(
    private readonly originMs: number,
    private readonly columns: ReadonlyMap<string, { intervalMs: number }>,
    private readonly lag: { standardMs: number; highResolutionMs: number },
    private readonly legacyNoZero: boolean,
  ) {}

  /**
   * The source of a metric, or the load column it needs when the load lacks it.
   * SageMaker's derived metrics need `invocations` or `concurrency`; any other metric needs
   * a column of its own name.
   */
  get(metricName: string): MetricSource | { needs: string } {
    const known = this.byName.get(metricName);
    if (known) return known;
    const derived = DERIVED[metricName];
    const input = derived?.input ?? metricName;
    const column = this.columns.get(input);
    if (!column) return { needs: input };
    const emissionMs = derived?.emissionMs ?? (column.intervalMs < MINUTE_MS ? TICK_MS : MINUTE_MS);
    const lagMs = emissionMs < MINUTE_MS ? this.lag.highResolutionMs : this.lag.standardMs;
    const source = new MetricSource(metricName, this.originMs, lagMs, this.legacyNoZero, derived, emissionMs);
    this.byName.set(metricName, source);
    this.all.push(source);
    return source;
  }
}
