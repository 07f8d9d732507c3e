import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { plot } from 'asciichart';
import { fetchCloudWatchLoad, ReplayTargetError } from '../aws/cloudWatchLoad';
import { explainAwsError } from '../aws/errors';
import type { AwsClients } from '../aws/session';
import { desiredFromText } from '../core/plan/desired';
import type { TargetState } from '../core/plan/liveState';
import {
  ALARM_STATE_NAMES,
  eventWithTimes,
  fileErrorsMessage,
  formatDuration,
  isoTime,
  loadFileTooLarge,
  loadWindow,
  notSimulatedMessage,
  parseLoad,
  parsePattern,
  parseReplayDays,
  patternLoad,
  patternWindow,
  pickTarget,
  readSimulationInputs,
  simulate,
  unusedColumns,
  type Load,
  type LoadParse,
  type SimulationParameters,
  type SimulationResult,
} from '../core/simulate';
import { AWS_OPTION_DEFINITIONS, awsOptionsFrom, openSession, RegionArgumentError } from './awsOptions';
import { findingToMessage, lintText, messageLine, readText } from './lintFile';
import type { Output } from './output';
import { ruleConfigForFile, ruleConfigLookup } from './ruleConfig';

// `sagemaker-scaling simulate`: what a scaling file does to an endpoint under a load, before
// it ships. The file passes the same three layers as `lint` first; the load is a CSV or
// get-metric-data JSON file, a pattern spec, or the target's own CloudWatch history
// (aws/cloudWatchLoad.ts); the engine is core/simulate. The checks and their messages are
// core/simulate/options.ts, shared with the editor's panel.

export const SIMULATE_USAGE = `Usage: sagemaker-scaling simulate <file> [--target <ResourceId>]
    (--load <file.csv|file.json> | --pattern <spec> | --from-cloudwatch <days>)
    [--start ISO] [--duration 1d] [--capacity N] [--provisioning 5m] [--deprovisioning 1m]
    [--metric-lag 60s] [--price USD] [--max-per-instance N] [--legacy-no-zero]
    [--format text|json|csv]
    --from-cloudwatch: the target's own last <days> (at most 15) of Invocations and the
    metrics its policies read, with [--profile P] [--region R] [--endpoint-url URL] [--verbose]`;

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in the command line or an unreadable input: exit 2. */
class SimulateUsageError extends Error {}

/** The value, or the usage error that names the problem. */
function orThrow<T extends object>(read: T | { problem: string }): T {
  if ('problem' in read) throw new SimulateUsageError(read.problem);
  return read;
}

