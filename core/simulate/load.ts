// Load inputs from text: a CSV with a `timestamp` column, or the JSON output of
// `aws cloudwatch get-metric-data`. Every problem names its row (the file's line number) or
// result and column, and says how to fix it. Work is bounded: at most MAX_LOAD_ROWS rows
// are read, and reading stops at the first ten problems.
//
// The CSV reader is hand-written: the grammar is a header and rows of timestamps and plain
// numbers (no quoting, no embedded commas), and reading line by line from the text lets it
// stop at the row limit without splitting a huge file first; a CSV library would add a
// dependency for features the format forbids.
import { parseTimestamp } from '../document/timestamp';
import { PER_CAPACITY_METRICS } from './metrics';
import { formatDuration, isoTime } from './duration';
import { CONCURRENCY, INVOCATIONS, MINUTE_MS, TICK_MS, type Load, type LoadColumn } from './types';

/** The most data rows a load may have: about 694 days by the minute, 115 days at 10 s. */
export const MAX_LOAD_ROWS = 1_000_000;
const MAX_PROBLEMS = 10;

export interface LoadParse {
  /** Present when there are no problems. */
  load?: Load;
  problems: string[];
  /** Things that do not stop the run (gaps in CloudWatch data read as no traffic, …). */
  warnings: string[];
}

/** Column names that carry demand under another name or unit: what to do instead. */
const PER_SECOND =
  /^(rps|qps|tps|requests?[_ -]?per[_ -]?second|invocations?[_ -]?per[_ -]?second|req\/s|requests\/s)$/i;
const DEMAND_ALIASES: Record<string, string> = {
  invocations: INVOCATIONS,
  concurrency: CONCURRENCY,
  concurrentrequests: CONCURRENCY,
};
const VAGUE =
  /^(value|values|requests?|rpm|load|traffic|count|requests?[_ -]?per[_ -]?minute|invocations?[_ -]?per[_ -]?minute)$/i;
const COUNT_COLUMNS = ['instances', 'copies'];
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What a header name means: a column name, or a problem (with its fix). */
function columnName(raw: string): { name: string } | { problem: string } {
  const name = raw.trim().replace(/^"(.*)"$/, '$1');
  if (name === '') return { problem: 'has no name: name every column' };
  const alias = DEMAND_ALIASES[name.toLowerCase()];
  if (alias) return { name: alias };
  if (PER_SECOND.test(name))
    return {
      problem: `"${name}" is requests per second, but the simulator reads total requests per minute: name the column invocations and multiply its values by 60`,
    };
  if (VAGUE.test(name))
    return {
      problem: `"${name}" does not say what it counts: name it invocations (total requests per minute to the endpoint), concurrency (requests in flight), or after the CloudWatch metric it holds`,
    };
  if (COUNT_COLUMNS.includes(name.toLowerCase())) return { name: name.toLowerCase() };
  return { name };
}

interface RawColumn {
  name: string;
  /** Where it came from, for messages: `column 3` or `MetricDataResults[1]`. */
  where: string;
  times: number[];
  values: number[];
  intervalMs: number;
}

