// A hand-written parser for AWS's cron dialect. It is neither Unix crontab (it has a year field, `?`,
// `L`, `W`, `#`, and counts day-of-week from 1 = Sunday) nor exactly Quartz (only the wildcards that the
// EventBridge field table lists), and no library reads it, so we parse it here and keep every offset
// so each problem points at the exact field or value inside the expression.
import { awsDayOfWeek, DAY_NAMES, DAY_WORDS, daysInMonth, MONTH_NAMES } from './calendar';
import type { Fix } from '../finding';
import {
  problem,
  replaceFix,
  type CronField,
  type CronFields,
  type DayOfMonthSpec,
  type DayOfWeekSpec,
  type LocalDateTime,
  type ScheduleProblem,
} from './types';

type FieldKey = 'seconds' | 'minutes' | 'hours' | 'dayOfMonth' | 'month' | 'dayOfWeek' | 'year';

interface FieldSpec {
  key: FieldKey;
  label: string;
  min: number;
  max: number;
  names?: readonly string[];
  maxStep: number;
  /** Whether a backwards range (`FRI-MON`, `22-2`) can be read as wrapping around. */
  cyclic: boolean;
}

const SPECS: Record<FieldKey, FieldSpec> = {
  seconds: { key: 'seconds', label: 'seconds', min: 0, max: 59, maxStep: 59, cyclic: true },
  minutes: { key: 'minutes', label: 'minutes', min: 0, max: 59, maxStep: 59, cyclic: true },
  hours: { key: 'hours', label: 'hours', min: 0, max: 23, maxStep: 23, cyclic: true },
  dayOfMonth: { key: 'dayOfMonth', label: 'day-of-month', min: 1, max: 31, maxStep: 31, cyclic: true },
  month: { key: 'month', label: 'month', min: 1, max: 12, names: MONTH_NAMES, maxStep: 12, cyclic: true },
  dayOfWeek: { key: 'dayOfWeek', label: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, maxStep: 7, cyclic: true },
  year: { key: 'year', label: 'year', min: 1970, max: 2199, maxStep: 229, cyclic: false },
};

const FIELD_ORDER: readonly FieldKey[] = ['minutes', 'hours', 'dayOfMonth', 'month', 'dayOfWeek', 'year'];
const SIX_FIELDS = '6 fields (minutes hours day-of-month month day-of-week year)';

function rangeText(spec: FieldSpec): string {
  if (spec.key === 'month') return '1–12 or JAN–DEC';
  if (spec.key === 'dayOfWeek') return '1–7 or SUN–SAT (1 = Sunday)';
  return `${spec.min}–${spec.max}`;
}

interface Token {
  t: 'num' | 'name' | '*' | '?' | '-' | '/' | '#' | 'other';
  text: string;
  start: number;
  end: number;
}

function tokenize(item: string, at: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < item.length) {
    const c = item[i]!;
    let j = i + 1;
    let t: Token['t'];
    if (c >= '0' && c <= '9') {
      while (j < item.length && item[j]! >= '0' && item[j]! <= '9') j++;
      t = 'num';
    } else if (/[A-Za-z]/.test(c)) {
      while (j < item.length && /[A-Za-z]/.test(item[j]!)) j++;
      t = 'name';
    } else if (c === '*' || c === '?' || c === '-' || c === '/' || c === '#') {
      t = c;
    } else {
      t = 'other';
    }
    tokens.push({ t, text: item.slice(i, j), start: at + i, end: at + j });
    i = j;
  }
  return tokens;
}

/** One comma-separated entry of a field, once understood. */
type Item =
  | { kind: 'all'; step?: number }
  | { kind: 'question' }
  | { kind: 'range'; from: number; to?: number; step?: number; reversed?: boolean }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'lastDow'; day: number }
  | { kind: 'nth'; day: number; nth: number };

interface FieldResult {
  items: Item[];
  ok: boolean;
  /** Day-of-week only: the numbers that name days (not `#` counts), and the `0`s among them that AWS rejects. */
  dayNumbers: Token[];
  zeroDays: Token[];
}

class Collector {
  readonly problems: ScheduleProblem[] = [];
  errors = 0;
  add(p: ScheduleProblem): void {
    this.problems.push(p);
    if (p.severity === 'error') this.errors++;
  }
}

