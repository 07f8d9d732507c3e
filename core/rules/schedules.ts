import { SCHEDULE_SEVERITY } from '../schedule/codes';
import type { Fix, Range } from '../finding';
import { appendMemberEdit, applyEdits, removeMemberEdits } from '../document/edits';
import { has, type Prop, type ScalableTarget, type ScheduledAction } from '../document/model';
import { defineMultiCodeRule, type Rule, type RuleContext, type RuleMeta } from '../lint/rule';
import {
  checkTimeZone,
  scheduleInWords,
  dstIssues,
  formatInZone,
  localToInstant,
  localToInstants,
  matchesCron,
  MAX_SCHEDULE_LENGTH,
  neverFires,
  nextRuns,
  parseSchedule,
  type CronField,
  type CronFields,
  type Schedule,
  type ScheduleParse,
  type ScheduleProblem,
  type TimeZoneCheck,
} from '../schedule';
import { cronDayMatches } from '../schedule/cron';
import { wallClock } from '../schedule/zoneTime';
import { readableTime } from '../language/scheduleSummary';
import { parseTimestamp } from '../document/timestamp';
import { headOf, insideString } from './locate';
import { wordsOf } from './words';
import { boundsUndone, fileSetter, type Bound, type ScheduleSetter } from './scheduleUndo';

// The `Schedule` and `Timezone` of scheduled actions: the expression parser's problems placed
// on the document, the zone checks, times that never come or that daylight saving skips, and
// two checks across the actions of one target (runs in the same minute; a raised bound that
// nothing lowers again).
//
// Which code owns which "never runs" case (the catalogue's `sanity.schedule-never-fires` is
// covered by these and not registered):
//  - at() in the past → `at.past`;
//  - an impossible cron date, a year field wholly past, or no cron run left between StartTime
//    and EndTime → `cron.never-fires`;
//  - EndTime in the past → `sched.end-in-past`, reported by scheduledActions.ts, so nothing
//    here repeats it.
// A raised bound that no action lowers is `sched.no-revert`; the catalogue's
// `sanity.sched-raises-never-lowers` describes the same check and is not registered.

