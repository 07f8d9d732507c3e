// Schedules in words, for hovers: "at 08:00 on Monday to Friday, Europe/Berlin".
import { DAY_WORDS, formatDate, MONTH_WORDS, pad2 } from './calendar';
import { formatTime } from './zoneTime';
import type { CronFields, Schedule } from './types';

/** "a, b and c". */
function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Runs of consecutive values: [1,2,3,5] → [[1,3],[5,5]]. */
function runs(values: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

/** Values as words, with runs of three or more written "X to Y". */
function valueList(values: readonly number[], word: (v: number) => string): string {
  const parts: string[] = [];
  for (const [a, b] of runs(values)) {
    if (b - a >= 2) parts.push(`${word(a)} to ${word(b)}`);
    else for (let v = a; v <= b; v++) parts.push(word(v));
  }
  return joinAnd(parts);
}

/** The step when `values` is min, min+s, … up to the end of the field; undefined otherwise. */
function step(values: readonly number[], max: number): number | undefined {
  if (values.length < 2) return undefined;
  const s = values[1]! - values[0]!;
  for (let i = 1; i < values.length; i++) if (values[i]! - values[i - 1]! !== s) return undefined;
  return values[values.length - 1]! + s > max ? s : undefined;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const NTH = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

function timeInWords(f: CronFields): string {
  const minutes = f.minutes.values;
  const hours = f.hours.values;
  if (minutes.length === 1 && hours.length <= 6) {
    return `at ${joinAnd(hours.map((h) => formatTime({ hour: h, minute: minutes[0]! })))}`;
  }
  const minuteStep = step(minutes, 59);
  let minutePart: string;
  if (minutes.length === 60) minutePart = 'every minute';
  else if (minuteStep !== undefined)
    minutePart = `every ${minuteStep} minutes${minutes[0] ? ` from minute ${minutes[0]}` : ''}`;
  else if (minutes.length === 1) minutePart = minutes[0] === 0 ? 'on the hour' : `at minute ${minutes[0]}`;
  else minutePart = `at minutes ${joinAnd(minutes.map(String))}`;
  if (hours.length === 24) return minutes.length === 1 ? `every hour ${minutePart}` : minutePart;
  const hourRuns = runs(hours);
  if (hourRuns.length === 1) {
    const [a, b] = hourRuns[0]!;
    const first = formatTime({ hour: a, minute: minutes[0]! });
    const last = formatTime({ hour: b, minute: minutes[minutes.length - 1]! });
    return `${minutePart} from ${first} to ${last}`;
  }
  const hourStep = step(hours, 23);
  if (hourStep !== undefined && minutes.length === 1) {
    return `every ${hourStep} hours at minute ${minutes[0]}${hours[0] ? ` from ${formatTime({ hour: hours[0], minute: minutes[0]! })}` : ''}`;
  }
  return `${minutePart} during hours ${joinAnd(hours.map(pad2))}`;
}

function daysInWords(f: CronFields): string {
  const dom = f.dayOfMonth;
  const dow = f.dayOfWeek;
  if (dow.kind === 'values') return ` on ${valueList(dow.days, (d) => DAY_WORDS[d - 1]!)}`;
  if (dow.kind === 'last') return ` on the last ${DAY_WORDS[dow.day - 1]} of the month`;
  if (dow.kind === 'nth') return ` on the ${NTH[dow.nth]} ${DAY_WORDS[dow.day - 1]} of the month`;
  switch (dom.kind) {
    case 'any':
      return ' every day';
    case 'values':
      return ` on the ${valueList(dom.days, ordinal)} of the month`;
    case 'last':
      return ' on the last day of the month';
    case 'lastWeekday':
      return ' on the last weekday of the month';
    case 'nearestWeekday':
      return ` on the weekday nearest the ${ordinal(dom.day)} of the month`;
  }
}

function cronInWords(f: CronFields): string {
  const time = timeInWords(f);
  const days = daysInWords(f);
  // "every 5 minutes" already says every day.
  let text = time + (days === ' every day' && time.startsWith('every') ? '' : days);
  if (!f.month.any && f.month.values.length < 12)
    text += ` in ${valueList(f.month.values, (m) => MONTH_WORDS[m - 1]!)}`;
  if (!f.year.any) text += ` in ${valueList(f.year.values, String)}`;
  return text;
}

/** The schedule in words, e.g. "at 08:00 on Monday to Friday, Europe/Berlin", "every 5 minutes". */
export function scheduleInWords(schedule: Schedule, timeZone?: string): string {
  const zone = timeZone ?? 'UTC';
  switch (schedule.kind) {
    case 'rate':
      return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
    case 'at': {
      const t = schedule.local;
      const time = formatTime(t) + (t.second ? `:${pad2(t.second)}` : '');
      return `once, at ${formatDate(t.year, t.month, t.day)} ${time} ${zone}`;
    }
    case 'cron':
      return `${cronInWords(schedule.fields)}, ${zone}`;
  }
}
