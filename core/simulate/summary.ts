// What a run adds up to: instance-hours and cost, activities, minutes under- and
// over-provisioned, the highest metrics, and how long capacity took to catch up with each
// rise in demand (the provisioning-quality figures of SPEC RG's elasticity metrics, kept to
// the ones a user can act on).
import { TICK_MS, type Reaction, type SimulationParameters, type SimulationSummary } from './types';

export class SummaryBuilder {
  scaleOuts = 0;
  scaleIns = 0;
  scheduled = 0;
  notScaled = 0;
  private capacityMs = 0;
  private underTicks = 0;
  private failedRequests = 0;
  private overTicks = 0;
  private peak = -Infinity;
  private lowest = Infinity;
  private readonly highest: Record<string, number> = {};
  private readonly reactions: Reaction[] = [];
  private open: Reaction | undefined;

  constructor(
    private readonly parameters: SimulationParameters,
    /** The target of the target-tracking policy on the demand column, if any. */
    private readonly target: number | undefined,
    /** Whether demand is invocations (requests per minute), so requests can be counted. */
    private readonly demandIsInvocations: boolean,
    /** Whether the load has demand at all (invocations or concurrency). */
    private readonly hasDemand: boolean,
  ) {}

  /** One 10-second tick. */
  tick(t: number, inService: number, desired: number, demand: number, min: number, max: number): void {
    this.capacityMs += (this.parameters.billFrom === 'requested' ? desired : inService) * TICK_MS;
    if (inService > this.peak) this.peak = inService;
    if (inService < this.lowest) this.lowest = inService;
    if (Number.isNaN(demand)) return;
    if (inService === 0 && this.demandIsInvocations) this.failedRequests += demand / 6;
    const { maxPerInstance } = this.parameters;
    if (maxPerInstance !== undefined && demand > inService * maxPerInstance) this.underTicks++;
    let atTarget = NaN;
    if (this.target !== undefined) {
      atTarget = Math.min(max, Math.max(min, Math.ceil(demand / this.target - 1e-9)));
      if (inService > atTarget) this.overTicks++;
    }
    // Enough capacity: what the saturation figure needs when given, else what the target needs.
    const needed = maxPerInstance !== undefined ? Math.ceil(demand / maxPerInstance - 1e-9) : atTarget;
    if (Number.isNaN(needed)) return;
    if (needed > inService) {
      if (!this.open) {
        this.open = { start: t, needed };
        this.reactions.push(this.open);
      } else if (needed > this.open.needed) this.open.needed = needed;
    } else if (this.open) {
      this.open.end = t;
      this.open = undefined;
    }
  }

  /** The highest datapoint a metric reached (NaN: it published none). */
  metric(name: string, highest: number): void {
    if (!Number.isNaN(highest)) this.highest[name] = highest;
  }

  finish(): SimulationSummary {
    const instanceHours = this.capacityMs / 3_600_000;
    const summary: SimulationSummary = {
      instanceHours: Math.round(instanceHours * 1000) / 1000,
      scaleOuts: this.scaleOuts,
      scaleIns: this.scaleIns,
      scheduled: this.scheduled,
      notScaled: this.notScaled,
      highestMetric: this.highest,
      reactions: this.reactions,
      peakInService: this.peak,
      requestsWithoutCapacity: Math.round(this.failedRequests),
      lowestInService: this.lowest,
    };
    if (this.parameters.pricePerInstanceHour !== undefined)
      summary.cost = Math.round(instanceHours * this.parameters.pricePerInstanceHour * 100) / 100;
    if (this.parameters.maxPerInstance !== undefined && this.hasDemand)
      summary.underProvisionedMinutes = Math.round((this.underTicks / 6) * 100) / 100;
    if (this.target !== undefined) summary.overProvisionedMinutes = Math.round((this.overTicks / 6) * 100) / 100;
    return summary;
  }
}
