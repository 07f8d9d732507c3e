import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nextRuns, parseSchedule } from '../../core/schedule';

// The hand-written cron engine (core/schedule) against a second, deliberately plain reading
// of AWS's cron: generated expressions, zones with and without daylight saving, and the next
// runs both ways. The oracle walks the calendar day by day, tests each field on its own the
// way the user guide describes them, and turns local times into instants with Intl alone;
// the engine walks field by field with its own shortcuts and zone arithmetic. In a DST gap
// or overlap both follow the engine's documented assumption (core/schedule/nextRuns.ts): a
// time in a gap does not run that day, a time in an overlap runs once, at its first
// occurrence — what AWS really does there is for tz.dst-gap to warn about.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Zones without daylight saving, and zones with it (Lord Howe shifts by 30 minutes; Sydney and Santiago in the southern summer). */
const ZONES = [
  'UTC',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/Panama',
  'Etc/GMT+11',
  'Pacific/Kiritimati',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
];

// ---------------------------------------------------------------------------------------
// Expressions: each field from the forms it allows, values in range, ranges upwards.

const upTo = (max: number, min = 0) => fc.integer({ min, max });
const rangeOf = (min: number, max: number) =>
  fc.tuple(upTo(max, min), upTo(max, min)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
const listOf = (item: fc.Arbitrary<string>) =>
  fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));

const timeField = (max: number) =>
  fc.oneof(
    fc.constant('*'),
    upTo(max).map(String),
    rangeOf(0, max),
    fc
      .tuple(fc.oneof(fc.constant('*'), upTo(max).map(String)), upTo(Math.max(1, max >> 1), 1))
      .map(([from, step]) => `${from}/${step}`),
    listOf(upTo(max).map(String)),
  );
const dayOfMonth = fc.oneof(
  fc.constant('*'),
  upTo(31, 1).map(String),
  rangeOf(1, 31),
  listOf(upTo(31, 1).map(String)),
  fc.constant('L'),
  upTo(31, 1).map((d) => `${d}W`),
  fc.constant('LW'),
);
const month = fc.oneof(
  fc.constant('*'),
  upTo(12, 1).map(String),
  upTo(11).map((m) => MONTHS[m]!),
  rangeOf(1, 12),
  listOf(upTo(12, 1).map(String)),
);
const dayOfWeek = fc.oneof(
  fc.constant('*'),
  upTo(7, 1).map(String),
  upTo(6).map((d) => DAYS[d]!),
  rangeOf(1, 7),
  fc.tuple(upTo(7, 1), upTo(5, 1)).map(([d, n]) => `${d}#${n}`),
  upTo(7, 1).map((d) => `${d}L`),
  listOf(upTo(7, 1).map(String)),
);
const year = fc.oneof(fc.constant('*'), upTo(2031, 2026).map(String), rangeOf(2026, 2032));

/** Exactly one of the day fields is `?`. */
const cronExpression = fc
  .tuple(timeField(59), timeField(23), fc.boolean(), dayOfMonth, month, dayOfWeek, year)
  .map(
    ([minutes, hours, byMonthDay, dom, mon, dow, yr]) =>
      `cron(${minutes} ${hours} ${byMonthDay ? dom : '?'} ${mon} ${byMonthDay ? '?' : dow} ${yr})`,
  );

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
    if (part.endsWith('W'))
      return Number(part.slice(0, -1)) <= last && d === nearestWeekday(y, m, Number(part.slice(0, -1)));
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

// Wall-clock time in a zone by Intl alone (the engine has its own conversion, core/schedule/zoneTime.ts).
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallText(instant: number, zone: string): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format.format(instant);
}
const offsetOf = (instant: number, zone: string) => {
  const [date, time] = wallText(instant, zone).split(', ') as [string, string];
  return Date.parse(`${date}T${time}:00Z`) - Math.floor(instant / 60_000) * 60_000;
};

/**
 * The instant a local time names in a zone, as the engine's documented assumption has it:
 * none in a spring-forward gap (that run is skipped), the first of two in a fall-back overlap.
 */