function readable(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `simulate` from its command-line arguments. */
export async function simulateMain(args: string[], out: Output, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTION_DEFINITIONS,
      target: { type: 'string' },
      load: { type: 'string' },
      pattern: { type: 'string' },
      'from-cloudwatch': { type: 'string' },
      start: { type: 'string' },
      duration: { type: 'string' },
      capacity: { type: 'string' },
      provisioning: { type: 'string' },
      deprovisioning: { type: 'string' },
      'metric-lag': { type: 'string' },
      price: { type: 'string' },
      'max-per-instance': { type: 'string' },
      'legacy-no-zero': { type: 'boolean' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.out(SIMULATE_USAGE);
    return EXIT.ok;
  }
  const say = (line: string) => out.err(`sagemaker-scaling simulate: ${line}`);
  try {
    if (positionals.length !== 1)
      throw new SimulateUsageError(`simulate takes one scaling file, not ${positionals.length}`);
    const sources = [values.load, values.pattern, values['from-cloudwatch']].filter((v) => v !== undefined);
    if (sources.length !== 1)
      throw new SimulateUsageError(
        'simulate needs a load: either --load <file.csv|file.json>, --pattern <spec> or --from-cloudwatch <days>',
      );
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'csv')
      throw new SimulateUsageError(`--format takes text, json or csv, not "${format}"`);
    const inputs = orThrow(
      readSimulationInputs({
        start: values.start,
        duration: values.duration,
        capacity: values.capacity,
        provisioning: values.provisioning,
        deprovisioning: values.deprovisioning,
        metricLag: values['metric-lag'],
        price: values.price,
        maxPerInstance: values['max-per-instance'],
        legacyNoZero: values['legacy-no-zero'] === true,
      }),
    );
    const parameters = inputs.parameters;
    const replayDays =
      values['from-cloudwatch'] !== undefined ? orThrow(parseReplayDays(values['from-cloudwatch'])).days : undefined;
    if (replayDays === undefined && (values.profile ?? values.region ?? values['endpoint-url']) !== undefined)
      throw new SimulateUsageError('--profile, --region and --endpoint-url go with --from-cloudwatch only');

    // The scaling file: unreadable → 2; errors in any of lint's three layers → 1.
    const file = positionals[0]!;
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      throw new SimulateUsageError((error as Error).message);
    }
    const configs = ruleConfigLookup();
    let config;
    try {
      config = (await ruleConfigForFile(configs, file)).config;
    } catch (error) {
      throw new SimulateUsageError((error as Error).message);
    }
    const messages = await lintText(file, text, { now, config });
    for (const loaded of configs.loaded())
      messages.push(...loaded.findings.map((f) => findingToMessage(loaded.path, loaded.text, f)));
    const errors = messages.filter((m) => m.severity === 'error');
    if (errors.length > 0) {
      for (const m of errors) out.err(messageLine(m));
      say(fileErrorsMessage(file, errors.length));
      return EXIT.failed;
    }
    const desired = desiredFromText(text);
    const target = orThrow(pickTarget(desired?.targets ?? [], values.target, file)).target;

    // The load.
    let load: Load;
    const warnings: string[] = [];
    if (values.load !== undefined) {
      const loadFile = values.load;
      let size: number;
      try {
        size = statSync(loadFile).size;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new SimulateUsageError(
          code === 'ENOENT' ? `no such load file: ${loadFile}` : `cannot read ${loadFile}: ${code}`,
        );
      }
      const tooLarge = loadFileTooLarge(loadFile, size);
      if (tooLarge) throw new SimulateUsageError(tooLarge);
      let loadText: string;
      try {
        loadText = readText(loadFile);
      } catch (error) {
        throw new SimulateUsageError((error as Error).message);
      }
      const parsed = parseLoad(loadText);
      if (!parsed.load) {
        for (const problem of parsed.problems) out.err(`${loadFile}: ${problem}`);
        throw new SimulateUsageError(`${loadFile} cannot be read as a load (see above)`);
      }
      load = parsed.load;
      warnings.push(...parsed.warnings.map((w) => `${loadFile}: ${w}`));
      Object.assign(parameters, orThrow(loadWindow(load, inputs.startMs, inputs.durationMs)));
    } else if (replayDays !== undefined) {
      const replayed = await replayFromCloudWatch(values, desired?.Region, target, replayDays, now, out);
      if (!replayed.load) {
        for (const problem of replayed.problems) out.err(`CloudWatch: ${problem}`);
        throw new SimulateUsageError('the CloudWatch history cannot be simulated (see above)');
      }
      load = replayed.load;
      warnings.push(...replayed.warnings.map((w) => `CloudWatch: ${w}`));
      Object.assign(parameters, orThrow(loadWindow(load, inputs.startMs, inputs.durationMs)));
    } else {
      const pattern = parsePattern(values.pattern!);
      if (!pattern.columns) throw new SimulateUsageError(`--pattern: ${pattern.problem}`);
      Object.assign(parameters, patternWindow(now, inputs.startMs, inputs.durationMs));
      load = patternLoad(pattern.columns, parameters.startMs!, parameters.durationMs!);
    }

    warnings.push(...unusedColumns(target, load));

    const result = simulate(target, load, parameters as SimulationParameters);
    for (const warning of warnings) say(warning);
    for (const note of result.notes) say(note);
    if (format === 'json') out.out(JSON.stringify(toJson(result, warnings), null, 2));
    else if (format === 'csv') out.out(toCsv(result));
    else for (const line of toText(result)) out.out(line);
    for (const n of result.notSimulated) say(notSimulatedMessage(n));
    return result.notSimulated.length > 0 ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (!(error instanceof SimulateUsageError)) throw error;
    out.err(`sagemaker-scaling simulate: ${error.message}\nRun sagemaker-scaling simulate --help for usage.`);
    return EXIT.usage;
  }
}

/**
 * The target's last days from CloudWatch. Everything that stops it (no credentials, no
 * such endpoint, no data) is an input that cannot be read: a usage error (exit 2) whose
 * message says what to fix.
 */