function isSpecialName(upper: string): boolean {
  return upper === 'L' || upper === 'W' || upper === 'LW';
}

function parseField(spec: FieldSpec, text: string, at: number, out: Collector): FieldResult {
  const result: FieldResult = { items: [], ok: true, dayNumbers: [], zeroDays: [] };
  const fail = (p: ScheduleProblem): void => {
    out.add(p);
    result.ok = false;
  };
  const rawItems: { text: string; start: number }[] = [];
  let pos = 0;
  for (const part of text.split(',')) {
    rawItems.push({ text: part, start: at + pos });
    pos += part.length + 1;
  }
  const isDom = spec.key === 'dayOfMonth';
  const isDow = spec.key === 'dayOfWeek';
  const single = rawItems.length === 1;
  const fieldEnd = at + text.length;
  const hashCount = rawItems.filter((r) => r.text.includes('#')).length;
  if (isDow && hashCount > 0 && !single) {
    fail(
      problem(
        'cron.hash-single',
        `With \`#\`, day-of-week must hold exactly one expression; \`${text}\` has ${rawItems.length}. AWS can't run on several "nth weekday" dates in one schedule: use one scheduled action per date (for example \`${rawItems.find((r) => r.text.includes('#'))!.text}\`).`,
        at,
        fieldEnd,
      ),
    );
  }

  for (const raw of rawItems) {
    if (raw.text === '') {
      fail(
        problem(
          'cron.ranges',
          `${cap(spec.label)} \`${text}\` has an empty entry between commas; remove the extra comma.`,
          at,
          fieldEnd,
        ),
      );
      continue;
    }
    const tokens = tokenize(raw.text, raw.start);
    if (isDow) splitNameL(tokens);
    const rawEnd = raw.start + raw.text.length;
    let bad = false;
    // Characters and wildcards that do not belong in this field.
    for (const tok of tokens) {
      const upper = tok.text.toUpperCase();
      if (tok.t === 'other') {
        fail(
          problem(
            'cron.ranges',
            `\`${tok.text}\` can't appear in a cron field; ${spec.label} takes ${rangeText(spec)} with \`, - * /\`${extraWildcards(spec)}.`,
            tok.start,
            tok.end,
          ),
        );
        bad = true;
      } else if (tok.t === '?' && !isDom && !isDow) {
        fail(
          problem(
            'cron.wildcard-placement',
            `\`?\` is only allowed in day-of-month or day-of-week, not in ${spec.label}. Use \`*\` for "every".`,
            tok.start,
            tok.end,
            [replaceFix('Replace `?` with `*`', tok.start, tok.end, '*')],
          ),
        );
        bad = true;
      } else if (tok.t === '#' && !isDow) {
        fail(
          problem(
            'cron.wildcard-placement',
            `\`#\` is only allowed in day-of-week (\`2#1\` = the first Monday of the month), not in ${spec.label}.`,
            tok.start,
            tok.end,
          ),
        );
        bad = true;
      } else if (tok.t === '/' && isDow) {
        fail(
          problem(
            'cron.wildcard-placement',
            'Increments (`/`) are not allowed in day-of-week; list the days instead, for example `MON,WED,FRI`.',
            tok.start,
            tok.end,
          ),
        );
        bad = true;
      } else if (tok.t === 'name' && isSpecialName(upper) && !(spec.names ?? []).includes(upper)) {
        if (upper === 'L' && !isDom && !isDow) {
          fail(
            problem(
              'cron.wildcard-placement',
              `\`L\` (last) is only allowed in day-of-month or day-of-week, not in ${spec.label}.`,
              tok.start,
              tok.end,
            ),
          );
          bad = true;
        } else if ((upper === 'W' || upper === 'LW') && !isDom) {
          fail(
            problem(
              'cron.wildcard-placement',
              `\`W\` (nearest weekday) is only allowed in day-of-month, not in ${spec.label}.`,
              tok.start,
              tok.end,
            ),
          );
          bad = true;
        }
      }
    }
    if (bad) continue;

    const seq = tokens
      .map((t) => (t.t === 'name' && isSpecialName(t.text.toUpperCase()) ? t.text.toUpperCase() : t.t))
      .join(' ');
    const special = (t: Token): void => {
      if (t.text !== t.text.toUpperCase()) {
        out.add(
          problem(
            'cron.names-case',
            `Write \`${t.text.toUpperCase()}\` in uppercase, as AWS's documentation does.`,
            t.start,
            t.end,
            [replaceFix(`Change to \`${t.text.toUpperCase()}\``, t.start, t.end, t.text.toUpperCase())],
          ),
        );
      }
    };
    const soleSpecial = (what: string): boolean => {
      if (single) return true;
      fail(
        problem(
          'cron.wildcard-placement',
          `\`${what}\` must be the only entry in ${spec.label}; it can't be combined with other values in a list (\`${text}\`).`,
          raw.start,
          rawEnd,
        ),
      );
      return false;
    };
    const value = (t: Token): number | undefined => readValue(spec, t, out, result);
    const step = (t: Token): number | undefined => {
      const n = Number(t.text);
      if (n < 1 || n > spec.maxStep) {
        fail(
          problem(
            'cron.ranges',
            `The increment \`/${t.text}\` is out of range; in ${spec.label} it must be 1–${spec.maxStep}.`,
            t.start,
            t.end,
          ),
        );
        return undefined;
      }
      return n;
    };

    if (seq === '?') {
      if (soleSpecial('?')) result.items.push({ kind: 'question' });
      continue;
    }
    if (seq === '*') {
      result.items.push({ kind: 'all' });
      continue;
    }
    if (seq === '* / num') {
      const s = step(tokens[2]!);
      if (s !== undefined) result.items.push({ kind: 'all', step: s });
      continue;
    }
    if (isDom && seq === 'L') {
      special(tokens[0]!);
      if (soleSpecial('L')) result.items.push({ kind: 'last' });
      continue;
    }
    if (isDom && seq === 'LW') {
      special(tokens[0]!);
      if (soleSpecial('LW')) result.items.push({ kind: 'lastWeekday' });
      continue;
    }
    if (isDom && seq === 'num W') {
      special(tokens[1]!);
      const d = value(tokens[0]!);
      if (d !== undefined && soleSpecial(raw.text)) result.items.push({ kind: 'nearestWeekday', day: d });
      continue;
    }
    if (isDom && /^L - num$/.test(seq)) {
      fail(
        problem(
          'cron.wildcard-placement',
          `\`${raw.text}\` (an offset from the last day) is not in AWS's cron syntax; day-of-month allows \`L\`, \`LW\` and \`nW\`. Use \`L\` for the last day, or name the days.`,
          raw.start,
          rawEnd,
        ),
      );
      continue;
    }
    if (isDow && seq === 'L') {
      special(tokens[0]!);
      // `L` alone in day-of-week is the last day of the week: Saturday.
      if (soleSpecial('L')) result.items.push({ kind: 'range', from: 7, to: 7 });
      continue;
    }
    if (isDow && (seq === 'num L' || seq === 'name L')) {
      special(tokens[1]!);
      const d = value(tokens[0]!);
      if (d !== undefined && soleSpecial(raw.text)) result.items.push({ kind: 'lastDow', day: d });
      continue;
    }
    if (isDow && (seq === 'num # num' || seq === 'name # num')) {
      const d = value(tokens[0]!);
      const nthTok = tokens[2]!;
      const nth = Number(nthTok.text);
      if (nth < 1 || nth > 5) {
        fail(
          problem(
            'cron.ranges',
            `\`#${nthTok.text}\` is out of range: after \`#\` comes which week of the month, 1–5 (\`2#1\` = the first Monday).`,
            nthTok.start,
            nthTok.end,
          ),
        );
        continue;
      }
      if (d !== undefined && hashCount <= 1 && single) result.items.push({ kind: 'nth', day: d, nth });
      continue;
    }
    const m = /^(num|name)(?: - (num|name))?(?: \/ (num))?$/.exec(seq);
    if (m) {
      const fromTok = tokens[0]!;
      const toTok = m[2] ? tokens[2] : undefined;
      const stepTok = m[3] ? tokens[tokens.length - 1] : undefined;
      const from = value(fromTok);
      const to = toTok ? value(toTok) : undefined;
      const s = stepTok ? step(stepTok) : undefined;
      if (from === undefined || (toTok && to === undefined) || (stepTok && s === undefined)) continue;
      if (to === undefined) {
        result.items.push(stepTok ? { kind: 'range', from, step: s! } : { kind: 'range', from, to: from });
        continue;
      }
      const item: Item = { kind: 'range', from, to, ...(s !== undefined ? { step: s } : {}) };
      if (from > to) {
        item.reversed = true;
        const fixes: Fix[] = [];
        if (spec.cyclic && !stepTok) {
          const head = from === spec.max ? fromTok.text : `${fromTok.text}-${render(spec, spec.max, toTok!)}`;
          const tail = to === spec.min ? toTok!.text : `${render(spec, spec.min, fromTok)}-${toTok!.text}`;
          fixes.push(replaceFix(`Split into \`${head},${tail}\``, raw.start, rawEnd, `${head},${tail}`));
        }
        out.add(
          problem(
            'cron.range-order',
            spec.cyclic
              ? `The range \`${raw.text}\` runs backwards; AWS may read it as wrapping around or reject it. Write it as two ascending ranges${fixes.length ? ` (\`${fixes[0]!.edits[0]!.newText}\`)` : ''}, or swap the ends if you meant \`${toTok!.text}-${fromTok.text}\`.`
              : `The range \`${raw.text}\` runs backwards, so it matches no ${spec.label}; swap the ends: \`${toTok!.text}-${fromTok.text}\`.`,
            raw.start,
            rawEnd,
            fixes,
          ),
        );
      }
      if (!spec.cyclic && item.reversed) result.items.push({ kind: 'range', from: 1, to: 0 });
      else result.items.push(item);
      continue;
    }
    fail(
      problem(
        'cron.ranges',
        `Can't read \`${raw.text}\` as ${spec.label}: use a value (${rangeText(spec)}), a range \`a-b\`, an increment \`a/n\` or \`*/n\`${extraWildcards(spec)}.`,
        raw.start,
        rawEnd,
      ),
    );
  }
  return result;
}