const META: RuleMeta[] = [
  {
    code: 'sched.schedule-required',
    severity: SCHEDULE_SEVERITY['sched.schedule-required'],
    title: 'A scheduled action has a Schedule: at(), rate() or cron()',
    description:
      "AWS needs to know when the action runs: `at(YYYY-MM-DDThh:mm:ss)` once, `rate(5 minutes)` at a fixed interval, or `cron(0 8 ? * MON-FRI *)`. The API model (and so the schema) does not require `Schedule`, but PutScheduledAction fails without it, and a bare crontab line with no `cron(...)` around it (a common mistake when a tool expects a plain cron) is rejected. The quick fix adds the wrapper when the intent is clear. Empty and over-long values are the schema's to report.",
  },
  {
    code: 'cron.wrapper',
    severity: SCHEDULE_SEVERITY['cron.wrapper'],
    title: 'A cron schedule is written exactly `cron(...)`',
    description:
      'The keyword is lowercase, directly followed by `(`, and the expression ends with `)` with nothing around it.',
  },
  {
    code: 'cron.field-count',
    severity: SCHEDULE_SEVERITY['cron.field-count'],
    title: 'AWS cron has six fields',
    description:
      "Application Auto Scaling's cron has six fields: minutes, hours, day-of-month, month, day-of-week and **year**. A five-field Unix crontab line (the EC2 Auto Scaling `Recurrence` style) is rejected; the quick fix converts it, adding the year and a `?` in one day field (Unix day numbers become day names, since AWS counts 1 = Sunday).",
  },
  {
    code: 'cron.seven-fields',
    severity: SCHEDULE_SEVERITY['cron.seven-fields'],
    title: 'A seven-field cron (with seconds)',
    description:
      'AWS accepts a leading seconds field as an exception, but second precision is not guaranteed and some consoles cannot show it. Drop the seconds.',
  },
  {
    code: 'cron.dom-dow-question',
    severity: SCHEDULE_SEVERITY['cron.dom-dow-question'],
    title: 'Exactly one of day-of-month and day-of-week is `?`',
    description:
      'AWS cannot combine a day of the month with a day of the week, so one of the two must be `?`. Its own error for `cron(0 16 * * MON-FRI *)` is the misleading "Invalid Month value: \'MON\'". The quick fix sets the unrestricted field to `?`.',
  },
  {
    code: 'cron.both-question',
    severity: SCHEDULE_SEVERITY['cron.both-question'],
    title: 'Day-of-month and day-of-week are not both `?`',
    description:
      '`?` means "whichever" in one day field while the other decides. Both `?` decides nothing; for every day write `*` in day-of-month and `?` in day-of-week.',
  },
  {
    code: 'cron.wildcard-placement',
    severity: SCHEDULE_SEVERITY['cron.wildcard-placement'],
    title: 'Each cron wildcard sits in a field that allows it',
    description:
      '`?` and `L` belong in day-of-month or day-of-week only; `W` (`nW`, `LW`) in day-of-month only; `#` (`2#1`, the first Monday) in day-of-week only; and `/` is not allowed in day-of-week.',
  },
  {
    code: 'cron.hash-single',
    severity: SCHEDULE_SEVERITY['cron.hash-single'],
    title: 'A day-of-week with `#` holds one expression',
    description:
      'With `#`, day-of-week takes exactly one "nth weekday" (`3#1`); a list such as `3#1,6#3` is rejected. Use one scheduled action per date.',
  },
  {
    code: 'cron.ranges',
    severity: SCHEDULE_SEVERITY['cron.ranges'],
    title: "Every cron value is within its field's range",
    description:
      "Minutes 0–59, hours 0–23, day-of-month 1–31, month 1–12 or JAN–DEC, day-of-week 1–7 or SUN–SAT (1 = Sunday; Unix's 0 is rejected), year 1970–2199; increments `/n` need n ≥ 1, and lists use commas.",
  },
  {
    code: 'cron.range-order',
    severity: SCHEDULE_SEVERITY['cron.range-order'],
    title: 'A cron range runs upwards',
    description:
      'A backwards range such as `FRI-MON` or `22-2` may be read as wrapping around or rejected, depending on the parser. Write it as two ascending ranges (the quick fix does), or swap the ends.',
  },
  {
    code: 'cron.names-case',
    severity: SCHEDULE_SEVERITY['cron.names-case'],
    title: 'Month and day names are uppercase',
    description: "Write `JAN`–`DEC` and `SUN`–`SAT` (and `L`, `W`) in uppercase, as AWS's documentation does.",
  },
  {
    code: 'cron.dow-numbering',
    severity: SCHEDULE_SEVERITY['cron.dow-numbering'],
    title: 'Day-of-week numbers count from Sunday = 1',
    description:
      "AWS numbers the days 1 = Sunday … 7 = Saturday, unlike Unix (0 = Sunday), so `2-6` is Monday to Friday. Even AWS's own older example got this wrong. Day names (`MON-FRI`) cannot be misread; the quick fix writes them.",
  },
  {
    code: 'cron.every-minute',
    severity: SCHEDULE_SEVERITY['cron.every-minute'],
    title: 'A cron that runs every minute',
    description:
      'With `*` in minutes the action runs every minute of every matching hour, resetting the bounds sixty times an hour. Put a minute such as `0`.',
  },
  {
    code: 'cron.never-fires',
    severity: SCHEDULE_SEVERITY['cron.never-fires'],
    title: 'A cron schedule that never runs',
    description:
      'The expression matches no date (day 31 in a month that lacks it, a year field wholly in the past), or has no run left between `StartTime` and `EndTime`. AWS accepts it, and the action silently never runs. (An `EndTime` in the past is `sched.end-in-past`; an `at()` in the past is `at.past`.)',
  },
  {
    code: 'cron.sub-minute',
    severity: 'information',
    title: 'Scheduled actions run at most once a minute',
    description:
      'A seconds field with several values (`*/10` in a seven-field cron) asks for runs within a minute, but the finest resolution of scheduled scaling is one minute: the action runs once. Drop the seconds field.',
  },
  {
    code: 'at.syntax',
    severity: SCHEDULE_SEVERITY['at.syntax'],
    title: 'A one-time schedule is `at(YYYY-MM-DDThh:mm:ss)`',
    description:
      "Exactly a date, `T` and a time with seconds: no `Z`, no offset, no fraction, and a date and time that exist. The time is read in the action's `Timezone` (UTC when none is set).",
  },
  {
    code: 'at.past',
    severity: SCHEDULE_SEVERITY['at.past'],
    title: 'A one-time schedule in the past',
    description:
      'An `at()` time that has passed never comes: the action never runs. Pick a future time, or delete the action.',
  },
  {
    code: 'rate.syntax',
    severity: SCHEDULE_SEVERITY['rate.syntax'],
    title: 'A rate schedule is `rate(<value> <unit>)`',
    description:
      'A whole number of at least 1 and one of `minute`, `minutes`, `hour`, `hours`, `day`, `days`, separated by one space. Seconds, weeks and abbreviations such as `mins` are rejected.',
  },
  {
    code: 'rate.plural',
    severity: SCHEDULE_SEVERITY['rate.plural'],
    title: 'A rate of 1 takes the singular unit',
    description:
      '`rate(1 hour)` but `rate(2 hours)`: EventBridge, whose syntax Application Auto Scaling documents, rejects the other spellings.',
  },
  {
    code: 'rate.timezone-ignored',
    severity: 'information',
    title: 'Timezone has no effect on a rate() schedule',
    description:
      '`Timezone` applies to `at()` and `cron()` times. A `rate()` runs at fixed intervals from when the action starts, so the zone changes nothing; remove it.',
  },
  {
    code: 'tz.valid',
    severity: SCHEDULE_SEVERITY['tz.valid'],
    title: 'Timezone is a canonical IANA zone name',
    description:
      'AWS takes IANA names such as `Europe/Berlin`, `America/New_York` or `UTC`. Abbreviations (`PST`, `CET`), offsets (`GMT+2`, `+05:30`), old aliases and misspellings are rejected; the quick fix writes the zone meant when there is one clear candidate (for an offset, the `Etc/GMT` zone with the inverted sign).',
  },
  {
    code: 'tz.etc-sign',
    severity: SCHEDULE_SEVERITY['tz.etc-sign'],
    title: '`Etc/GMT±n` zones invert the sign',
    description:
      'In the tz database `Etc/GMT+9` means UTC−9 (POSIX convention), a classic trap. A city zone also follows daylight saving.',
  },
  {
    code: 'tz.dst-gap',
    severity: SCHEDULE_SEVERITY['tz.dst-gap'],
    title: 'A run time that daylight saving skips or repeats',
    description:
      "AWS follows daylight saving in the action's `Timezone`. A run at a local time that does not exist on the spring-forward night may be skipped, and one in the repeated hour of the fall-back night may run twice. Checked over the next year; move the time out of the change (usually 01:00–03:00), or use UTC.",
  },
  {
    code: 'tz.utc-default',
    severity: 'information',
    title: 'A schedule without Timezone runs in UTC',
    description:
      'With no `Timezone`, `at()` and `cron()` times are UTC, and they do not follow daylight saving: "08:00" is 09:00 in Berlin in winter and 10:00 in summer. Add `Timezone` with the zone you mean. Reported once per action, and only for times of day; not reported when the action\'s name says UTC (`nightly-scale-in-utc`), where UTC is what its author meant. The quick fix writes `"Timezone": "UTC"`, which keeps the meaning and says it is intended.',
  },
  {
    code: 'sched.order',
    severity: 'warning',
    title: 'Two actions on one target run in the same minute',
    description:
      "AWS runs the scheduled actions of a target one after another; two due in the same minute may take effect in either order, so the bounds you end up with are uncertain. Move one of them by a few minutes, or merge them into one action. Not reported when the order does not matter: the two set the same values for the bounds they both set (and neither crosses the target's other bound on its own). Compared over the next year for `cron()` schedules in one zone, exactly for `at()`, and over the next few runs for crons in different zones; `rate()` schedules are left out, since their runs count from when AWS creates the action.",
  },
  {
    code: 'sched.undoes-target',
    severity: 'warning',
    title: "The schedule does not undo the target's own bounds",
    description:
      "A scheduled action sets the target's bounds, and they stay so until another action or a registration changes them (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-policy-overview.html). When the target's scheduled actions set `MinCapacity` (or `MaxCapacity`) to other values and none sets it to the target's own, the value the file gives lasts only until the first of them runs: raise `MaxCapacity` from 4 to 8 on a target whose actions set 4 every weekday morning, and 8 holds until the next morning. Reported on the target's bound with the action and its next run in its time zone; a raise that nothing lowers again is `sched.no-revert`'s. Plan and apply report live actions the file does not list, which apply keeps unless it prunes (`sched.live-undoes-target`).",
  },
  {
    code: 'sched.no-revert',
    severity: 'warning',
    title: 'A scheduled raise that nothing lowers again',
    description:
      "An action that raises `MinCapacity` (or `MaxCapacity`) above the target's own value keeps it raised: Application Auto Scaling never restores the earlier bounds, not even after the action's `EndTime`. Add an action that sets the bound back after the busy period. Reported when no other action on the target sets a lower value and runs after it (for a recurring raise, a recurring action; for a one-time raise, one due later). The catalogue's `sanity.sched-raises-never-lowers` is the same check.",
  },
];

