import { parseArgs } from 'node:util';
import type { ScheduleProblem } from '../core/schedule';
import { readableTime, summarizeSchedule, summaryOk } from '../core/language/scheduleSummary';
import { parseTimestamp } from '../core/document/timestamp';
import type { Output } from './output';

// `sagemaker-scaling schedule`: a schedule expression in words and its next run times, the
// same computation as the editor's hover on a Schedule.

export interface ScheduleOptions {
  expression: string;
  timeZone?: string;
  /** Runs strictly after this instant (now by default). */
  after: Date;
  /** StartTime and EndTime, as an action would carry them. */
  start?: Date;
  end?: Date;
  count: number;
  format: 'text' | 'json';
}

/** A finding in the JSON output: columns are 1-based within the expression, or within the option's value when `on` names one. */
export interface ScheduleFinding {
  code: string;
  severity: string;
  message: string;
  column: number;
  endColumn: number;
  on?: '--timezone' | '--start' | '--end';
}

const OPTION_OF = { Timezone: '--timezone', StartTime: '--start', EndTime: '--end' } as const;

function toFinding(p: ScheduleProblem): ScheduleFinding {
  const finding: ScheduleFinding = {
    code: p.code,
    severity: p.severity,
    message: p.message,
    column: p.start + 1,
    endColumn: Math.max(p.end, p.start + 1) + 1,
  };
  if (p.on) finding.on = OPTION_OF[p.on];
  return finding;
}

function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The text a finding points into, as the user typed it. */
function sourceOf(options: ScheduleOptions, finding: ScheduleFinding): { prefix: string; text: string } {
  switch (finding.on) {
    case '--timezone':
      return { prefix: '--timezone ', text: options.timeZone ?? '' };
    case '--start':
      return { prefix: '--start ', text: options.start ? isoUtc(options.start) : '' };
    case '--end':
      return { prefix: '--end ', text: options.end ? isoUtc(options.end) : '' };
    default:
      return { prefix: '', text: options.expression };
  }
}

/** A finding as text: the expression (or option), a caret line under the offending part, and the message. */
function printFinding(options: ScheduleOptions, finding: ScheduleFinding, print: (line: string) => void): void {
  const { prefix, text } = sourceOf(options, finding);
  // Findings about a time (EndTime in the past) have no part of the text to point at.
  if (text && finding.on !== '--start' && finding.on !== '--end') {
    const width = Math.max(1, Math.min(finding.endColumn, text.length + 1) - finding.column);
    print(`  ${prefix}${text}`);
    print(`  ${' '.repeat(prefix.length + finding.column - 1)}${'^'.repeat(width)}`);
  }
  print(`${finding.severity} ${finding.code}: ${finding.message}`);
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** Prints the schedule in words and its next runs, or its findings; 0 when it reads, 1 on errors. */
export function scheduleCommand(options: ScheduleOptions, out: Output): number {
  const summary = summarizeSchedule(options.expression, {
    timeZone: options.timeZone,
    start: options.start,
    end: options.end,
    after: options.after,
    count: options.count,
  });
  const findings = summary.problems.map(toFinding);
  const ok = summaryOk(summary) && !findings.some((f) => f.severity === 'error');

  if (options.format === 'json') {
    if (!ok) {
      out.out(JSON.stringify({ findings }, null, 2));
      return 1;
    }
    out.out(
      JSON.stringify(
        {
          expression: options.expression,
          timezone: summary.timeZone,
          description: summary.description,
          runs: summary.runs.map((r) => r.local),
          ...(findings.length ? { warnings: findings } : {}),
        },
        null,
        2,
      ),
    );
    return 0;
  }

  if (!ok) {
    for (const f of findings) printFinding(options, f, (line) => out.out(line));
    return 1;
  }
  out.out(`${options.expression}: ${summary.description}`);
  const window = [
    options.start ? `from ${readableTime(isoUtc(options.start))}` : '',
    options.end ? `until ${readableTime(isoUtc(options.end))}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (summary.runs.length === 0) {
    out.out(`No run after ${readableTime(isoUtc(options.after))}${window ? ` (active ${window})` : ''}.`);
  } else {
    const count = summary.runs.length === 1 ? 'run' : `${summary.runs.length} runs`;
    out.out(`Next ${count} after ${readableTime(isoUtc(options.after))}${window ? ` (active ${window})` : ''}:`);
    const local = summary.runs.map((r) => readableTime(r.local));
    const width = Math.max(summary.timeZone.length, ...local.map((l) => l.length)) + 3;
    const twoColumns = summary.timeZone !== 'UTC';
    if (twoColumns) out.out(`  ${pad(summary.timeZone, width)}UTC`);
    summary.runs.forEach((r, i) =>
      out.out(twoColumns ? `  ${pad(local[i]!, width)}${readableTime(r.utc)}` : `  ${readableTime(r.utc)}`),
    );
  }
  for (const f of findings) printFinding(options, f, (line) => out.err(line));
  return 0;
}

export const SCHEDULE_USAGE = `Usage: sagemaker-scaling schedule '<expression>' [--timezone ZONE] [--after TIME] [--start TIME] [--end TIME] [-n N] [--format text|json]`;

/** A mistake in the command line: exit 2 with the usage hint, as every command does. */
class ScheduleUsageError extends Error {}

function parseInstant(option: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = parseTimestamp(value);
  if (!parsed)
    throw new ScheduleUsageError(`${option} takes an ISO-8601 time such as 2026-12-01T08:00:00Z, not "${value}"`);
  if (!parsed.ok) throw new ScheduleUsageError(`${option} "${value}" is not a real time: ${parsed.problem}`);
  return new Date(parsed.epochMs);
}

function parseCount(value: string | undefined): number {
  if (value === undefined) return 5;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000)
    throw new ScheduleUsageError(`-n takes a whole number from 1 to 1000, not "${value}"`);
  return Number(value);
}

function parseFormat(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new ScheduleUsageError(`--format takes text or json, not "${value}"`);
}

/** `schedule` from its command-line arguments. */
export function scheduleMain(args: string[], out: Output, now: Date): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      timezone: { type: 'string' },
      after: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      count: { type: 'string', short: 'n' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.out(SCHEDULE_USAGE);
    return 0;
  }
  try {
    if (positionals.length === 0)
      throw new ScheduleUsageError(
        "schedule needs an expression, in quotes: sagemaker-scaling schedule 'cron(0 8 ? * MON-FRI *)'",
      );
    const start = parseInstant('--start', values.start);
    const end = parseInstant('--end', values.end);
    return scheduleCommand(
      {
        // Unquoted, the shell splits an expression at its spaces; put it back together.
        expression: positionals.join(' '),
        timeZone: values.timezone,
        after: parseInstant('--after', values.after) ?? now,
        start,
        end,
        count: parseCount(values.count),
        format: parseFormat(values.format),
      },
      out,
    );
  } catch (error) {
    if (!(error instanceof ScheduleUsageError)) throw error;
    out.err(`sagemaker-scaling: ${error.message}\nRun sagemaker-scaling --help for usage.`);
    return 2;
  }
}
