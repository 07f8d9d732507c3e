import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nextRuns, parseSchedule } from '../../core/schedule';

// The hand-written cron engine (core/schedule) against a second, deliberately plain reading
// of AWS's cron: generated expressions, in zones with a fixed UTC offset, and the next runs
// both ways. The oracle walks the calendar day by day and tests each field on its own, the
// way the user guide describes them; the engine walks field by field with its own
// shortcuts. Zones with daylight saving are left to the table tests (scheduleRuns.test.ts),
// where what AWS does in a gap or an overlap is a decision, not arithmetic.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Zones without daylight saving, with their offset from UTC in minutes. */
const FIXED_ZONES: [string, number][] = [['UTC', 0], ['Asia/Tokyo', 540], ['Asia/Kolkata', 330], ['Asia/Kathmandu', 345], ['America/Panama', -300], ['Etc/GMT+11', -660], ['Pacific/Kiritimati', 840]];

// ---------------------------------------------------------------------------------------
// Expressions: each field from the forms it allows, values in range, ranges upwards.

const upTo = (max: number, min = 0) => fc.integer({ min, max });
const rangeOf = (min: number, max: number) => fc.tuple(upTo(max, min), upTo(max, min)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
const listOf = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));

const timeField = (max: number) => fc.oneof(
  fc.constant('*'), upTo(max).map(String), rangeOf(0, max),
  fc.tuple(fc.oneof(fc.constant('*'), upTo(max).map(String)), upTo(Math.max(1, max >> 1), 1)).map(([from, step]) => `${from}/${step}`),
  listOf(upTo(max).map(String)),
);
const dayOfMonth = fc.oneof(
  fc.constant('*'), upTo(31, 1).map(String), rangeOf(1, 31), listOf(upTo(31, 1).map(String)),
  fc.constant('L'), upTo(31, 1).map((d) => `${d}W`), fc.constant('LW'),
);
const month = fc.oneof(fc.constant('*'), upTo(12, 1).map(String), upTo(11).map((m) => MONTHS[m]!), rangeOf(1, 12), listOf(upTo(12, 1).map(String)));
const dayOfWeek = fc.oneof(
  fc.constant('*'), upTo(7, 1).map(String), upTo(6).map((d) => DAYS[d]!), rangeOf(1, 7),
  fc.tuple(upTo(7, 1), upTo(5, 1)).map(([d, n]) => `${d}#${n}`), upTo(7, 1).map((d) => `${d}L`),
  listOf(upTo(7, 1).map(String)),
);
const year = fc.oneof(fc.constant('*'), upTo(2031, 2026).map(String), rangeOf(2026, 2032));

/** Exactly one of the day fields is `?`. */
const cronExpression = fc.tuple(timeField(59), timeField(23), fc.boolean(), dayOfMonth, month, dayOfWeek, year)
  .map(([minutes, hours, byMonthDay, dom, mon, dow, yr]) => `cron(${minutes} ${hours} ${byMonthDay ? dom : '?'} ${mon} ${byMonthDay ? '?' : dow} ${yr})`);

// ---------------------------------------------------------------------------------------
// The oracle.