// ---------------------------------------------------------------------------------------
// Caches. Parsing, zone checks and DST searches are pure functions of their text, and a
// file repeats the same schedules and zones many times (and the editor re-checks it on
// every edit), so each distinct input is worked out once. Bounded: cleared when full.

const CACHE_LIMIT = 5000;

/** The cached value for `key`, computed by `compute(key)` on a miss. No closure per call: this runs per action. */
function memo<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const parses = new Map<string, ScheduleParse>();
const zones = new Map<string, TimeZoneCheck>();
const DAY_MS = 86_400_000;

function parseCached(expression: string): ScheduleParse {
  return memo(parses, expression, parseSchedule);
}

function zoneCached(name: string): TimeZoneCheck {
  return memo(zones, name, checkTimeZone);
}

/** DST problems of each expression, per zone, for the UTC day `dstDay`. */
const dstCache = new Map<string, Map<string, ScheduleProblem[]>>();
let dstDay = 0;

/** DST problems over the year from the start of today (UTC), so the answer is the same all day. */
function dstCached(expression: string, schedule: Schedule, zone: string, now: Date): ScheduleProblem[] {
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  if (day !== dstDay || dstCache.size >= CACHE_LIMIT) {
    dstCache.clear();
    dstDay = day;
  }
  let byExpression = dstCache.get(zone);
  if (!byExpression) {
    byExpression = new Map();
    dstCache.set(zone, byExpression);
  }
  let problems = byExpression.get(expression);
  if (!problems) {
    problems = dstIssues(schedule, zone, new Date(day));
    if (byExpression.size >= CACHE_LIMIT) byExpression.clear();
    byExpression.set(expression, problems);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Placing problems of the expression (or zone name) on the document.

/** The document range of a problem inside a string value: the whole value (quotes included) when it covers all of it. */
function problemRange(ctx: RuleContext, prop: Prop<string>, start: number, end: number): Range {
  if (start <= 0 && end >= prop.value.length) return prop.range;
  return insideString(ctx.text, prop, start, end - start);
}

/** A fix on the string's text, as one edit that rewrites the whole literal (escapes and all). */
function literalFix(prop: Prop<string>, title: string, fixedValue: string): Fix {
  return { title, edits: [{ start: prop.range.start, end: prop.range.end, newText: JSON.stringify(fixedValue) }] };
}

function reportProblem(ctx: RuleContext, prop: Prop<string>, p: ScheduleProblem): void {
  const fixes = p.fixes?.map((f) => literalFix(prop, f.title, applyEdits(prop.value, f.edits)));
  ctx.report({
    code: p.code,
    range: problemRange(ctx, prop, p.start, p.end),
    message: p.message,
    ...(fixes?.length ? { fixes } : undefined),
  });
}

// ---------------------------------------------------------------------------------------
// One action.

/** What the checks across a target's actions need to know of one action. */
interface ActionInfo {
  action: ScheduledAction;
  /** The parsed schedule, when it has no error. */
  schedule?: Schedule;
  /** The zone its times are read in, when known to be valid (UTC when no Timezone). */
  zone?: string;
  start?: number;
  end?: number;
  /** Whether it has no run left (reported already). */
  dead: boolean;
  /** lastRun(), once worked out. */
  last?: number | null;
}

function instantOf(prop: Prop<string> | undefined): number | undefined {
  if (!prop) return undefined;
  const parsed = parseTimestamp(prop.value);
  return parsed?.ok ? parsed.epochMs : undefined;
}

const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);

/** Whether the action's name says its times are UTC ("nightly-utc", "ScaleUpGMT"): then UTC is intended. */
function namedUtc(action: ScheduledAction): boolean {
  const name = action.name?.value;
  if (!name) return false;
  return wordsOf(name).some((w) => w === 'utc' || w === 'gmt' || w === 'zulu');
}

/** Whether the zone changes when a cron runs: not for one that runs every minute-of-hour it lists, every hour of every day. */
function readsTimeOfDay(schedule: Schedule): boolean {
  if (schedule.kind === 'at') return true;
  if (schedule.kind === 'rate') return false;
  const f = schedule.fields;
  return !(
    f.hours.values.length === 24 &&
    f.dayOfMonth.kind === 'any' &&
    f.dayOfWeek.kind === 'any' &&
    f.month.any &&
    f.year.any
  );
}

/** Reports the action's Timezone problems; the zone its times are read in, when it is valid. */
function checkTimezone(action: ScheduledAction, ctx: RuleContext): string | undefined {
  if (!has(action, 'Timezone')) return 'UTC';
  const prop = action.timezone;
  // Not a string, empty or over-long: the schema's to report.
  if (!prop || prop.value.length === 0 || prop.value.length > MAX_SCHEDULE_LENGTH) return undefined;
  const check = zoneCached(prop.value);
  const p = check.problem;
  if (p) {
    const fixes = check.suggestion ? [literalFix(prop, `Use "${check.suggestion}"`, check.suggestion)] : undefined;
    ctx.report({
      code: p.code,
      range: problemRange(ctx, prop, p.start, p.end),
      message: p.message,
      ...(fixes ? { fixes } : undefined),
    });
  }
  return check.valid ? prop.value : undefined;
}

function checkSchedule(action: ScheduledAction, ctx: RuleContext): ActionInfo {
  const info: ActionInfo = { action, dead: false, start: instantOf(action.startTime), end: instantOf(action.endTime) };
  const zone = checkTimezone(action, ctx);
  const prop = action.schedule;
  if (!prop) {
    if (!has(action, 'Schedule')) {
      ctx.report({
        code: 'sched.schedule-required',
        range: action.name?.range ?? headOf(action),
        message:
          'This scheduled action has no Schedule, so AWS rejects it. Add "Schedule": "cron(0 8 ? * MON-FRI *)" (a cron), "rate(1 day)" or "at(2030-01-01T08:00:00)" (once).',
      });
    }
    return info;
  }
  // Empty or longer than AWS allows: the schema's minLength/maxLength.
  if (prop.value.length === 0 || prop.value.length > MAX_SCHEDULE_LENGTH) return info;

  const parsed = parseCached(prop.value);
  for (const p of parsed.problems) reportProblem(ctx, prop, p);
  const schedule = parsed.schedule;
  if (!schedule) return info;
  info.schedule = schedule;

  const fields = schedule.kind === 'cron' ? schedule.fields : undefined;
  const seconds = fields?.seconds;
  if (fields && seconds && seconds.values.length > 1) {
    const fix = literalFix(
      prop,
      'Remove the seconds field',
      prop.value.slice(0, seconds.start) + prop.value.slice(fields.minutes.start),
    );
    ctx.report({
      code: 'cron.sub-minute',
      range: insideString(ctx.text, prop, seconds.start, seconds.end - seconds.start),
      message: `Seconds \`${seconds.text}\` ask for ${seconds.values.length} runs a minute, but scheduled actions run at most once a minute: this one runs once, at second ${seconds.values[0]}. Remove the seconds field.`,
      fixes: [fix],
    });
  }

  if (schedule.kind === 'rate' && action.timezone) {
    const tz = action.timezone;
    ctx.report({
      code: 'rate.timezone-ignored',
      range: tz.range,
      message: `Timezone "${tz.value}" has no effect on a rate() schedule, which runs at fixed intervals from when the action starts. Remove it, or use cron() for runs at set local times.`,
      unnecessary: true,
      related: [{ ...prop.range, message: 'The rate() schedule is here' }],
      fixes: [{ title: 'Remove Timezone', edits: removeMemberEdits(action.item, tz) }],
    });
  }

  if (!has(action, 'Timezone') && readsTimeOfDay(schedule) && !namedUtc(action)) {
    const edit = appendMemberEdit(ctx.text, action.item, 'Timezone', '"UTC"');
    ctx.report({
      code: 'tz.utc-default',
      range: prop.range,
      message: `No Timezone, so this schedule runs in UTC (${scheduleInWords(schedule, 'UTC')}) and does not follow daylight saving. If you mean local time, add "Timezone" with an IANA name such as "Europe/Berlin"; if UTC is intended, say so with "Timezone": "UTC".`,
      ...(edit ? { fixes: [{ title: 'Add "Timezone": "UTC" (keeps the times)', edits: [edit] }] } : undefined),
    });
  }

  if (zone === undefined) return info;
  info.zone = zone;
  if (info.end !== undefined && info.start !== undefined && info.end <= info.start) {
    info.dead = true; // sched.end-after-start
    return info;
  }
  // A cron over every year with no EndTime always has a run to come (the parser has ruled out
  // impossible dates), so only at(), a restricted year or an EndTime needs the clock.
  const mayBeOver =
    schedule.kind === 'at' || (schedule.kind === 'cron' && (!schedule.fields.year.any || info.end !== undefined));
  if (mayBeOver) {
    const never = neverFires(schedule, {
      now: ctx.now,
      timeZone: zone,
      start: info.start !== undefined ? new Date(info.start) : undefined,
      end: info.end !== undefined ? new Date(info.end) : undefined,
    });
    for (const p of never) {
      info.dead = true;
      if (p.on === undefined) reportProblem(ctx, prop, p); // `sched.end-in-past` is scheduledActions.ts's
    }
  }
  if (!info.dead && schedule.kind !== 'rate' && !UTC_NAMES.has(zone)) {
    for (const p of dstCached(prop.value, schedule, zone, ctx.now)) reportProblem(ctx, prop, p);
  }
  return info;
}

// ---------------------------------------------------------------------------------------
// sched.order: two actions of one target due in the same minute.

const MINUTE_MS = 60_000;
const SEARCH_DAYS = 366;
const RUNS_COMPARED = 10;

/** The values in both sorted lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const both: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      both.push(a[i]!);
      i++;
      j++;
    }
  }
  return both;
}

/** Whether two sorted lists share a value (intersect without the list). */
function meet(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else return true;
  }
  return false;
}