function parseTime(text: string): number | undefined {
  const trimmed = text.trim().replace(/^"(.*)"$/, '$1');
  if (/^\d{9,11}(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000); // epoch seconds
  if (/^\d{12,14}$/.test(trimmed)) return Number(trimmed); // epoch milliseconds
  const parsed = parseTimestamp(trimmed);
  return parsed?.ok ? parsed.epochMs : undefined;
}

/** Reads a load from CSV or get-metric-data JSON, by its first character. */
export function parseLoad(text: string): LoadParse {
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? parseLoadJson(text) : parseLoadCsv(text);
}

export function parseLoadCsv(text: string): LoadParse {
  const problems: string[] = [];
  const warnings: string[] = [];
  const body = text.replace(/^\uFEFF/, '');
  let at = 0;
  let line = 0;
  const nextLine = (): string | undefined => {
    if (at >= body.length) return undefined;
    let end = body.indexOf('\n', at);
    if (end < 0) end = body.length;
    const row = body.slice(at, end).replace(/\r$/, '');
    at = end + 1;
    line++;
    return row;
  };

  let header: string | undefined;
  while ((header = nextLine()) !== undefined && header.trim() === '');
  if (header === undefined)
    return { problems: ['the load file is empty: write a header row such as timestamp,invocations'], warnings };
  const headerLine = line;
  const names = header.split(',');
  let timeIndex = -1;
  const columns: (RawColumn | undefined)[] = [];
  names.forEach((raw, index) => {
    const read = columnName(raw);
    if ('problem' in read) {
      problems.push(`row ${headerLine}, column ${index + 1} ${read.problem}`);
      return;
    }
    if (read.name.toLowerCase() === 'timestamp' || read.name.toLowerCase() === 'time') {
      timeIndex = index;
      return;
    }
    if (columns.some((c) => c?.name === read.name)) {
      problems.push(`row ${headerLine}: column "${read.name}" appears twice: keep one`);
      return;
    }
    columns[index] = { name: read.name, where: `column ${read.name}`, times: [], values: [], intervalMs: MINUTE_MS };
  });
  if (timeIndex < 0)
    problems.push(`row ${headerLine} has no timestamp column: the header must name one, e.g. timestamp,invocations`);
  if (problems.length === 0 && !columns.some((c) => c !== undefined) && timeIndex >= 0)
    problems.push(
      `row ${headerLine} names no load column: add invocations (total requests per minute), concurrency, or a CloudWatch metric`,
    );
  if (problems.length > 0) return { problems, warnings };

  // Demand, the counts, and the per-instance metrics that become demand need a value in every
  // row: an empty cell would be read as no traffic.
  const demand = (name: string) =>
    name === INVOCATIONS || name === CONCURRENCY || COUNT_COLUMNS.includes(name) || name in PER_CAPACITY_METRICS;
  let previous: { time: number; line: number } | undefined;
  let intervalMs = 0;
  let rows = 0;
  let row: string | undefined;
  while ((row = nextLine()) !== undefined) {
    if (row.trim() === '') continue;
    if (++rows > MAX_LOAD_ROWS) {
      problems.push(
        `the load has more than ${MAX_LOAD_ROWS.toLocaleString('en-US')} rows (row ${line} is past the limit): the simulator reads at most ${MAX_LOAD_ROWS.toLocaleString('en-US')} (about 694 days by the minute, 115 days at 10 s); cut the file to the days you want to simulate`,
      );
      break;
    }
    const cells = row.split(',');
    if (cells.length !== names.length) {
      problems.push(
        `row ${line} has ${cells.length} cells, the header ${names.length}: give every row one cell per column`,
      );
      if (problems.length >= MAX_PROBLEMS) break;
      continue;
    }
    const time = parseTime(cells[timeIndex]!);
    if (time === undefined) {
      problems.push(
        `row ${line}, column timestamp: "${cells[timeIndex]!.trim()}" is not a time: write ISO-8601 such as 2026-07-01T12:00:00Z (or epoch seconds)`,
      );
      if (problems.length >= MAX_PROBLEMS) break;
      continue;
    }
    if (previous) {
      const delta = time - previous.time;
      if (delta === 0)
        problems.push(
          `row ${line} repeats the timestamp of row ${previous.line} (${isoTime(time)}): keep one row per time`,
        );
      else if (delta < 0)
        problems.push(
          `row ${line} (${isoTime(time)}) is earlier than row ${previous.line} (${isoTime(previous.time)}): sort the rows by timestamp`,
        );
      else if (intervalMs === 0) {
        if (delta % TICK_MS !== 0)
          problems.push(
            `rows ${previous.line} and ${line} are ${formatDuration(delta)} apart: rows must be a whole number of 10-second steps apart (one minute, or 10 s for high-resolution data)`,
          );
        intervalMs = delta;
      } else if (delta !== intervalMs)
        problems.push(
          delta > intervalMs && delta % intervalMs === 0
            ? `rows ${previous.line} and ${line} are ${formatDuration(delta)} apart, a gap of ${delta / intervalMs - 1} row${delta / intervalMs - 1 === 1 ? '' : 's'} in a file whose rows are ${formatDuration(intervalMs)} apart: add the missing rows (an empty cell is a missing datapoint, 0 is no traffic)`
            : `rows ${previous.line} and ${line} are ${formatDuration(delta)} apart, but the rows before are ${formatDuration(intervalMs)} apart: keep one interval throughout`,
        );
      if (delta <= 0 || (intervalMs !== 0 && delta !== intervalMs)) {
        if (problems.length >= MAX_PROBLEMS) break;
      }
    }
    previous = { time, line };
    for (let c = 0; c < cells.length; c++) {
      const column = columns[c];
      if (!column) continue;
      const cell = cells[c]!.trim();
      let value: number;
      if (cell === '') {
        if (demand(column.name)) {
          problems.push(
            `row ${line}, column ${column.name} is empty: write 0 for no traffic (only a CloudWatch metric column may have empty cells, for missing datapoints)`,
          );
          continue;
        }
        value = NaN;
      } else if (!NUMBER.test(cell)) {
        problems.push(
          `row ${line}, column ${column.name}: "${cell}" is not a number: write a plain number such as 1200`,
        );
        continue;
      } else {
        value = Number(cell);
        if (value < 0) {
          problems.push(
            `row ${line}, column ${column.name}: ${cell} is negative: loads and metrics are counts of 0 or more`,
          );
          continue;
        }
      }
      column.times.push(time);
      column.values.push(value);
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length >= MAX_PROBLEMS) problems.push('(reading stopped at the first problems: fix them and run again)');
  if (problems.length > 0) return { problems, warnings };
  if (rows === 0) return { problems: [`the load has a header (row ${headerLine}) but no rows`], warnings };
  const raw = columns.filter((c): c is RawColumn => c !== undefined);
  for (const column of raw) column.intervalMs = intervalMs || MINUTE_MS;
  return finish(raw, problems, warnings);
}

/** The output of `aws cloudwatch get-metric-data`: one column per MetricDataResult. */
export function parseLoadJson(text: string): LoadParse {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { problems: [`the load is not valid JSON: ${(error as Error).message}`], warnings: [] };
  }
  return parseMetricData(document);
}

/** A get-metric-data answer already parsed (`{ MetricDataResults: [...] }`), as from a file or CloudWatch itself. */
export function parseMetricData(document: unknown): LoadParse {
  const problems: string[] = [];
  const warnings: string[] = [];
  const results = (document as { MetricDataResults?: unknown })?.MetricDataResults;
  if (!Array.isArray(results)) {
    const hint = (document as { Datapoints?: unknown })?.Datapoints
      ? ' (this looks like get-metric-statistics output: export with aws cloudwatch get-metric-data instead)'
      : '';
    return {
      problems: [
        `the JSON load has no MetricDataResults array: give the output of aws cloudwatch get-metric-data${hint}`,
      ],
      warnings,
    };
  }
  const columns: RawColumn[] = [];
  const pending: { read: { name: string }; where: string; points: [number, number][] }[] = [];
  let interval = Infinity;
  let rows = 0;
  results.forEach((result: unknown, index) => {
    const r = result as Record<string, unknown>;
    const where = `MetricDataResults[${index}]`;
    const label = typeof r.Label === 'string' && r.Label !== '' ? r.Label : typeof r.Id === 'string' ? r.Id : '';
    const read = columnName(label);
    if ('problem' in read) {
      problems.push(
        `${where} (Label ${JSON.stringify(label)}) ${read.problem.replace(/^"[^"]*" /, '')}: set its Label`,
      );
      return;
    }
    if (r.StatusCode === 'InternalError' || r.StatusCode === 'Forbidden') {
      problems.push(`${where} (${read.name}) has StatusCode ${String(r.StatusCode)}: export it again`);
      return;
    }
    if (r.StatusCode === 'PartialData')
      warnings.push(
        `${where} (${read.name}) is PartialData: more pages follow (NextToken); only the exported ones are simulated`,
      );
    const times = r.Timestamps;
    const values = r.Values;
    if (!Array.isArray(times) || !Array.isArray(values) || times.length !== values.length) {
      problems.push(`${where} (${read.name}) needs Timestamps and Values arrays of the same length`);
      return;
    }
    rows += times.length;
    if (rows > MAX_LOAD_ROWS) {
      problems.push(
        `the load has more than ${MAX_LOAD_ROWS.toLocaleString('en-US')} datapoints (at ${where}): export a shorter time range`,
      );
      return;
    }
    const points: [number, number][] = [];
    for (let i = 0; i < times.length; i++) {
      const time = typeof times[i] === 'string' ? parseTime(times[i] as string) : undefined;
      if (time === undefined) {
        problems.push(`${where} (${read.name}), Timestamps[${i}]: ${JSON.stringify(times[i])} is not an ISO-8601 time`);
        return;
      }
      const value = values[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(
          `${where} (${read.name}), Values[${i}] at ${isoTime(time)}: ${JSON.stringify(value)} is not a number`,
        );
        return;
      }
      if (value < 0) {
        problems.push(
          `${where} (${read.name}), Values[${i}] at ${isoTime(time)}: ${value} is negative: loads and metrics are counts of 0 or more`,
        );
        return;
      }
      points.push([time, value]);
    }
    // get-metric-data lists the newest first by default (ScanBy TimestampDescending).
    points.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < points.length; i++) {
      if (points[i]![0] === points[i - 1]![0]) {
        problems.push(`${where} (${read.name}) has two values at ${isoTime(points[i]![0])}: keep one`);
        return;
      }
      interval = Math.min(interval, points[i]![0] - points[i - 1]![0]);
    }
    pending.push({ read, where, points });
  });
  if (problems.length > 0) return { problems, warnings };
  // The output does not carry the Period: the closest two datapoints of any result show it.
  if (!Number.isFinite(interval)) interval = MINUTE_MS;
  if (interval % TICK_MS !== 0)
    return {
      problems: [
        `the datapoints are ${formatDuration(interval)} apart: export with a Period of 10 s or a multiple of 60 s`,
      ],
      warnings,
    };
  for (const { read, where, points } of pending) {
    if (points.some((point, i) => i > 0 && (point[0] - points[i - 1]![0]) % interval !== 0)) {
      problems.push(
        `${where} (${read.name}): its datapoints are not on a ${formatDuration(interval)} grid: export every result with the same Period`,
      );
      continue;
    }
    // Periods without data are absent from the output: fill the grid with missing datapoints.
    const column: RawColumn = { name: read.name, where, times: [], values: [], intervalMs: interval };
    let gaps = 0;
    for (let i = 0; i < points.length; i++) {
      if (i > 0) {
        for (let t = points[i - 1]![0] + interval; t < points[i]![0]; t += interval) {
          column.times.push(t);
          column.values.push(NaN);
          gaps++;
        }
      }
      column.times.push(points[i]![0]);
      column.values.push(points[i]![1]);
    }
    if (column.times.length > MAX_LOAD_ROWS) {
      problems.push(
        `${where} (${read.name}) spans more than ${MAX_LOAD_ROWS.toLocaleString('en-US')} periods: export a shorter time range`,
      );
      continue;
    }
    // A count with gaps is reported where a per-instance value needs it (finish).
    if (gaps > 0 && !COUNT_COLUMNS.includes(read.name)) {
      const isDemand = read.name === INVOCATIONS || read.name === CONCURRENCY || read.name in PER_CAPACITY_METRICS;
      warnings.push(
        isDemand
          ? `${where} (${read.name}) has ${gaps} period${gaps === 1 ? '' : 's'} without a datapoint: read as no traffic`
          : `${where} (${read.name}) has ${gaps} period${gaps === 1 ? '' : 's'} without a datapoint: missing datapoints for its alarms`,
      );
      if (isDemand)
        for (let i = 0; i < column.values.length; i++) if (Number.isNaN(column.values[i]!)) column.values[i] = 0;
    }
    if (columns.some((c) => c.name === column.name)) {
      problems.push(`${where}: a second result labelled ${column.name}: keep one`);
      continue;
    }
    columns.push(column);
  }
  if (problems.length > 0) return { problems, warnings };
  if (columns.length === 0) return { problems: ['MetricDataResults is empty: export at least Invocations'], warnings };
  return finish(columns, problems, warnings);
}

