// A run as the editor's panel draws it: plain arrays a chart takes as they are (one x per
// minute, in epoch seconds), alarm states as runs of time, activities as markers with
// their cause, the summary as labelled rows, and a text table of the capacity changes for
// screen readers. Plain JSON (no typed arrays, no NaN: a gap is null) because it crosses to
// the webview by postMessage; values keep 3 decimals, which is what a chart can show.
import { formatDuration } from './duration';
import { notSimulatedMessage } from './options';
import { ALARM, eventWithTimes, INSUFFICIENT_DATA, type EventKind, type SimulationResult } from './types';

/** One series of the chart; null is a gap. */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** A time an alarm was not OK, in epoch seconds: [from, to). */
export interface AlarmRun {
  from: number;
  to: number;
  state: 'ALARM' | 'INSUFFICIENT_DATA';
}

/** A scaling activity or a decision that did not scale, at epoch seconds `time`. */
export interface ChartEvent {
  time: number;
  kind: EventKind;
  source: string;
  from: number;
  to: number;
  /** AWS's cause, or why nothing changed. */
  reason: string;
  /** Epoch seconds when the activity completed (instances InService, or removed). */
  completesAt?: number;
  /** A not-scaled decision repeated until this time, epoch seconds. */
  until?: number;
}

/** One row of the text table: the state after a change. */
export interface CapacityRow {
  time: number;
  demand: number | null;
  desired: number;
  inService: number;
  min: number;
  max: number;
}

export interface ChartData {
  target: string;
  /** Epoch seconds, one per minute. */
  times: number[];
  /** What the demand is: "invocations per minute" or "concurrent requests"; undefined without demand. */
  demandName?: string;
  demand: (number | null)[];
  /** Each metric a policy sees (per instance, as CloudWatch has it). */
  metrics: ChartSeries[];
  desired: number[];
  inService: number[];
  min: number[];
  max: number[];
  alarms: { name: string; policy: string; runs: AlarmRun[] }[];
  /** Scaling activities (scale-out, scale-in, scheduled): the chart's markers. */
  activities: ChartEvent[];
  /** Decisions that did not scale, with the reason. */
  blocked: ChartEvent[];
  summary: { label: string; value: string }[];
  /** The capacity table: a row where desired, InService, Min or Max changed (and the first). */
  table: CapacityRow[];
  /** Rows left out of the table past its limit. */
  tableOmitted: number;
  /** Policies not simulated and notes, in words. */
  notes: string[];
}

/** The most rows of the text table (a 14-day run with frequent scaling stays readable). */
export const TABLE_LIMIT = 1000;