function overlap(a: CronField, b: CronField): boolean {
  return a.any || b.any || meet(a.values, b.values);
}

function within(info: ActionInfo, t: number): boolean {
  return (info.start === undefined || t >= info.start) && (info.end === undefined || t <= info.end);
}

/** The days of the month a day-of-month field can match, whatever the month. */
function possibleDays(f: CronFields): readonly number[] | undefined {
  const dom = f.dayOfMonth;
  switch (dom.kind) {
    case 'any':
      return undefined;
    case 'values':
      return dom.days;
    case 'last':
      return [28, 29, 30, 31];
    case 'lastWeekday':
      return [26, 27, 28, 29, 30, 31];
    case 'nearestWeekday':
      return [dom.day - 2, dom.day - 1, dom.day, dom.day + 1, dom.day + 2]; // sorted, as intersect needs
  }
}

/** The weekdays a day-of-week field can match (sorted), or undefined for any. */
function possibleWeekdays(f: CronFields): readonly number[] | undefined {
  const dow = f.dayOfWeek;
  return dow.kind === 'any' ? undefined : dow.kind === 'values' ? dow.days : [dow.day];
}

/** Whether two crons can never share a date, told from their fields alone (month-start vs month-end, say). */
function datesDisjoint(fa: CronFields, fb: CronFields): boolean {
  if (!overlap(fa.month, fb.month) || !overlap(fa.year, fb.year)) return true;
  const wa = possibleWeekdays(fa);
  const wb = possibleWeekdays(fb);
  if (wa && wb && !meet(wa, wb)) return true;
  const na = fa.dayOfWeek;
  const nb = fb.dayOfWeek;
  if (na.kind === 'nth' && nb.kind === 'nth' && na.nth !== nb.nth) return true;
  if (fa.dayOfWeek.kind !== 'any' || fb.dayOfWeek.kind !== 'any') return false;
  const da = possibleDays(fa);
  const db = possibleDays(fb);
  return da !== undefined && db !== undefined && !meet(da, db);
}

