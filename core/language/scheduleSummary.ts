import {
  checkTimeZone,
  scheduleInWords,
  dstIssues,
  formatInZone,
  neverFires,
  nextRuns,
  parseSchedule,
  type Schedule,
  type ScheduleProblem,
} from '../schedule';

// A schedule in words and its next run times: what the hover on a `Schedule` shows and what
// `sagemaker-scaling schedule` prints, computed in one place so the two always agree.

/** One run: the instant, and as ISO-8601 text in the schedule's zone and in UTC. */
export interface ScheduleRun {
  instant: Date;
  /** In the schedule's zone, with its offset: `2026-11-30T08:00:00+01:00`. */
  local: string;
  /** In UTC: `2026-11-30T07:00:00Z`. */
  utc: string;
}

export interface SummaryOptions {
  /** The Timezone the schedule is read in; UTC when absent. */
  timeZone?: string;
  /** StartTime and EndTime: runs outside them are left out. */
  start?: Date;
  end?: Date;
  /** Runs strictly after this instant (the clock, for "next"). */
  after: Date;
  count: number;
}

export interface ScheduleSummary {
  expression: string;
  /** The zone the times are read in: the given one, or UTC. */
  timeZone: string;
  /** Whether a zone was given (else the times are UTC by default). */
  zoneGiven: boolean;
  /**
   * Problems with the expression (offsets into it) and with the zone (`on: 'Timezone'`,
   * offsets into the zone name), and notes on the runs (DST, no run left, EndTime passed).
   */
  problems: ScheduleProblem[];
  /** Present when the expression parses and the zone is known. */
  schedule?: Schedule;
  /** The schedule in words, e.g. "at 08:00 on Monday to Friday, Europe/Berlin". */
  description?: string;
  runs: ScheduleRun[];
}

/** Whether the summary could be computed: the expression parses and the zone is known. */
export function summaryOk(summary: ScheduleSummary): boolean {
  return summary.description !== undefined;
}

function utcText(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Describes `expression` and lists its next `count` runs after `options.after`. */
export function summarizeSchedule(expression: string, options: SummaryOptions): ScheduleSummary {
  const zoneGiven = options.timeZone !== undefined;
  const timeZone = options.timeZone ?? 'UTC';
  const summary: ScheduleSummary = { expression, timeZone, zoneGiven, problems: [], runs: [] };
  let zoneOk = true;
  if (zoneGiven) {
    const zone = checkTimeZone(timeZone);
    zoneOk = zone.valid;
    if (zone.problem) summary.problems.push({ ...zone.problem, on: 'Timezone' });
  }
  const parsed = parseSchedule(expression);
  summary.problems.push(...parsed.problems);
  const schedule = parsed.schedule;
  if (!schedule || !zoneOk) return summary;

  summary.schedule = schedule;
  summary.description = scheduleInWords(schedule, timeZone);
  if (schedule.kind === 'rate' && zoneGiven) {
    summary.problems.push({
      code: 'rate.timezone-ignored',
      severity: 'information',
      on: 'Timezone',
      start: 0,
      end: timeZone.length,
      message: `A rate() schedule runs at fixed intervals, so the time zone ${timeZone} has no effect on it.`,
    });
  }
  const window = { start: options.start, end: options.end };
  const instants = nextRuns(schedule, { after: options.after, timeZone, count: options.count, ...window });
  summary.runs = instants.map((instant) => ({
    instant,
    local: formatInZone(instant, timeZone),
    utc: utcText(instant),
  }));
  if (instants.length < options.count)
    summary.problems.push(...neverFires(schedule, { now: options.after, timeZone, ...window }));
  if (schedule.kind !== 'rate' && zoneGiven) summary.problems.push(...dstIssues(schedule, timeZone, options.after));
  return summary;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * An ISO-8601 time as people read it: `Mon 2026-11-30 08:00 +01:00` (seconds only when
 * set; `UTC` for a `Z` time). The weekday is that of the written date.
 */
export function readableTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()];
  const seconds = m[5] && m[5] !== ':00' ? m[5] : '';
  const zone = m[6] === 'Z' ? 'UTC' : m[6];
  return `${weekday} ${m[1]}-${m[2]}-${m[3]} ${m[4]}${seconds} ${zone}`;
}