/** Quartz also reads `FRIL` as `6L`; split such a token into the day name and `L`. */
function splitNameL(tokens: Token[]): void {
  const i = tokens.findIndex(
    (t) =>
      t.t === 'name' &&
      t.text.length === 4 &&
      /l$/i.test(t.text) &&
      (DAY_NAMES as readonly string[]).includes(t.text.slice(0, 3).toUpperCase()),
  );
  if (i < 0) return;
  const t = tokens[i]!;
  tokens.splice(
    i,
    1,
    { t: 'name', text: t.text.slice(0, 3), start: t.start, end: t.start + 3 },
    { t: 'name', text: t.text.slice(3), start: t.start + 3, end: t.end },
  );
}

function extraWildcards(spec: FieldSpec): string {
  if (spec.key === 'dayOfMonth') return ', `?`, `L`, `LW` or `nW`';
  if (spec.key === 'dayOfWeek') return ', `?`, `L`, `nL` or `d#n`';
  return '';
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Renders a boundary value in the same style (name or number) as `like`. */
function render(spec: FieldSpec, value: number, like: Token): string {
  if (like.t === 'name' && spec.names) {
    const name = spec.names[value - spec.min]!;
    return like.text === like.text.toLowerCase() ? name.toLowerCase() : name;
  }
  return String(value);
}

function readValue(spec: FieldSpec, t: Token, out: Collector, result: FieldResult): number | undefined {
  const fail = (p: ScheduleProblem): undefined => {
    out.add(p);
    result.ok = false;
    return undefined;
  };
  if (t.t === 'num') {
    const n = Number(t.text);
    if (spec.key === 'dayOfWeek' && n === 0) {
      result.zeroDays.push(t);
      return fail(
        problem(
          'cron.ranges',
          "Day-of-week `0` is out of range: AWS numbers the days 1 = Sunday … 7 = Saturday; Unix's 0 = Sunday is 1 here.",
          t.start,
          t.end,
        ),
      );
    }
    if (n < spec.min || n > spec.max) {
      const hint = spec.key === 'dayOfWeek' && n > 7 ? '' : spec.key === 'hours' && n === 24 ? ' Midnight is `0`.' : '';
      return fail(
        problem(
          'cron.ranges',
          `${cap(spec.label)} \`${t.text}\` is out of range; ${spec.label} takes ${rangeText(spec)}.${hint}`,
          t.start,
          t.end,
        ),
      );
    }
    if (spec.key === 'dayOfWeek') result.dayNumbers.push(t);
    return n;
  }
  const upper = t.text.toUpperCase();
  const index = spec.names ? spec.names.indexOf(upper) : -1;
  if (index < 0) {
    let hint = '';
    if (spec.key === 'month' && (DAY_NAMES as readonly string[]).includes(upper)) {
      hint = ` \`${upper}\` is a day of the week, which belongs in day-of-week (the 5th field).`;
    } else if (spec.key === 'dayOfWeek' && (MONTH_NAMES as readonly string[]).includes(upper)) {
      hint = ` \`${upper}\` is a month, which belongs in month (the 4th field).`;
    } else if (spec.names) {
      const guess = spec.names.find((n) => n.startsWith(upper.slice(0, 3)) && upper.length > 3);
      if (guess) hint = ` Use the three-letter name \`${guess}\`.`;
    }
    return fail(
      problem(
        'cron.ranges',
        spec.names
          ? `\`${t.text}\` is not a ${spec.label} name; ${spec.label} takes ${rangeText(spec)}.${hint}`
          : `\`${t.text}\` is not a valid ${spec.label} value; ${spec.label} takes ${rangeText(spec)}.`,
        t.start,
        t.end,
      ),
    );
  }
  if (t.text !== upper) {
    out.add(
      problem('cron.names-case', `Write \`${upper}\` in uppercase, as AWS's documentation does.`, t.start, t.end, [
        replaceFix(`Change to \`${upper}\``, t.start, t.end, upper),
      ]),
    );
  }
  return spec.min + index;
}

function expand(spec: FieldSpec, items: readonly Item[]): number[] {
  // A flag per value rather than a Set and a sort: the year field alone has 230 values, and
  // the rules parse every action's schedule on each validation.
  const span = spec.max - spec.min + 1;
  const allowed = new Uint8Array(span);
  for (const item of items) {
    if (item.kind === 'all') {
      for (let v = spec.min; v <= spec.max; v += item.step ?? 1) allowed[v - spec.min] = 1;
    } else if (item.kind === 'range') {
      const step = item.step ?? 1;
      const to = item.to ?? spec.max;
      const end = to < item.from ? (spec.cyclic ? to + span : item.from - 1) : to;
      for (let v = item.from; v <= end; v += step) allowed[(v - spec.min) % span] = 1;
    }
  }
  const values: number[] = [];
  for (let i = 0; i < span; i++) if (allowed[i]) values.push(spec.min + i);
  return values;
}

function toField(spec: FieldSpec, text: string, start: number, items: readonly Item[]): CronField {
  const any = text === '*' || text === '?';
  const values = any ? expand(spec, [{ kind: 'all' }]) : expand(spec, items);
  return { text, start, end: start + text.length, values, any };
}

function domSpec(items: readonly Item[], field: CronField): DayOfMonthSpec {
  const first = items[0];
  if (!first || first.kind === 'question' || field.text === '*') return { kind: 'any' };
  if (first.kind === 'last') return { kind: 'last' };
  if (first.kind === 'lastWeekday') return { kind: 'lastWeekday' };
  if (first.kind === 'nearestWeekday') return { kind: 'nearestWeekday', day: first.day };
  return { kind: 'values', days: field.values };
}

function dowSpec(items: readonly Item[], field: CronField): DayOfWeekSpec {
  const first = items[0];
  if (!first || first.kind === 'question' || field.text === '*') return { kind: 'any' };
  if (first.kind === 'lastDow') return { kind: 'last', day: first.day };
  if (first.kind === 'nth') return { kind: 'nth', day: first.day, nth: first.nth };
  return { kind: 'values', days: field.values };
}

/** The weekday (Mon–Fri) nearest to `day` in the same month, as Quartz's `nW` defines it. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const dow = awsDayOfWeek(year, month, day);
  if (dow === 7) return day > 1 ? day - 1 : day + 2;
  if (dow === 1) return day < last ? day + 1 : day - 2;
  return day;
}

/** Whether the day-of-month, day-of-week and month fields (not the year) allow this date. */
export function cronDayMatches(fields: CronFields, year: number, month: number, day: number): boolean {
  if (!fields.month.values.includes(month)) return false;
  const last = daysInMonth(year, month);
  if (day > last) return false;
  const dom = fields.dayOfMonth;
  switch (dom.kind) {
    case 'any':
      break;
    case 'values':
      if (!dom.days.includes(day)) return false;
      break;
    case 'last':
      if (day !== last) return false;
      break;
    case 'lastWeekday':
      if (day !== nearestWeekday(year, month, last)) return false;
      break;
    case 'nearestWeekday':
      if (dom.day > last || day !== nearestWeekday(year, month, dom.day)) return false;
      break;
  }
  const dowSpecValue = fields.dayOfWeek;
  if (dowSpecValue.kind === 'any') return true;
  const dow = awsDayOfWeek(year, month, day);
  switch (dowSpecValue.kind) {
    case 'values':
      return dowSpecValue.days.includes(dow);
    case 'last':
      return dow === dowSpecValue.day && day + 7 > last;
    case 'nth':
      return dow === dowSpecValue.day && Math.ceil(day / 7) === dowSpecValue.nth;
  }
}

/** Whether the cron expression fires at this wall-clock minute (seconds are ignored). */
export function matchesCron(fields: CronFields, t: LocalDateTime): boolean {
  return (
    fields.year.values.includes(t.year) &&
    fields.hours.values.includes(t.hour) &&
    fields.minutes.values.includes(t.minute) &&
    cronDayMatches(fields, t.year, t.month, t.day)
  );
}

/** The first date from year `fromYear` on (inclusive) that the day, month and year fields allow. */
export function firstMatchingDay(
  fields: CronFields,
  fromYear = 1970,
  ignoreYear = false,
): { year: number; month: number; day: number } | undefined {
  for (let year = fromYear; year <= 2199; year++) {
    if (!ignoreYear && !fields.year.values.includes(year)) continue;
    for (const month of fields.month.values) {
      const last = daysInMonth(year, month);
      for (let day = 1; day <= last; day++) if (cronDayMatches(fields, year, month, day)) return { year, month, day };
    }
  }
  return undefined;
}

/** Static `cron.never-fires`: no date in 1970–2199 matches. Needs no clock. */
export function staticNeverFires(fields: CronFields): ScheduleProblem | undefined {
  if (firstMatchingDay(fields)) return undefined;
  const { dayOfMonthField: dom, month, dayOfWeekField: dow, year } = fields;
  if (firstMatchingDay(fields, 1970, true)) {
    return problem(
      'cron.never-fires',
      `No date in year \`${year.text}\` matches the day and month fields, so this schedule never runs. Widen the year field (\`*\` for every year).`,
      year.start,
      year.end,
    );
  }
  const dayField = dom.text !== '?' ? dom : dow;
  const start = Math.min(dayField.start, month.start);
  const end = Math.max(dayField.end, month.end);
  const message =
    dayField === dom
      ? `Day-of-month \`${dom.text}\` never occurs in month \`${month.text}\`, so this schedule never runs. Pick a day that exists in that month, or \`L\` for the last day.`
      : `Day-of-week \`${dow.text}\` never occurs in month \`${month.text}\`, so this schedule never runs.`;
  return problem('cron.never-fires', message, start, end);
}

const UNIX_DOW = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** Unix day-of-week numbers (0/7 = Sunday) as AWS names; leaves anything that is not all-numeric alone. */
function unixDowToNames(text: string): string {
  if (!/^[0-7]+(-[0-7]+)?(,[0-7]+(-[0-7]+)?)*$/.test(text)) return text;
  return text
    .split(',')
    .map((part) => {
      const [a, b] = part.split('-').map(Number) as [number, number | undefined];
      if (b === undefined) return UNIX_DOW[a]!;
      if (a === 0 && b >= 6) return 'SUN-SAT';
      if (b === 7) return a === 6 ? 'SAT,SUN' : `${UNIX_DOW[a]}-SAT,SUN`;
      return `${UNIX_DOW[a]}-${UNIX_DOW[b]}`;
    })
    .join(',');
}

/** The AWS 6-field form of a 5-field (Unix crontab) expression's fields. */
export function sixFieldForm(fields: readonly string[]): string {
  const [min, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (dom === '?' || dow === '?') return `${min} ${hour} ${dom} ${month} ${dow} *`;
  if (dow !== '*') return `${min} ${hour} ? ${month} ${unixDowToNames(dow)} *`;
  return `${min} ${hour} ${dom} ${month} ? *`;
}

/** Whether a 5-field form is plainly Unix-style (a numeric day-of-week that the 6-field fix turned into names). */
function convertsDays(fields: readonly string[]): boolean {
  const dow = fields[4]!;
  return dow !== '*' && dow !== '?' && fields[2] !== '?' && unixDowToNames(dow) !== dow;
}

export interface CronParse {
  fields?: CronFields;
  problems: ScheduleProblem[];
}

/**
 * Parses the text inside `cron(...)`. `offset` is where that text starts in the expression, `wrap` turns
 * a 6-field body into the full expression for messages (`cron(...)`), and `whole` is the range to blame
 * when there is nothing inside the parentheses.
 */
export function parseCronBody(body: string, offset: number, whole: { start: number; end: number }): CronParse {
  const out = new Collector();
  const parts = [...body.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: offset + m.index! }));
  if (parts.length === 0) {
    out.add(
      problem(
        'cron.field-count',
        `The cron expression is empty; AWS cron has ${SIX_FIELDS}, for example \`cron(0 8 * * ? *)\`.`,
        whole.start,
        whole.end,
      ),
    );
    return { problems: out.problems };
  }
  const spanStart = parts[0]!.start;
  const spanEnd = parts[parts.length - 1]!.start + parts[parts.length - 1]!.text.length;
  if (parts.length === 5) {
    const texts = parts.map((p) => p.text);
    const six = sixFieldForm(texts);
    const note = convertsDays(texts) ? ' Unix day numbers (0 = Sunday) become day names.' : '';
    out.add(
      problem(
        'cron.field-count',
        `AWS cron has ${SIX_FIELDS}; did you mean \`cron(${six})\`? This looks like Unix crontab (5 fields): Application Auto Scaling adds a year field and needs \`?\` in one of the day fields.${note}`,
        spanStart,
        spanEnd,
        [replaceFix(`Convert to AWS 6-field cron: \`cron(${six})\``, spanStart, spanEnd, six)],
      ),
    );
    return { problems: out.problems };
  }
  if (parts.length !== 6 && parts.length !== 7) {
    out.add(
      problem(
        'cron.field-count',
        `AWS cron has ${SIX_FIELDS}; this one has ${parts.length}. For example \`cron(0 8 * * ? *)\` runs at 08:00 every day.`,
        spanStart,
        spanEnd,
      ),
    );
    return { problems: out.problems };
  }
  let seconds: CronField | undefined;
  if (parts.length === 7) {
    const sec = parts[0]!;
    const secEnd = sec.start + sec.text.length;
    out.add(
      problem(
        'cron.seven-fields',
        `This cron has 7 fields, the first being seconds (\`${sec.text}\`). AWS accepts it as an exception, but second precision is not guaranteed and some consoles can't show it; drop the seconds field.`,
        sec.start,
        secEnd,
        [replaceFix('Remove the seconds field', sec.start, parts[1]!.start, '')],
      ),
    );
    const r = parseField(SPECS.seconds, sec.text, sec.start, out);
    seconds = toField(SPECS.seconds, sec.text, sec.start, r.items);
    parts.shift();
  }
  const results = FIELD_ORDER.map((key, i) => parseField(SPECS[key], parts[i]!.text, parts[i]!.start, out));
  const [minP, , domP, , dowP] = parts as [
    (typeof parts)[0],
    (typeof parts)[0],
    (typeof parts)[0],
    (typeof parts)[0],
    (typeof parts)[0],
    (typeof parts)[0],
  ];
  const domEnd = domP.start + domP.text.length;
  const dowEnd = dowP.start + dowP.text.length;
  const wrapAll = (dom: string, dow: string): string => {
    const t = parts.map((p) => p.text);
    t[2] = dom;
    t[4] = dow;
    return `cron(${t.join(' ')})`;
  };

  // Exactly one of day-of-month and day-of-week is `?`.
  const domQ = domP.text === '?';
  const dowQ = dowP.text === '?';
  if (domQ && dowQ) {
    out.add(
      problem(
        'cron.both-question',
        `Day-of-month and day-of-week are both \`?\`; exactly one of them must be \`?\`. For every day write \`${wrapAll('*', '?')}\`.`,
        domP.start,
        domEnd,
        [replaceFix('Set day-of-month to `*`', domP.start, domEnd, '*')],
      ),
    );
  } else if (!domQ && !dowQ) {
    const dowRestricted = dowP.text !== '*';
    const target = dowRestricted ? domP : dowP;
    const targetEnd = dowRestricted ? domEnd : dowEnd;
    const fixed = dowRestricted ? wrapAll('?', dowP.text) : wrapAll(domP.text, '?');
    const both =
      dowRestricted && domP.text !== '*'
        ? ` AWS can't combine a day of the month with a day of the week; this drops day-of-month \`${domP.text}\`.`
        : '';
    out.add(
      problem(
        'cron.dom-dow-question',
        `Day-of-month \`${domP.text}\` and day-of-week \`${dowP.text}\` are both set; AWS needs \`?\` in exactly one of them (its own error for this, such as "Invalid Month value", is misleading). Write \`${fixed}\`.${both}`,
        target.start,
        targetEnd,
        [replaceFix(`Set ${dowRestricted ? 'day-of-month' : 'day-of-week'} to \`?\``, target.start, targetEnd, '?')],
      ),
    );
  }

  // Day-of-week numbers: a 0 is an error above; otherwise say which days the numbers mean.
  const dow = results[4]!;
  const zeros = out.problems.filter(
    (p) => p.code === 'cron.ranges' && dow.zeroDays.some((z) => z.start === p.start && z.end === p.end),
  );
  if (zeros.length > 0) {
    if (/^[0-6]+(-[0-6]+)?(,[0-6]+(-[0-6]+)?)*$/.test(dowP.text)) {
      // Unix counts from 0 = Sunday; written as day names the fix needs no explaining, and
      // it does not lead into the day-numbering hint a number would get.
      const mapped = dowP.text.replace(/\d+/g, (d) => DAY_NAMES[Number(d)]!);
      for (const z of zeros)
        z.fixes = [replaceFix(`Use day names (Unix's 0 is Sunday): \`${mapped}\``, dowP.start, dowEnd, mapped)];
    }
  } else if (dow.ok && dow.dayNumbers.length > 0) {
    const meanings = [...new Set(dow.dayNumbers.map((t) => Number(t.text)))]
      .map((n) => `${n} = ${DAY_WORDS[n - 1]}`)
      .join(', ');
    // `6L` keeps its number: that is the form AWS documents.
    const renamable = dow.dayNumbers.filter((t) => !/^l/i.test(dowP.text.slice(t.end - dowP.start)));
    let named = dowP.text;
    for (const t of [...renamable].reverse()) {
      const i = t.start - dowP.start;
      named = named.slice(0, i) + DAY_NAMES[Number(t.text) - 1]! + named.slice(i + t.text.length);
    }
    out.add(
      problem(
        'cron.dow-numbering',
        `Day-of-week numbers count from Sunday: ${meanings} (1 = Sunday … 7 = Saturday; Unix's 0 = Sunday is 1 here).${renamable.length ? ` Day names such as \`${named}\` are clearer.` : ''}`,
        dowP.start,
        dowEnd,
        renamable.length ? [replaceFix(`Use day names: \`${named}\``, dowP.start, dowEnd, named)] : undefined,
      ),
    );
  }

  if (['*', '*/1', '0/1', '0-59', '0-59/1'].includes(minP.text)) {
    const minEnd = minP.start + minP.text.length;
    out.add(
      problem(
        'cron.every-minute',
        `Minutes is \`${minP.text}\`, so this action runs every minute of every matching hour. Put a minute such as \`0\` to run once an hour.`,
        minP.start,
        minEnd,
        [replaceFix('Run at minute 0', minP.start, minEnd, '0')],
      ),
    );
  }

  if (out.errors > 0) return { problems: out.problems };
  const built = FIELD_ORDER.map((key, i) => toField(SPECS[key], parts[i]!.text, parts[i]!.start, results[i]!.items));
  const [minutes, hours, dayOfMonthField, month, dayOfWeekField, year] = built as [
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
  ];
  const fields: CronFields = {
    ...(seconds ? { seconds } : {}),
    minutes,
    hours,
    dayOfMonthField,
    month,
    dayOfWeekField,
    year,
    dayOfMonth: domSpec(results[2]!.items, dayOfMonthField),
    dayOfWeek: dowSpec(results[4]!.items, dayOfWeekField),
  };
  const never = staticNeverFires(fields);
  if (never) out.add(never);
  return { fields, problems: out.problems };
}