async function replayFromCloudWatch(
  values: { profile?: string; region?: string; 'endpoint-url'?: string; verbose?: boolean },
  fileRegion: string | undefined,
  target: TargetState,
  days: number,
  now: Date,
  out: Output,
): Promise<LoadParse> {
  const aws = awsOptionsFrom(values);
  const explain = (error: unknown) => explainAwsError(error, aws.profile ? { profile: aws.profile } : {});
  let clients: AwsClients;
  try {
    clients = await openSession(aws, out, fileRegion);
  } catch (error) {
    throw new SimulateUsageError(error instanceof RegionArgumentError ? error.message : explain(error));
  }
  try {
    return await fetchCloudWatchLoad(clients, target, days, now);
  } catch (error) {
    throw new SimulateUsageError(error instanceof ReplayTargetError ? error.message : explain(error));
  } finally {
    clients.destroy();
  }
}

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

function toJson(result: SimulationResult, warnings: string[]): unknown {
  const { series } = result;
  const rows = [];
  const hasInvocations = series.invocations.some((v) => !Number.isNaN(v));
  const hasConcurrency = series.concurrency.some((v) => !Number.isNaN(v));
  for (let m = 0; m < series.length; m++) {
    const load: Record<string, number | null> = {};
    if (hasInvocations) load.invocations = nullable(series.invocations[m]!);
    if (hasConcurrency) load.concurrency = nullable(series.concurrency[m]!);
    const metrics: Record<string, number | null> = {};
    for (const metric of series.metrics) metrics[metric.name] = nullable(metric.values[m]!);
    const alarms: Record<string, string> = {};
    for (const alarm of series.alarms) alarms[alarm.name] = ALARM_STATE_NAMES[alarm.states[m]!]!;
    rows.push({
      time: isoTime(series.startMs + m * 60_000),
      load,
      metrics,
      desired: series.desired[m],
      inService: series.inService[m],
      min: series.min[m],
      max: series.max[m],
      alarms,
    });
  }
  const { startMs, durationMs, ...rest } = result.parameters;
  return {
    target: result.target,
    start: isoTime(result.startMs),
    end: isoTime(result.endMs),
    stepSeconds: result.stepSeconds,
    parameters: { start: isoTime(startMs), durationSeconds: durationMs / 1000, ...rest },
    series: rows,
    events: result.events.map((e) => eventWithTimes(e, isoTime)),
    summary: {
      ...result.summary,
      reactions: result.summary.reactions.map((r) => ({
        start: isoTime(r.start),
        end: r.end === undefined ? null : isoTime(r.end),
        seconds: r.end === undefined ? null : (r.end - r.start) / 1000,
        needed: r.needed,
      })),
    },
    notSimulated: result.notSimulated,
    notes: result.notes,
    warnings,
  };
}

function csvValue(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 1000) / 1000) : '';
}

