// When a schedule runs. Cron is walked in the zone's wall-clock time, field by field, so the work is
// bounded by the calendar up to 2199 (AWS's last cron year) however rarely the expression matches.
//
// DST assumption (AWS documents only that it "adjusts for DST"): a cron time that falls in a
// spring-forward gap does not run that day, and one that falls in a fall-back overlap runs once, at its
// first occurrence. `dstIssues` warns about both. An `at()` time in a gap moves later by the gap's
// length, as java.time does.
import { daysInMonth } from './calendar';
import { cronDayMatches, firstMatchingDay, staticNeverFires } from './cron';
import { localToInstant, localToInstants, wallClock } from './zoneTime';
import { problem, type CronFields, type Schedule, type ScheduleProblem } from './types';

/** The most runs `nextRuns` returns, whatever `count` asks for. */
export const MAX_RUNS = 10_000;
const LAST_INSTANT = Date.UTC(2200, 0, 1) - 1;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export interface NextRunsOptions {
  /** Runs strictly after this instant. */
  after: Date;
  /** IANA zone that `at` and `cron` are read in; UTC when absent. */
  timeZone?: string;
  /** The action's StartTime: no run before it; `rate` counts its intervals from it. */
  start?: Date;
  /** The action's EndTime: no run after it. */
  end?: Date;
  count: number;
}

/**
 * The next `count` run instants (fewer when there are no more before `end` or 2199). StartTime and
 * EndTime bound `cron` and `rate` only; AWS ignores them on `at`. Throws a RangeError for an unknown zone.
 */
export function nextRuns(schedule: Schedule, options: NextRunsOptions): Date[] {
  const count = Math.min(Math.max(Math.floor(options.count), 0), MAX_RUNS);
  if (count === 0 || Number.isNaN(options.after.getTime())) return [];
  const zone = options.timeZone ?? 'UTC';
  const after = options.after.getTime();
  const endMs = Math.min(options.end?.getTime() ?? Infinity, LAST_INSTANT);
  switch (schedule.kind) {
    case 'at': {
      const t = localToInstant(schedule.local, zone);
      return t > after ? [new Date(t)] : [];
    }
    case 'rate': {
      const interval = schedule.value * UNIT_MS[schedule.unit];
      const base = options.start?.getTime() ?? after;
      let k = base > after ? 0 : Math.floor((after - base) / interval) + 1;
      const runs: Date[] = [];
      for (let t = base + k * interval; t <= endMs && runs.length < count; t = base + ++k * interval)
        runs.push(new Date(t));
      return runs;
    }
    case 'cron': {
      const lower = Math.max(after + 1, options.start?.getTime() ?? -Infinity);
      return cronRuns(schedule.fields, zone, lower, endMs, count);
    }
  }
}

function cronRuns(fields: CronFields, zone: string, lower: number, endMs: number, count: number): Date[] {
  const runs: Date[] = [];
  if (lower > endMs) return runs;
  const from = wallClock(lower, zone);
  const second = fields.seconds?.values[0] ?? 0;
  for (const year of fields.year.values) {
    if (year < from.year) continue;
    const firstYear = year === from.year;
    for (const month of fields.month.values) {
      if (firstYear && month < from.month) continue;
      const firstMonth = firstYear && month === from.month;
      const last = daysInMonth(year, month);
      for (let day = firstMonth ? from.day : 1; day <= last; day++) {
        if (!cronDayMatches(fields, year, month, day)) continue;
        const firstDay = firstMonth && day === from.day;
        for (const hour of fields.hours.values) {
          if (firstDay && hour < from.hour) continue;
          const firstHour = firstDay && hour === from.hour;
          for (const minute of fields.minutes.values) {
            if (firstHour && minute < from.minute) continue;
            const instants = localToInstants({ year, month, day, hour, minute, second }, zone);
            const t = instants[0];
            if (t === undefined) continue; // in a DST gap: skipped
            if (t > endMs) return runs;
            if (t >= lower) {
              runs.push(new Date(t));
              if (runs.length >= count) return runs;
            }
          }
        }
      }
    }
  }
  return runs;
}

export interface NeverFiresOptions {
  now: Date;
  timeZone?: string;
  start?: Date;
  end?: Date;
}

/**
 * Problems that need the clock: `sched.end-in-past` (on EndTime), `at.past`, and `cron.never-fires` for a
 * cron with no run left (a year field wholly in the past, or none between StartTime and EndTime).
 * Impossible dates are reported by `parseSchedule` already and not repeated here.
 */
export function neverFires(schedule: Schedule, options: NeverFiresOptions): ScheduleProblem[] {
  const now = options.now.getTime();
  const zone = options.timeZone ?? 'UTC';
  if (options.end && options.end.getTime() < now && schedule.kind !== 'at') {
    return [
      {
        ...problem(
          'sched.end-in-past',
          `EndTime ${options.end.toISOString()} is in the past, so this action never runs again. Move EndTime into the future or remove the action.`,
          0,
          0,
        ),
        on: 'EndTime',
      },
    ];
  }
  const whole = { start: schedule.range ? schedule.range.start : 0, end: schedule.range ? schedule.range.end : 0 };
  if (schedule.kind === 'at') {
    const t = localToInstant(schedule.local, zone);
    if (t <= now) {
      return [
        problem(
          'at.past',
          `This time is in the past (${new Date(t).toISOString()} is before now, ${options.now.toISOString()}), so the action never runs. Pick a future time.`,
          whole.start,
          whole.end,
        ),
      ];
    }
    return [];
  }
  if (schedule.kind !== 'cron' || staticNeverFires(schedule.fields)) return [];
  const runs = nextRuns(schedule, {
    after: new Date(now),
    timeZone: zone,
    start: options.start,
    end: options.end,
    count: 1,
  });
  if (runs.length > 0) return [];
  const year = schedule.fields.year;
  const thisYear = wallClock(now, zone).year;
  if (!year.any && !firstMatchingDay(schedule.fields, thisYear)) {
    return [
      problem(
        'cron.never-fires',
        `Every year in the year field \`${year.text}\` has passed, so this schedule never runs again. Use \`*\` or a current year.`,
        year.start,
        year.end,
      ),
    ];
  }
  const window = options.end ? ` before EndTime ${options.end.toISOString()}` : '';
  return [
    problem(
      'cron.never-fires',
      `This schedule has no run left${window}, so the action never runs.`,
      whole.start,
      whole.end,
    ),
  ];
}
