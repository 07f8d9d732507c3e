// Schedule times that a daylight-saving change makes vanish or happen twice.
import { formatDate } from './calendar';
import { matchesCron } from './cron';
import { formatTime, localToInstants, zoneTransitions } from './zoneTime';
import { problem, type LocalDateTime, type Schedule, type ScheduleProblem } from './types';

const YEAR_MS = 366 * 86_400_000;
const MINUTE_MS = 60_000;

/** A `tz.dst-gap` warning with what it is about: the local date and the run times affected. */
export interface DstIssue extends ScheduleProblem {
  kind: 'gap' | 'overlap';
  /** Local date of the change, `YYYY-MM-DD`. */
  date: string;
  /** Local run times (`hh:mm`) that vanish (gap) or happen twice (overlap). */
  times: string[];
}

function clockChange(beforeMs: number, afterMs: number, atMs: number): string {
  const from = new Date(atMs + beforeMs);
  const to = new Date(atMs + afterMs);
  const hhmm = (d: Date): string => formatTime({ hour: d.getUTCHours(), minute: d.getUTCMinutes() });
  return `${hhmm(from)} to ${hhmm(to)}`;
}

function listTimes(times: string[]): string {
  const shown = times.slice(0, 4).join(', ');
  return times.length > 4 ? `${shown} and ${times.length - 4} more` : shown;
}

/**
 * Runs of a cron (or an `at`) in the next year from `now` whose local time falls in a DST gap (skipped)
 * or overlap (may run twice), as `tz.dst-gap` warnings on the time fields. Throws a RangeError for an unknown zone.
 */
export function dstIssues(schedule: Schedule, timeZone: string, now: Date): DstIssue[] {
  if (schedule.kind === 'rate') return [];
  const range =
    schedule.kind === 'cron'
      ? {
          start: Math.min(schedule.fields.minutes.start, schedule.fields.hours.start),
          end: Math.max(schedule.fields.minutes.end, schedule.fields.hours.end),
        }
      : (schedule.range ?? { start: 0, end: 0 });
  const issues: DstIssue[] = [];
  if (schedule.kind === 'at') {
    const t = schedule.local;
    const found = localToInstants(t, timeZone);
    if (found.length !== 1) {
      const kind = found.length === 0 ? 'gap' : 'overlap';
      const date = formatDate(t.year, t.month, t.day);
      const time = formatTime(t);
      const message =
        kind === 'gap'
          ? `${time} does not exist on ${date} in ${timeZone} (the clocks skip it for daylight saving), so AWS may run this action at another time or not at all. Pick a time outside the change.`
          : `${time} happens twice on ${date} in ${timeZone} (the clocks go back for daylight saving); it is ambiguous which one AWS uses. Pick a time outside the change.`;
      issues.push({ ...problem('tz.dst-gap', message, range.start, range.end), kind, date, times: [time] });
    }
    return issues;
  }
  const fields = schedule.fields;
  // A schedule that runs every hour loses or repeats one run of many, which does no harm to a scaling
  // action that sets the same capacity each time; only restricted hours are worth a warning.
  if (fields.hours.values.length === 24) return issues;
  for (const tr of zoneTransitions(timeZone, now.getTime(), now.getTime() + YEAR_MS)) {
    const kind = tr.after > tr.before ? 'gap' : 'overlap';
    // The wall-clock stretch that vanishes (gap) or repeats (overlap), as local-as-UTC milliseconds.
    const from = tr.at + Math.min(tr.before, tr.after);
    const to = tr.at + Math.max(tr.before, tr.after);
    const times: string[] = [];
    let date = '';
    for (let ms = Math.ceil(from / MINUTE_MS) * MINUTE_MS; ms < to; ms += MINUTE_MS) {
      const d = new Date(ms);
      const local: LocalDateTime = {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: 0,
      };
      if (matchesCron(fields, local)) {
        if (!date) date = formatDate(local.year, local.month, local.day);
        times.push(formatTime(local));
      }
    }
    if (times.length === 0) continue;
    const change = clockChange(tr.before, tr.after, tr.at);
    const message =
      kind === 'gap'
        ? `On ${date} the clocks in ${timeZone} jump from ${change}, so ${listTimes(times)} does not exist that day and the run may be skipped. Pick a time outside the change, or use UTC.`
        : `On ${date} the clocks in ${timeZone} go back from ${change}, so ${listTimes(times)} happens twice and the action may run twice. Pick a time outside the change, or use UTC.`;
    issues.push({ ...problem('tz.dst-gap', message, range.start, range.end), kind, date, times });
  }
  return issues;
}