function instantOf(localAsUtc: number, zone: string): number | undefined {
  const want = wallText(localAsUtc, 'UTC');
  const candidates = [...new Set([offsetOf(localAsUtc - 86_400_000, zone), offsetOf(localAsUtc + 86_400_000, zone)])]
    .map((offset) => localAsUtc - offset)
    .filter((t) => wallText(t, zone) === want);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

/** The first `count` runs after `after` and before `horizon`, walking the zone's calendar day by day. */
function oracleRuns(expression: string, zone: string, after: number, horizon: number, count: number): number[] {
  const [minutes, hours, dom, mon, dow, yr] = expression.slice(5, -1).split(' ') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const minuteSet = [...numbers(minutes, 0, 59)].sort((a, b) => a - b);
  const hourSet = [...numbers(hours, 0, 23)].sort((a, b) => a - b);
  const months = numbers(mon, 1, 12, MONTHS);
  const years = numbers(yr, 1970, 2199);
  const runs: number[] = [];
  const startLocal = new Date(after + offsetOf(after, zone) - 86_400_000);
  for (
    let day = Date.UTC(startLocal.getUTCFullYear(), startLocal.getUTCMonth(), startLocal.getUTCDate());
    runs.length < count && day < horizon + 86_400_000;
    day += 86_400_000
  ) {
    const date = new Date(day);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    if (!years.has(y) || !months.has(m)) continue;
    if (!(dom === '?' ? dayOfWeekMatches(dow, y, m, d) : dayOfMonthMatches(dom, y, m, d))) continue;
    for (const h of hourSet) {
      for (const min of minuteSet) {
        const instant = instantOf(day + (h * 60 + min) * 60_000, zone);
        if (instant !== undefined && instant > after && instant < horizon && runs.length < count) runs.push(instant);
      }
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------

describe('cron run times against a plain reading of the fields', () => {
  it('agree for generated expressions, in zones with and without daylight saving (1,500 cases)', () => {
    const after = fc.date({
      min: new Date('2026-11-28T00:00:00Z'),
      max: new Date('2029-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(cronExpression, fc.constantFrom(...ZONES), after, (expression, zone, from) => {
        const { schedule, problems } = parseSchedule(expression);
        const errors = problems.filter((p) => p.severity === 'error');
        assert.ok(
          schedule && errors.length === 0,
          `${expression} is valid AWS cron, yet: ${errors.map((p) => p.message).join('; ')}`,
        );
        const fromMinute = Math.floor(from.getTime() / 60_000) * 60_000;
        // The oracle looks six years ahead; the engine goes to 2199. Compare what both see.
        const horizon = fromMinute + 6 * 365 * 86_400_000;
        const expected = oracleRuns(expression, zone, fromMinute, horizon, 6);
        const got = nextRuns(schedule, { after: new Date(fromMinute), timeZone: zone, count: 6 }).map((d) =>
          d.getTime(),
        );
        assert.deepEqual(
          got.filter((t) => t < horizon).map((t) => new Date(t).toISOString()),
          expected.map((t) => new Date(t).toISOString()),
          `${expression} in ${zone} after ${new Date(fromMinute).toISOString()}`,
        );
      }),
      { numRuns: 1_500, seed: Number(process.env.FUZZ_SEED ?? 20261129) },
    );
  });

  it("agree across daylight-saving changes: a gap skips that day's run, an overlap runs once, first (1,000 cases)", () => {
    // Shortly before a change in each zone (2027), with times in the small hours where the changes happen.
    const changes: [string, string][] = [
      ['Europe/Berlin', '2027-03-28T00:00:00Z'],
      ['Europe/Berlin', '2027-10-31T00:00:00Z'],
      ['America/New_York', '2027-03-14T06:00:00Z'],
      ['America/New_York', '2027-11-07T05:00:00Z'],
      ['Australia/Sydney', '2027-04-03T15:00:00Z'],
      ['Australia/Sydney', '2027-10-02T15:00:00Z'],
      ['Australia/Lord_Howe', '2027-04-03T14:00:00Z'],
      ['Australia/Lord_Howe', '2027-10-02T15:00:00Z'],
      ['America/Santiago', '2027-04-04T02:00:00Z'],
      ['America/Santiago', '2027-09-05T03:00:00Z'],
    ];
    const smallHours = fc.oneof(upTo(3).map(String), rangeOf(0, 3), fc.constant('*'), listOf(upTo(3).map(String)));
    const minutes = fc.oneof(fc.constantFrom('0', '30', '15,45', '0/30', '*/20'), upTo(59).map(String));
    const expression = fc
      .tuple(minutes, smallHours, fc.constantFrom('* * ? *', '? * * *', '? * 1 *', 'L * ? *'))
      .map(([m, h, rest]) => `cron(${m} ${h} ${rest})`);
    fc.assert(
      fc.property(expression, fc.constantFrom(...changes), upTo(3 * 24 * 60), (text, [zone, change], minutesBefore) => {
        const { schedule } = parseSchedule(text);
        assert.ok(schedule, text);
        const from = Date.parse(change) - minutesBefore * 60_000;
        const horizon = from + 40 * 86_400_000;
        const expected = oracleRuns(text, zone, from, horizon, 8);
        const got = nextRuns(schedule, { after: new Date(from), timeZone: zone, count: 8 })
          .map((d) => d.getTime())
          .filter((t) => t < horizon);
        assert.deepEqual(
          got.map((t) => new Date(t).toISOString()),
          expected.map((t) => new Date(t).toISOString()),
          `${text} in ${zone} after ${new Date(from).toISOString()}`,
        );
      }),
      { numRuns: 1_000, seed: Number(process.env.FUZZ_SEED ?? 20261129) },
    );
  });
});