/** The first instant after `now` when two crons read in the same zone both run, within a year. */
function sharedCronMinute(
  a: ActionInfo,
  fa: CronFields,
  b: ActionInfo,
  fb: CronFields,
  zone: string,
  now: number,
): number | undefined {
  if (!meet(fa.minutes.values, fb.minutes.values) || !meet(fa.hours.values, fb.hours.values) || datesDisjoint(fa, fb))
    return undefined;
  const minutes = intersect(fa.minutes.values, fb.minutes.values);
  const hours = intersect(fa.hours.values, fb.hours.values);
  const today = wallClock(now, zone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    if (!fa.year.values.includes(year) || !fb.year.values.includes(year)) continue;
    if (!cronDayMatches(fa, year, month, day) || !cronDayMatches(fb, year, month, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const t = localToInstants({ year, month, day, hour, minute, second: 0 }, zone)[0];
        if (t !== undefined && t > now && within(a, t) && within(b, t)) return t;
      }
    }
  }
  return undefined;
}

function minuteOf(t: number): number {
  return Math.floor(t / MINUTE_MS);
}

/** The first instant after `now` when both actions are due in the same minute, if one is found. */
function sharedMinute(
  a: ActionInfo,
  b: ActionInfo,
  now: number,
  runs: (info: ActionInfo) => number[],
): number | undefined {
  const sa = a.schedule!;
  const sb = b.schedule!;
  if (sa.kind === 'at' && sb.kind === 'at') {
    const ta = localToInstant(sa.local, a.zone!);
    const tb = localToInstant(sb.local, b.zone!);
    return ta > now && minuteOf(ta) === minuteOf(tb) ? ta : undefined;
  }
  if (sa.kind === 'at' || sb.kind === 'at') {
    const [one, other] = sa.kind === 'at' ? [a, b] : [b, a];
    const t = localToInstant((one.schedule as Extract<Schedule, { kind: 'at' }>).local, one.zone!);
    const fields = (other.schedule as Extract<Schedule, { kind: 'cron' }>).fields;
    return t > now && within(other, t) && matchesCron(fields, wallClock(t, other.zone!)) ? t : undefined;
  }
  if (sa.kind === 'cron' && sb.kind === 'cron') {
    if (a.zone === b.zone) return sharedCronMinute(a, sa.fields, b, sb.fields, a.zone!, now);
    const minutesOfB = new Set(runs(b).map(minuteOf));
    return runs(a).find((t) => minutesOfB.has(minuteOf(t)));
  }
  return undefined;
}