const round = (x: number) => Math.round(x * 1000) / 1000;
const nullable = (x: number) => (Number.isFinite(x) ? round(x) : null);
const seconds = (ms: number) => Math.round(ms / 1000);

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The chart's data of a run. */
export function chartData(result: SimulationResult): ChartData {
  const { series, summary } = result;
  const n = series.length;
  const times = new Array<number>(n);
  for (let m = 0; m < n; m++) times[m] = seconds(series.startMs + m * 60_000);
  const hasInvocations = series.invocations.some((v) => !Number.isNaN(v));
  const hasConcurrency = !hasInvocations && series.concurrency.some((v) => !Number.isNaN(v));
  const demandSource = hasInvocations ? series.invocations : hasConcurrency ? series.concurrency : undefined;

  const alarms = series.alarms.map((alarm) => {
    const runs: AlarmRun[] = [];
    let open: AlarmRun | undefined;
    for (let m = 0; m < n; m++) {
      const state = alarm.states[m];
      const name = state === ALARM ? 'ALARM' : state === INSUFFICIENT_DATA ? 'INSUFFICIENT_DATA' : undefined;
      // A minute's state holds from the end of the minute before (the series is state at each minute's end).
      const from = times[m]!;
      if (open && open.state !== name) {
        open.to = from;
        open = undefined;
      }
      if (name && !open) {
        open = { from, to: from + 60, state: name };
        runs.push(open);
      }
      if (open) open.to = from + 60;
    }
    return { name: alarm.name, policy: alarm.policy, runs };
  });

  const event = (e: SimulationResult['events'][number]): ChartEvent => eventWithTimes(e, seconds);

  const rows: { label: string; value: string }[] = [];
  rows.push({
    label: 'Instance-hours',
    value: `${summary.instanceHours}${summary.cost !== undefined ? ` ($${summary.cost.toFixed(2)})` : ''}`,
  });
  rows.push({
    label: 'Scaling activities',
    value: `${summary.scaleOuts} out, ${summary.scaleIns} in, ${summary.scheduled} scheduled; ${summary.notScaled} not scaled`,
  });
  rows.push({ label: 'InService', value: `${summary.lowestInService} to ${summary.peakInService}` });
  rows.push({
    label: 'Under-provisioned',
    value:
      summary.underProvisionedMinutes !== undefined
        ? `${summary.underProvisionedMinutes} min`
        : 'give the most one instance serves to count it',
  });
  rows.push({
    label: 'Over-provisioned',
    value:
      summary.overProvisionedMinutes !== undefined
        ? `${summary.overProvisionedMinutes} min`
        : 'no target-tracking policy on demand',
  });
  for (const [name, value] of Object.entries(summary.highestMetric))
    rows.push({ label: `Highest ${name}`, value: String(round(value)) });
  if (summary.requestsWithoutCapacity > 0)
    rows.push({ label: 'Failed requests', value: `${summary.requestsWithoutCapacity} (nothing InService)` });
  const reactions = summary.reactions.map((r) =>
    r.end === undefined
      ? `from ${clock(r.start)}: still short at the end (${r.needed} needed)`
      : `from ${clock(r.start)}: ${formatDuration(r.end - r.start)} (${r.needed} needed)`,
  );
  rows.push({
    label: 'Time to catch up',
    value:
      reactions.length === 0
        ? 'capacity never fell behind demand'
        : `${plural(reactions.length, 'time')}: ${reactions.slice(0, 10).join('; ')}${reactions.length > 10 ? `; and ${reactions.length - 10} more` : ''}`,
  });

  const table: CapacityRow[] = [];
  let omitted = 0;
  for (let m = 0; m < n; m++) {
    const changed =
      m === 0 ||
      series.desired[m] !== series.desired[m - 1] ||
      series.inService[m] !== series.inService[m - 1] ||
      series.min[m] !== series.min[m - 1] ||
      series.max[m] !== series.max[m - 1];
    if (!changed) continue;
    if (table.length >= TABLE_LIMIT) {
      omitted++;
      continue;
    }
    table.push({
      time: times[m]!,
      demand: demandSource ? nullable(demandSource[m]!) : null,
      desired: series.desired[m]!,
      inService: series.inService[m]!,
      min: series.min[m]!,
      max: series.max[m]!,
    });
  }

  const data: ChartData = {
    target: result.target,
    times,
    demand: demandSource ? Array.from(demandSource, nullable) : [],
    metrics: series.metrics.map((m) => ({ name: m.name, values: Array.from(m.values, nullable) })),
    desired: Array.from(series.desired),
    inService: Array.from(series.inService),
    min: Array.from(series.min),
    max: Array.from(series.max),
    alarms,
    activities: result.events.filter((e) => e.kind !== 'not-scaled').map(event),
    blocked: result.events.filter((e) => e.kind === 'not-scaled').map(event),
    summary: rows,
    table,
    tableOmitted: omitted,
    notes: [...result.notSimulated.map(notSimulatedMessage), ...result.notes],
  };
  if (demandSource) data.demandName = hasInvocations ? 'invocations per minute' : 'concurrent requests';
  return data;
}

/** "2026-07-01 14:03" (UTC). */
function clock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