function numbers(field: string, min: number, max: number, names: string[] = [], nameBase = 1): Set<number> {
  const value = (text: string) => (names.includes(text) ? names.indexOf(text) + nameBase : Number(text));
  const found = new Set<number>();
  for (const part of field.split(',')) {
    const [span, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from = min;
    let to = max;
    if (span !== '*') {
      const [a, b] = span!.split('-');
      from = value(a!);
      to = b !== undefined ? value(b) : stepText ? max : from;
    }
    for (let v = from; v <= to; v += step) found.add(v);
  }
  return found;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1; // 1 = Sunday

/** The weekday nearest to day `d` of the month, without leaving the month (Quartz's `W`). */
function nearestWeekday(y: number, m: number, d: number): number {
  const last = daysIn(y, m);
  const day = Math.min(d, last);
  const w = weekday(y, m, day);
  if (w === 7) return day === 1 ? 3 : day - 1; // Saturday: Friday, or Monday the 3rd
  if (w === 1) return day === last ? day - 2 : day + 1; // Sunday: Monday, or Friday before the last
  return day;
}

function dayOfMonthMatches(field: string, y: number, m: number, d: number): boolean {
  const last = daysIn(y, m);
  return field.split(',').some((part) => {
    if (part === 'L') return d === last;
    if (part === 'LW') return d === nearestWeekday(y, m, last);
    if (part.endsWith('W')) return Number(part.slice(0, -1)) <= last && d === nearestWeekday(y, m, Number(part.slice(0, -1)));
    return numbers(part, 1, 31).has(d);
  });
}

function dayOfWeekMatches(field: string, y: number, m: number, d: number): boolean {
  const w = weekday(y, m, d);
  return field.split(',').some((part) => {
    if (part.includes('#')) {
      const [day, nth] = part.split('#').map(Number);
      return w === day && Math.ceil(d / 7) === nth;
    }
    if (part.endsWith('L') && part.length > 1) return w === Number(part.slice(0, -1)) && d + 7 > daysIn(y, m);
    return numbers(part, 1, 7, DAYS).has(w);
  });
}

/** The first `count` runs after `after` and before `horizon`, walking the zone's calendar day by day. */
function oracleRuns(expression: string, offsetMinutes: number, after: number, horizon: number, count: number): number[] {
  const [minutes, hours, dom, mon, dow, yr] = expression.slice(5, -1).split(' ') as [string, string, string, string, string, string];
  const minuteSet = [...numbers(minutes, 0, 59)].sort((a, b) => a - b);
  const hourSet = [...numbers(hours, 0, 23)].sort((a, b) => a - b);
  const months = numbers(mon, 1, 12, MONTHS);
  const years = numbers(yr, 1970, 2199);
  const offset = offsetMinutes * 60_000;
  const runs: number[] = [];
  const startLocal = new Date(after + offset);
  for (let day = Date.UTC(startLocal.getUTCFullYear(), startLocal.getUTCMonth(), startLocal.getUTCDate()); runs.length < count && day < horizon + 86_400_000; day += 86_400_000) {
    const date = new Date(day);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    if (!years.has(y) || !months.has(m)) continue;
    if (!(dom === '?' ? dayOfWeekMatches(dow, y, m, d) : dayOfMonthMatches(dom, y, m, d))) continue;
    for (const h of hourSet) {
      for (const min of minuteSet) {
        const instant = day + (h * 60 + min) * 60_000 - offset;
        if (instant > after && instant < horizon && runs.length < count) runs.push(instant);
      }
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------

describe('cron run times against a plain reading of the fields', () => {
  it('agree for generated expressions in zones with a fixed offset (1,500 cases)', () => {
    const after = fc.date({ min: new Date('2026-11-28T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(cronExpression, fc.constantFrom(...FIXED_ZONES), after, (expression, [zone, offset], from) => {
      const { schedule, problems } = parseSchedule(expression);
      const errors = problems.filter((p) => p.severity === 'error');
      assert.ok(schedule && errors.length === 0, `${expression} is valid AWS cron, yet: ${errors.map((p) => p.message).join('; ')}`);
      const fromMinute = Math.floor(from.getTime() / 60_000) * 60_000;
      // The oracle looks six years ahead; the engine goes to 2199. Compare what both see.
      const horizon = fromMinute + 6 * 365 * 86_400_000;
      const expected = oracleRuns(expression, offset, fromMinute, horizon, 6);
      const got = nextRuns(schedule, { after: new Date(fromMinute), timeZone: zone, count: 6 }).map((d) => d.getTime());
      assert.deepEqual(got.filter((t) => t < horizon).map((t) => new Date(t).toISOString()), expected.map((t) => new Date(t).toISOString()), `${expression} in ${zone} after ${new Date(fromMinute).toISOString()}`);
    }), { numRuns: 1_500, seed: Number(process.env.FUZZ_SEED ?? 20261129) });
  });
});
