import type { Fix, Range, Severity } from '../finding';
import { SCHEDULE_SEVERITY, type ScheduleCode } from './codes';

/**
 * One problem in a schedule expression (or a Timezone name). Offsets are relative to the start of the
 * string that was checked, and so are the offsets of the edits in `fixes`.
 */
export interface ScheduleProblem {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  /**
   * Set when the problem belongs to another member of the scheduled action rather than to the expression
   * (`sched.end-in-past` is about EndTime); start and end are then 0 and the caller picks the range.
   */
  on?: 'StartTime' | 'EndTime' | 'Timezone';
}

/** A wall-clock date and time, with no zone (month 1–12). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Day-of-month as parsed: `?`, plain values, `L`, `LW` or `nW`. */
export type DayOfMonthSpec =
  | { kind: 'any' }
  | { kind: 'values'; days: readonly number[] }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };

/** Day-of-week as parsed (1 = Sunday … 7 = Saturday): `?`, plain values, `nL` (last n-day) or `d#k`. */
export type DayOfWeekSpec =
  | { kind: 'any' }
  | { kind: 'values'; days: readonly number[] }
  | { kind: 'last'; day: number }
  | { kind: 'nth'; day: number; nth: number };

/** One field of a cron expression: its text, where it sits in the expression, and the values it allows. */
export interface CronField extends Range {
  text: string;
  /** Sorted allowed values (for day-of-month and day-of-week: the plain values only; see `dayOfMonth`/`dayOfWeek`). */
  values: readonly number[];
  /** True when the field is `*` or `?` (everything allowed). */
  any: boolean;
}

/** A parsed 6-field (or 7-field, with seconds) AWS cron expression. */
export interface CronFields {
  seconds?: CronField;
  minutes: CronField;
  hours: CronField;
  dayOfMonthField: CronField;
  month: CronField;
  dayOfWeekField: CronField;
  year: CronField;
  dayOfMonth: DayOfMonthSpec;
  dayOfWeek: DayOfWeekSpec;
}

/** A parsed schedule. `range` (when present) is where the text inside the parentheses sits in the expression. */
export type Schedule =
  | { kind: 'at'; local: LocalDateTime; range?: Range }
  | { kind: 'rate'; value: number; unit: 'minute' | 'hour' | 'day'; range?: Range }
  | { kind: 'cron'; fields: CronFields; range?: Range };

/** Creates a problem; keeps the call sites short. */
export function problem(
  code: ScheduleCode,
  message: string,
  start: number,
  end: number,
  fixes?: Fix[],
): ScheduleProblem {
  const severity = SCHEDULE_SEVERITY[code];
  return fixes && fixes.length > 0
    ? { code, severity, message, start, end, fixes }
    : { code, severity, message, start, end };
}

/** A fix made of one edit. */
export function replaceFix(title: string, start: number, end: number, newText: string): Fix {
  return { title, edits: [{ start, end, newText }] };
}