function actionLabel(action: ScheduledAction): string {
  return action.name ? `"${action.name.value}"` : `scheduled action #${action.index + 1}`;
}

function isTimed(info: ActionInfo): boolean {
  return info.schedule !== undefined && info.zone !== undefined && !info.dead && info.schedule.kind !== 'rate';
}

/**
 * Whether two actions leave the same bounds whichever runs first: every bound both set they
 * set alike, and each on its own keeps MinCapacity ≤ MaxCapacity against the target's bounds
 * (so neither order has a step AWS would refuse).
 */
function commute(a: ScheduledAction, b: ScheduledAction, target: ScalableTarget): boolean {
  const [aMin, aMax, bMin, bMax] = [
    a.action?.minCapacity?.value,
    a.action?.maxCapacity?.value,
    b.action?.minCapacity?.value,
    b.action?.maxCapacity?.value,
  ];
  if (aMin !== undefined && bMin !== undefined && aMin !== bMin) return false;
  if (aMax !== undefined && bMax !== undefined && aMax !== bMax) return false;
  const min = target.minCapacity?.value;
  const max = target.maxCapacity?.value;
  const alone = (lo: number | undefined, hi: number | undefined) =>
    (lo ?? min) === undefined || (hi ?? max) === undefined || (lo ?? min)! <= (hi ?? max)!;
  return alone(aMin, aMax) && alone(bMin, bMax);
}