function toCsv(result: SimulationResult): string {
  const { series } = result;
  const header = [
    'time',
    'invocations',
    'concurrency',
    'desired',
    'inService',
    'min',
    'max',
    ...series.metrics.map((m) => m.name),
    ...series.alarms.map((a) => a.name),
  ];
  const lines = [header.map((h) => (/[",]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',')];
  for (let m = 0; m < series.length; m++) {
    lines.push(
      [
        isoTime(series.startMs + m * 60_000),
        csvValue(series.invocations[m]!),
        csvValue(series.concurrency[m]!),
        series.desired[m],
        series.inService[m],
        series.min[m],
        series.max[m],
        ...series.metrics.map((x) => csvValue(x.values[m]!)),
        ...series.alarms.map((a) => ALARM_STATE_NAMES[a.states[m]!]),
      ].join(','),
    );
  }
  return lines.join('\n');
}

const CHART_WIDTH = 72;

/** Buckets a per-minute series into `width` columns (max for capacity, mean for demand). */
function bucket(values: Float64Array, width: number, how: 'max' | 'mean'): number[] {
  const out: number[] = [];
  const per = values.length / width;
  for (let c = 0; c < width; c++) {
    const from = Math.floor(c * per);
    const to = Math.max(from + 1, Math.floor((c + 1) * per));
    let acc = how === 'max' ? -Infinity : 0;
    let n = 0;
    for (let i = from; i < to && i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      acc = how === 'max' ? Math.max(acc, v) : acc + v;
      n++;
    }
    out.push(n === 0 ? 0 : how === 'max' ? acc : acc / n);
  }
  return out;
}

/** The largest value, 0 for none: a loop, because Math.max(...values) overflows the stack past ~100,000 values (a run of 90 days has 129,600 minutes). */
function largest(values: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > top) top = values[i]!;
  return top;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

function toText(result: SimulationResult): string[] {
  const { series, summary } = result;
  const lines: string[] = [];
  const width = Math.min(CHART_WIDTH, series.length);
  lines.push(
    `${result.target}: ${readable(result.startMs)} to ${readable(result.endMs)} UTC (${formatDuration(result.endMs - result.startMs)}), simulated in 10-second steps`,
  );
  const demand = series.invocations.some((v) => !Number.isNaN(v))
    ? { name: 'invocations per minute', values: series.invocations }
    : series.concurrency.some((v) => !Number.isNaN(v))
      ? { name: 'concurrent requests', values: series.concurrency }
      : undefined;
  const axis = (x: number) => pad(String(Math.round(x)), 8).padStart(9);
  if (demand) {
    lines.push('', `Demand (${demand.name}, mean per column)`);
    lines.push(plot(bucket(demand.values, width, 'mean'), { height: 6, format: axis }));
  }
  lines.push('', 'Capacity (InService, the most per column)');
  const inService = bucket(series.inService, width, 'max');
  const top = Math.max(largest(inService), largest(series.max));
  lines.push(plot(inService, { height: Math.min(12, Math.max(3, top)), min: 0, max: top, format: axis }));
  lines.push(
    `${' '.repeat(10)}${readable(result.startMs)}${' '.repeat(Math.max(1, width - 38))}${readable(result.endMs)}`,
  );

  lines.push('', 'Events');
  const shown = result.events;
  if (shown.length === 0) lines.push('  none: no policy or scheduled action changed capacity or tried to');
  const sourceWidth = Math.max(6, largest(shown.map((e) => e.source.length)));
  for (const e of shown) {
    const change = e.from === e.to ? `${e.to}` : `${e.from} → ${e.to}`;
    const until = e.until !== undefined ? ` (repeated until ${readable(e.until).slice(11)})` : '';
    lines.push(
      `  ${readable(e.time)}  ${pad(e.kind, 10)}  ${pad(e.source, sourceWidth)}  ${pad(change, 8)}  ${e.reason}${until}`,
    );
  }

  // Label and value, the values in one column as wide as the longest label needs (a
  // metric's name can be longer than the fixed labels).
  const rows: [string, string][] = [
    [
      'instance-hours',
      `${summary.instanceHours}${summary.cost !== undefined ? `   cost $${summary.cost.toFixed(2)}` : ''}`,
    ],
    [
      'activities',
      `${summary.scaleOuts} out, ${summary.scaleIns} in, ${summary.scheduled} scheduled; ${summary.notScaled} not scaled`,
    ],
    ['InService', `${summary.lowestInService} to ${summary.peakInService}`],
  ];
  if (summary.underProvisionedMinutes !== undefined)
    rows.push([
      'under-provisioned',
      `${summary.underProvisionedMinutes} min (demand above InService × --max-per-instance)`,
    ]);
  if (summary.overProvisionedMinutes !== undefined)
    rows.push(['over-provisioned', `${summary.overProvisionedMinutes} min (InService above what the target needs)`]);
  for (const [name, value] of Object.entries(summary.highestMetric))
    rows.push([`highest ${name}`, `${Math.round(value * 100) / 100}`]);
  if (summary.requestsWithoutCapacity > 0)
    rows.push(['failed requests', `${summary.requestsWithoutCapacity} (nothing InService)`]);
  const done = summary.reactions.filter((r) => r.end !== undefined);
  if (summary.reactions.length > 0) {
    const longest = largest(done.map((r) => r.end! - r.start));
    rows.push([
      'catching up',
      `${summary.reactions.length} time${summary.reactions.length === 1 ? '' : 's'} demand needed more than InService; longest ${formatDuration(longest)}${done.length < summary.reactions.length ? ', the last still short at the end' : ''}`,
    ]);
  }
  const labelWidth = Math.max(34, ...rows.map(([label]) => label.length + 1));
  lines.push('', 'Summary', ...rows.map(([label, value]) => `  ${pad(label, labelWidth)}${value}`));
  return lines;
}
