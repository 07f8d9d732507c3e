// The entry point for a Schedule string: tells at/rate/cron apart, checks the wrapper, and hands the text
// inside the parentheses to the parser for that kind.
import { parseAtBody } from './at';
import type { ScheduleCode } from './codes';
import { parseCronBody, sixFieldForm } from './cron';
import { parseRateBody } from './rate';
import { problem, replaceFix, type Schedule, type ScheduleProblem } from './types';

/** AWS's limit on the Schedule string. */
export const MAX_SCHEDULE_LENGTH = 1600;

type Kind = 'at' | 'rate' | 'cron';
const WRAPPER_CODE: Record<Kind, ScheduleCode> = { at: 'at.syntax', rate: 'rate.syntax', cron: 'cron.wrapper' };
const CRON_WORD = /^[0-9A-Za-z*?,/#-]+$/;

export interface ScheduleParse {
  /** Present when the expression has no error (warnings and information may remain). */
  schedule?: Schedule;
  problems: ScheduleProblem[];
}

/** Parses a Schedule (`at(...)`, `rate(...)` or `cron(...)`); problem offsets are relative to `expression`. */
export function parseSchedule(expression: string): ScheduleParse {
  const len = expression.length;
  if (expression.trim() === '') {
    return {
      problems: [
        problem(
          'sched.schedule-required',
          'The schedule is empty; write `at(YYYY-MM-DDThh:mm:ss)`, `rate(5 minutes)` or `cron(0 8 * * ? *)`.',
          0,
          len,
        ),
      ],
    };
  }
  if (len > MAX_SCHEDULE_LENGTH) {
    return {
      problems: [
        problem(
          'sched.schedule-required',
          `The schedule is ${len} characters long; AWS allows at most ${MAX_SCHEDULE_LENGTH}.`,
          0,
          len,
        ),
      ],
    };
  }
  const lead = len - expression.trimStart().length;
  const text = expression.trim();
  const textEnd = lead + text.length;
  const head = /^([A-Za-z]+)(\s*)\(/.exec(text);
  const keyword = head?.[1]!.toLowerCase();
  if (!head || (keyword !== 'at' && keyword !== 'rate' && keyword !== 'cron')) {
    return { problems: [unwrapped(expression, text, lead)] };
  }
  const kind = keyword as Kind;
  const code = WRAPPER_CODE[kind];
  const problems: ScheduleProblem[] = [];
  if (lead > 0 || textEnd < len) {
    const fixes = [
      {
        title: 'Remove the surrounding spaces',
        edits: [
          { start: textEnd, end: len, newText: '' },
          { start: 0, end: lead, newText: '' },
        ].filter((e) => e.end > e.start),
      },
    ];
    problems.push(
      problem(
        code,
        'Remove the spaces around the schedule; AWS expects it to start with the keyword and end with `)`.',
        lead > 0 ? 0 : textEnd,
        lead > 0 ? lead : len,
        fixes,
      ),
    );
  }
  const kwEnd = lead + head[1]!.length;
  if (head[1] !== kind) {
    problems.push(
      problem(code, `Write \`${kind}(\` in lowercase.`, lead, kwEnd, [
        replaceFix(`Write \`${kind}\``, lead, kwEnd, kind),
      ]),
    );
  }
  if (head[2]!.length > 0) {
    problems.push(
      problem(code, `Remove the space between \`${kind}\` and \`(\`.`, kwEnd, kwEnd + head[2]!.length, [
        replaceFix('Remove the space', kwEnd, kwEnd + head[2]!.length, ''),
      ]),
    );
  }
  const bodyStart = lead + head[0].length;
  const close = text.indexOf(')', head[0].length);
  let bodyEnd: number;
  if (close < 0) {
    problems.push(
      problem(code, `The \`${kind}(\` is never closed; add \`)\` at the end.`, lead, textEnd, [
        replaceFix('Add `)`', textEnd, textEnd, ')'),
      ]),
    );
    bodyEnd = textEnd;
  } else {
    bodyEnd = lead + close;
    if (close < text.length - 1) {
      problems.push(
        problem(code, `Remove \`${text.slice(close + 1)}\` after the closing \`)\`.`, bodyEnd + 1, textEnd, [
          replaceFix('Remove the trailing text', bodyEnd + 1, textEnd, ''),
        ]),
      );
    }
  }
  const body = expression.slice(bodyStart, bodyEnd);
  const whole = { start: lead, end: textEnd };
  const range = { start: bodyStart, end: bodyEnd };
  let schedule: Schedule | undefined;
  if (kind === 'at') {
    const r = parseAtBody(body, bodyStart, whole);
    problems.push(...r.problems);
    if (r.local) schedule = { kind: 'at', local: r.local, range };
  } else if (kind === 'rate') {
    const r = parseRateBody(body, bodyStart, whole);
    problems.push(...r.problems);
    if (r.rate) schedule = { kind: 'rate', value: r.rate.value, unit: r.rate.unit, range };
  } else {
    const r = parseCronBody(body, bodyStart, whole);
    problems.push(...r.problems);
    if (r.fields) schedule = { kind: 'cron', fields: r.fields, range };
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return schedule ? { schedule, problems } : { problems };
}

/** The problem for a schedule without a recognised `at(`/`rate(`/`cron(` wrapper, with a fix where the intent is clear. */
function unwrapped(expression: string, text: string, lead: number): ScheduleProblem {
  const start = 0;
  const end = expression.length;
  const words = text.split(/\s+/);
  const first = words[0]!.toLowerCase();
  const suggest = (message: string, replacement: string, title: string): ScheduleProblem =>
    problem('sched.schedule-required', message, start, end, [replaceFix(title, start, end, replacement)]);

  if ((first === 'at' || first === 'rate' || first === 'cron') && words.length > 1) {
    const rest = text.slice(words[0]!.length).trim();
    const inner = first === 'cron' && words.length === 6 ? sixFieldForm(words.slice(1)) : rest;
    const fixed = `${first}(${inner})`;
    return problem(
      WRAPPER_CODE[first as Kind],
      `Put the ${first} expression in parentheses: \`${fixed}\`.`,
      lead,
      lead + text.length,
      [replaceFix(`Write \`${fixed}\``, start, end, fixed)],
    );
  }
  if (
    words.length >= 5 &&
    words.length <= 7 &&
    words.every((w) => CRON_WORD.test(w)) &&
    words.some((w) => /[\d*]/.test(w))
  ) {
    const inner = words.length === 5 ? sixFieldForm(words) : words.join(' ');
    const fixed = `cron(${inner})`;
    const why =
      words.length === 5
        ? ' This is a 5-field Unix crontab line; AWS cron has 6 fields (minutes hours day-of-month month day-of-week year) and needs `?` in one day field.'
        : '';
    return suggest(
      `A bare cron expression is not a schedule AWS accepts; wrap it in \`cron(...)\`: \`${fixed}\`.${why}`,
      fixed,
      `Write \`${fixed}\``,
    );
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text)) {
    return suggest(`A one-off time is written \`at(${text})\`.`, `at(${text})`, `Write \`at(${text})\``);
  }
  const rate = /^(\d+)\s+(minutes?|hours?|days?)$/i.exec(text);
  if (rate) {
    return suggest(
      `An interval is written \`rate(${rate[1]} ${rate[2]})\`.`,
      `rate(${rate[1]} ${rate[2]})`,
      `Write \`rate(${rate[1]} ${rate[2]})\``,
    );
  }
  return problem(
    'sched.schedule-required',
    `\`${text.length > 40 ? `${text.slice(0, 40)}…` : text}\` is not a schedule AWS understands; write \`at(YYYY-MM-DDThh:mm:ss)\`, \`rate(5 minutes)\` or \`cron(0 8 * * ? *)\`.`,
    start,
    end,
  );
}