/**
 * Turns per-instance columns back into total demand (× the instance count of each row: a
 * per-instance metric replayed as-is against another fleet size would be wrong) and makes
 * the typed columns.
 */
function finish(raw: RawColumn[], problems: string[], warnings: string[]): LoadParse {
  const byName = new Map(raw.map((c) => [c.name, c]));
  const out: RawColumn[] = [];
  for (const column of raw) {
    const perCapacity = PER_CAPACITY_METRICS[column.name];
    if (perCapacity) {
      const count = byName.get(perCapacity.count);
      if (!count) {
        problems.push(
          `${column.where} is ${column.name}, a per-${perCapacity.count === 'instances' ? 'instance' : 'copy'} metric: the simulator needs total demand. Add a column ${perCapacity.count} with the count InService at each time (it is multiplied back), or export ${perCapacity.demand === INVOCATIONS ? 'Invocations' : 'the total concurrency'} instead`,
        );
        continue;
      }
      if (byName.has(perCapacity.demand)) {
        warnings.push(`${column.where} (${column.name}) is ignored: the load has ${perCapacity.demand} already`);
        continue;
      }
      // The count in force at each time: its row's value holds until the next row (the last
      // one for one interval); a time before the first count, or in a gap, has none.
      const values: number[] = [];
      const last = count.times.length - 1;
      let j = 0;
      for (let i = 0; i < column.times.length; i++) {
        const t = column.times[i]!;
        while (j < last && count.times[j + 1]! <= t) j++;
        const known = t >= count.times[j]! && (j < last || t < count.times[last]! + count.intervalMs);
        const n = known ? count.values[j]! : NaN;
        if (Number.isNaN(n)) {
          problems.push(
            `${column.where} (${column.name}) at ${isoTime(t)} has no ${perCapacity.count} count at or before that time: give the count InService at every time of the per-instance metric`,
          );
          break;
        }
        values.push(column.values[i]! * n);
      }
      out.push({ ...column, name: perCapacity.demand, values });
      continue;
    }
    if (COUNT_COLUMNS.includes(column.name)) continue;
    out.push(column);
  }
  if (problems.length > 0) return { problems, warnings };
  const columns: LoadColumn[] = out.map((c) => ({
    name: c.name,
    times: Float64Array.from(c.times),
    values: Float64Array.from(c.values),
    intervalMs: c.intervalMs,
  }));
  return { load: { columns }, problems, warnings };
}

/** The time span a load covers: from its first row to the end of its last. */
export function loadSpan(load: Load): { startMs: number; endMs: number } | undefined {
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const c of load.columns) {
    if (c.times.length === 0) continue;
    startMs = Math.min(startMs, c.times[0]!);
    endMs = Math.max(endMs, c.times[c.times.length - 1]! + c.intervalMs);
  }
  return Number.isFinite(startMs) ? { startMs, endMs } : undefined;
}