function checkOrder(target: ScalableTarget, infos: readonly ActionInfo[], ctx: RuleContext): void {
  // rate() runs count from when AWS creates the action, unknown here.
  let count = 0;
  for (const info of infos) if (isTimed(info)) count++;
  if (count < 2) return; // no list, no cache: one action or none with a time
  const timed = infos.filter(isTimed);
  const now = ctx.now.getTime();
  const runCache = new Map<ActionInfo, number[]>();
  const runs = (info: ActionInfo): number[] => {
    let found = runCache.get(info);
    if (!found) {
      found = nextRuns(info.schedule!, {
        after: ctx.now,
        timeZone: info.zone!,
        count: RUNS_COMPARED,
        start: info.start !== undefined ? new Date(info.start) : undefined,
        end: info.end !== undefined ? new Date(info.end) : undefined,
      }).map((d) => d.getTime());
      runCache.set(info, found);
    }
    return found;
  };
  for (let j = 1; j < timed.length; j++) {
    const b = timed[j]!;
    for (let i = 0; i < j; i++) {
      const a = timed[i]!;
      if (commute(a.action, b.action, target)) continue; // the same bounds whichever runs first
      const t = sharedMinute(a, b, now, runs);
      if (t === undefined) continue;
      const when = readableTime(formatInZone(new Date(t), b.zone!));
      const zone = UTC_NAMES.has(b.zone!) ? '' : ` (${b.zone})`;
      ctx.report({
        code: 'sched.order',
        range: b.action.schedule!.range,
        message: `This action and ${actionLabel(a.action)} are due in the same minute, first on ${when}${zone}. AWS runs a target's actions one after another, so they may take effect in either order and the bounds you end up with are uncertain. Move one of them by a few minutes, or merge them into one action.`,
        related: [{ ...a.action.schedule!.range, message: `${actionLabel(a.action)} runs in the same minute` }],
      });
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------
// sched.no-revert: a raised bound that no later action lowers.

/** When the action last runs: an at() time, else its EndTime, else never stops (Infinity); undefined when unknown. */
function lastRun(info: ActionInfo): number | undefined {
  if (info.last === undefined) {
    const s = info.schedule;
    if (!s) info.last = null;
    else if (s.kind === 'at') info.last = info.zone ? localToInstant(s.local, info.zone) : null;
    else info.last = info.end ?? Infinity;
  }
  return info.last ?? undefined;
}

const BOUNDS: readonly Bound[] = ['MinCapacity', 'MaxCapacity'];

function boundOf(action: ScheduledAction, bound: Bound): Prop<number> | undefined {
  return bound === 'MinCapacity' ? action.action?.minCapacity : action.action?.maxCapacity;
}

/** Whether some other action sets `bound` below `value` and runs after `raiser` stops (or may: unknown counts). */
function lowersLater(
  infos: readonly ActionInfo[],
  raiser: ActionInfo,
  bound: Bound,
  value: number,
  raiserLast: number,
): boolean {
  for (const other of infos) {
    if (other === raiser) continue;
    const v = boundOf(other.action, bound);
    if (!v || v.value >= value) continue;
    const last = lastRun(other);
    if (last === undefined || last === Infinity || (raiserLast !== Infinity && last > raiserLast)) return true;
  }
  return false;
}

function checkNoRevert(target: ScalableTarget, infos: readonly ActionInfo[], ctx: RuleContext): ReadonlySet<Bound> {
  const reported = new Set<Bound>();
  for (const info of infos) {
    const raiserLast = lastRun(info);
    if (raiserLast === undefined) continue;
    let reportedHere = false;
    for (const bound of BOUNDS) {
      const value = boundOf(info.action, bound);
      const own = bound === 'MinCapacity' ? target.minCapacity : target.maxCapacity;
      if (!value || !own || value.value <= own.value) continue;
      if (lowersLater(infos, info, bound, value.value, raiserLast)) continue;
      reported.add(bound); // sched.undoes-target would tell the same story about this bound
      if (reportedHere) continue; // one finding per action
      reportedHere = true;
      const afterEnd = info.end !== undefined && info.schedule?.kind !== 'at' ? ', not even after its EndTime' : '';
      ctx.report({
        code: 'sched.no-revert',
        range: value.range,
        message: `This action raises ${bound} to ${value.value} (the target's is ${own.value}), and no scheduled action lowers it again afterwards. Application Auto Scaling never restores the earlier bounds${afterEnd}, so ${bound} stays ${value.value} for good. Add an action that sets ${bound} back after the busy period.`,
        related: [{ ...own.range, message: `The target's ${bound} is ${own.value} here` }],
      });
    }
  }
  return reported;
}

// ---------------------------------------------------------------------------------------
// sched.undoes-target: the target's own bound, which the schedule sets to other values.

/** Whether some action sets the bound and none sets the target's own value (without building anything). */
function mayBeUndone(target: ScalableTarget, bound: Bound): boolean {
  const own = bound === 'MinCapacity' ? target.minCapacity : target.maxCapacity;
  if (!own) return false;
  let set = false;
  for (const action of target.scheduledActions) {
    const value = boundOf(action, bound);
    if (!value) continue;
    if (value.value === own.value) return false;
    set = true;
  }
  return set;
}

interface FileSetter extends ScheduleSetter {
  action: ScheduledAction;
}

function checkUndone(
  target: ScalableTarget,
  infos: readonly ActionInfo[],
  covered: ReadonlySet<Bound>,
  ctx: RuleContext,
): void {
  if (!mayBeUndone(target, 'MinCapacity') && !mayBeUndone(target, 'MaxCapacity')) return; // most targets
  const setters: FileSetter[] = [];
  for (const info of infos) {
    const { action } = info;
    if (info.dead || !info.schedule || !info.zone) continue;
    const setter = fileSetter(action, action.name?.value ?? `scheduled action #${action.index + 1}`);
    if (setter) setters.push({ action, ...setter });
  }
  const own = { min: target.minCapacity?.value, max: target.maxCapacity?.value };
  for (const undo of boundsUndone(own, setters, ctx.now, () => true, covered)) {
    const ownProp = undo.bound === 'MinCapacity' ? target.minCapacity! : target.maxCapacity!;
    const setProp =
      undo.bound === 'MinCapacity' ? undo.setter.action.action!.minCapacity! : undo.setter.action.action!.maxCapacity!;
    ctx.report({
      code: 'sched.undoes-target',
      range: ownProp.range,
      message: `The scheduled actions set ${undo.bound} to other values and none sets it to ${undo.own}: this ${undo.bound} lasts only until "${undo.setter.name}" sets ${undo.value} (${undo.when}), and never comes back. Make an action set ${undo.own} when it should apply, or change the actions.`,
      related: [{ ...setProp.range, message: `"${undo.setter.name}" sets ${undo.bound} ${undo.value}` }],
    });
  }
}

const scheduleRule = defineMultiCodeRule(META, {
  target(target, ctx) {
    if (target.scheduledActions.length === 0) return;
    const infos = target.scheduledActions.map((action) => checkSchedule(action, ctx));
    checkOrder(target, infos, ctx);
    const covered = checkNoRevert(target, infos, ctx);
    checkUndone(target, infos, covered, ctx);
  },
});

export const scheduleRules: Rule[] = [scheduleRule];
