import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../core/finding';
import { parseSchedule, type ScheduleProblem } from '../../core/schedule';

interface Failing {
  expr: string;
  code: string;
  severity: Severity;
  /** Exact [start, end) of the problem inside the expression. */
  at: [number, number];
  /** The text at that range, for readability. */
  text: string;
  /** Words the message must contain. */
  says?: string[];
  /** The expression after applying the problem's first fix. */
  fixed?: string;
}

const FAILING: Failing[] = [
  // sched.schedule-required
  { expr: '', code: 'sched.schedule-required', severity: 'error', at: [0, 0], text: '' },
  { expr: 'every 5 minutes', code: 'sched.schedule-required', severity: 'error', at: [0, 15], text: 'every 5 minutes' },
  {
    expr: '0 9 * * 1-5',
    code: 'sched.schedule-required',
    severity: 'error',
    at: [0, 11],
    text: '0 9 * * 1-5',
    says: ['cron('],
    fixed: 'cron(0 9 ? * MON-FRI *)',
  },
  {
    expr: '0 8 * * ? *',
    code: 'sched.schedule-required',
    severity: 'error',
    at: [0, 11],
    text: '0 8 * * ? *',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'x'.repeat(1601),
    code: 'sched.schedule-required',
    severity: 'error',
    at: [0, 1601],
    text: 'x'.repeat(1601),
    says: ['1600'],
  },
  // cron.wrapper
  {
    expr: 'cron(0 8 * * ? *',
    code: 'cron.wrapper',
    severity: 'error',
    at: [0, 16],
    text: 'cron(0 8 * * ? *',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'Cron(0 8 * * ? *)',
    code: 'cron.wrapper',
    severity: 'error',
    at: [0, 4],
    text: 'Cron',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'cron (0 8 * * ? *)',
    code: 'cron.wrapper',
    severity: 'error',
    at: [4, 5],
    text: ' ',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'cron(0 8 * * ? *);',
    code: 'cron.wrapper',
    severity: 'error',
    at: [17, 18],
    text: ';',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: ' cron(0 8 * * ? *)',
    code: 'cron.wrapper',
    severity: 'error',
    at: [0, 1],
    text: ' ',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'cron 0 8 * * ? *',
    code: 'cron.wrapper',
    severity: 'error',
    at: [0, 16],
    text: 'cron 0 8 * * ? *',
    fixed: 'cron(0 8 * * ? *)',
  },
  // cron.field-count
  {
    expr: 'cron(0 8 * * *)',
    code: 'cron.field-count',
    severity: 'error',
    at: [5, 14],
    text: '0 8 * * *',
    says: [
      'AWS cron has 6 fields (minutes hours day-of-month month day-of-week year); did you mean `cron(0 8 * * ? *)`?',
    ],
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'cron(0 9 * * 1-5)',
    code: 'cron.field-count',
    severity: 'error',
    at: [5, 16],
    text: '0 9 * * 1-5',
    says: ['did you mean `cron(0 9 ? * MON-FRI *)`?'],
    fixed: 'cron(0 9 ? * MON-FRI *)',
  },
  {
    expr: 'cron(30 6 1 * *)',
    code: 'cron.field-count',
    severity: 'error',
    at: [5, 15],
    text: '30 6 1 * *',
    fixed: 'cron(30 6 1 * ? *)',
  },
  {
    expr: 'cron(0 8 ? * MON)',
    code: 'cron.field-count',
    severity: 'error',
    at: [5, 16],
    text: '0 8 ? * MON',
    fixed: 'cron(0 8 ? * MON *)',
  },
  {
    expr: 'cron(0 8 *)',
    code: 'cron.field-count',
    severity: 'error',
    at: [5, 10],
    text: '0 8 *',
    says: ['this one has 3'],
  },
  { expr: 'cron()', code: 'cron.field-count', severity: 'error', at: [0, 6], text: 'cron()' },
  // cron.seven-fields
  {
    expr: 'cron(0 0 8 * * ? *)',
    code: 'cron.seven-fields',
    severity: 'warning',
    at: [5, 6],
    text: '0',
    fixed: 'cron(0 8 * * ? *)',
  },
  // cron.dom-dow-question
  {
    expr: 'cron(0 16 * * MON-FRI *)',
    code: 'cron.dom-dow-question',
    severity: 'error',
    at: [10, 11],
    text: '*',
    says: ['`cron(0 16 ? * MON-FRI *)`', 'Invalid Month value'],
    fixed: 'cron(0 16 ? * MON-FRI *)',
  },
  {
    expr: 'cron(0 8 * * * *)',
    code: 'cron.dom-dow-question',
    severity: 'error',
    at: [13, 14],
    text: '*',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'cron(0 8 1 * MON *)',
    code: 'cron.dom-dow-question',
    severity: 'error',
    at: [9, 10],
    text: '1',
    says: ['drops day-of-month `1`'],
    fixed: 'cron(0 8 ? * MON *)',
  },
  {
    expr: 'cron(0 8 15 * * *)',
    code: 'cron.dom-dow-question',
    severity: 'error',
    at: [14, 15],
    text: '*',
    fixed: 'cron(0 8 15 * ? *)',
  },
  // cron.both-question
  {
    expr: 'cron(0 8 ? * ? *)',
    code: 'cron.both-question',
    severity: 'error',
    at: [9, 10],
    text: '?',
    fixed: 'cron(0 8 * * ? *)',
  },
  // cron.wildcard-placement
  {
    expr: 'cron(? 8 * * ? *)',
    code: 'cron.wildcard-placement',
    severity: 'error',
    at: [5, 6],
    text: '?',
    fixed: 'cron(* 8 * * ? *)',
  },
  { expr: 'cron(0 8 ? * 2W *)', code: 'cron.wildcard-placement', severity: 'error', at: [14, 15], text: 'W' },
  { expr: 'cron(0 L * * ? *)', code: 'cron.wildcard-placement', severity: 'error', at: [7, 8], text: 'L' },
  { expr: 'cron(0 8 1#2 * ? *)', code: 'cron.wildcard-placement', severity: 'error', at: [10, 11], text: '#' },
  { expr: 'cron(0 8 ? * MON/2 *)', code: 'cron.wildcard-placement', severity: 'error', at: [16, 17], text: '/' },
  { expr: 'cron(0 8 L-3 * ? *)', code: 'cron.wildcard-placement', severity: 'error', at: [9, 12], text: 'L-3' },
  { expr: 'cron(0 8 L,15 * ? *)', code: 'cron.wildcard-placement', severity: 'error', at: [9, 10], text: 'L' },
  { expr: 'cron(0 8 ? * 6L,2 *)', code: 'cron.wildcard-placement', severity: 'error', at: [13, 15], text: '6L' },
  // cron.hash-single
  { expr: 'cron(0 8 ? * 3#1,6#3 *)', code: 'cron.hash-single', severity: 'error', at: [13, 20], text: '3#1,6#3' },
  // cron.ranges
  { expr: 'cron(60 8 * * ? *)', code: 'cron.ranges', severity: 'error', at: [5, 7], text: '60', says: ['0–59'] },
  {
    expr: 'cron(0 24 * * ? *)',
    code: 'cron.ranges',
    severity: 'error',
    at: [7, 9],
    text: '24',
    says: ['Midnight is `0`'],
  },
  { expr: 'cron(0 8 32 * ? *)', code: 'cron.ranges', severity: 'error', at: [9, 11], text: '32' },
  { expr: 'cron(0 8 * 13 ? *)', code: 'cron.ranges', severity: 'error', at: [11, 13], text: '13' },
  {
    expr: 'cron(0 8 * JANUARY ? *)',
    code: 'cron.ranges',
    severity: 'error',
    at: [11, 18],
    text: 'JANUARY',
    says: ['`JAN`'],
  },
  {
    expr: 'cron(0 8 * MON ? *)',
    code: 'cron.ranges',
    severity: 'error',
    at: [11, 14],
    text: 'MON',
    says: ['day-of-week (the 5th field)'],
  },
  { expr: 'cron(0 8 ? * 8 *)', code: 'cron.ranges', severity: 'error', at: [13, 14], text: '8' },
  { expr: 'cron(0 8 * * ? 1969)', code: 'cron.ranges', severity: 'error', at: [15, 19], text: '1969' },
  { expr: 'cron(0 8 * * ? 2200)', code: 'cron.ranges', severity: 'error', at: [15, 19], text: '2200' },
  { expr: 'cron(*/0 8 * * ? *)', code: 'cron.ranges', severity: 'error', at: [7, 8], text: '0', says: ['increment'] },
  { expr: 'cron(0 8 ? * 2#6 *)', code: 'cron.ranges', severity: 'error', at: [15, 16], text: '6' },
  { expr: 'cron(0 8 1,,15 * ? *)', code: 'cron.ranges', severity: 'error', at: [9, 14], text: '1,,15' },
  { expr: 'cron(0 8 1-x * ? *)', code: 'cron.ranges', severity: 'error', at: [11, 12], text: 'x' },
  { expr: 'cron(0 8 1.5 * ? *)', code: 'cron.ranges', severity: 'error', at: [10, 11], text: '.' },
  // day-of-week 0: an error under cron.ranges, explained with the numbering, with a Unix → AWS fix in day names
  {
    expr: 'cron(0 8 ? * 0 *)',
    code: 'cron.ranges',
    severity: 'error',
    at: [13, 14],
    text: '0',
    says: ["1 = Sunday … 7 = Saturday; Unix's 0 = Sunday is 1 here"],
    fixed: 'cron(0 8 ? * SUN *)',
  },
  {
    expr: 'cron(0 8 ? * 0,6 *)',
    code: 'cron.ranges',
    severity: 'error',
    at: [13, 14],
    text: '0',
    fixed: 'cron(0 8 ? * SUN,SAT *)',
  },
  {
    expr: 'cron(0 8 ? * 0-4 *)',
    code: 'cron.ranges',
    severity: 'error',
    at: [13, 14],
    text: '0',
    fixed: 'cron(0 8 ? * SUN-THU *)',
  },
  // cron.range-order
  {
    expr: 'cron(0 8 ? * FRI-MON *)',
    code: 'cron.range-order',
    severity: 'warning',
    at: [13, 20],
    text: 'FRI-MON',
    fixed: 'cron(0 8 ? * FRI-SAT,SUN-MON *)',
  },
  {
    expr: 'cron(0 22-2 * * ? *)',
    code: 'cron.range-order',
    severity: 'warning',
    at: [7, 11],
    text: '22-2',
    fixed: 'cron(0 22-23,0-2 * * ? *)',
  },
  // cron.names-case
  {
    expr: 'cron(0 8 ? * mon *)',
    code: 'cron.names-case',
    severity: 'warning',
    at: [13, 16],
    text: 'mon',
    fixed: 'cron(0 8 ? * MON *)',
  },
  {
    expr: 'cron(0 8 1 Jan ? *)',
    code: 'cron.names-case',
    severity: 'warning',
    at: [11, 14],
    text: 'Jan',
    fixed: 'cron(0 8 1 JAN ? *)',
  },
  {
    expr: 'cron(0 8 l * ? *)',
    code: 'cron.names-case',
    severity: 'warning',
    at: [9, 10],
    text: 'l',
    fixed: 'cron(0 8 L * ? *)',
  },
  // cron.dow-numbering
  {
    expr: 'cron(0 8 ? * 2 *)',
    code: 'cron.dow-numbering',
    severity: 'information',
    at: [13, 14],
    text: '2',
    says: ['2 = Monday'],
    fixed: 'cron(0 8 ? * MON *)',
  },
  {
    expr: 'cron(0 8 ? * 2-6 *)',
    code: 'cron.dow-numbering',
    severity: 'information',
    at: [13, 16],
    text: '2-6',
    says: ['2 = Monday, 6 = Friday'],
    fixed: 'cron(0 8 ? * MON-FRI *)',
  },
  {
    expr: 'cron(0 12 ? * 6#3 *)',
    code: 'cron.dow-numbering',
    severity: 'information',
    at: [14, 17],
    text: '6#3',
    fixed: 'cron(0 12 ? * FRI#3 *)',
  },
  // cron.every-minute
  {
    expr: 'cron(* 8 * * ? *)',
    code: 'cron.every-minute',
    severity: 'warning',
    at: [5, 6],
    text: '*',
    fixed: 'cron(0 8 * * ? *)',
  },
  {
    expr: 'cron(0/1 8 * * ? *)',
    code: 'cron.every-minute',
    severity: 'warning',
    at: [5, 8],
    text: '0/1',
    fixed: 'cron(0 8 * * ? *)',
  },
  // cron.never-fires (static: no clock needed)
  { expr: 'cron(0 0 30 2 ? *)', code: 'cron.never-fires', severity: 'warning', at: [9, 13], text: '30 2' },
  { expr: 'cron(0 0 31 APR,JUN ? *)', code: 'cron.never-fires', severity: 'warning', at: [9, 19], text: '31 APR,JUN' },
  { expr: 'cron(0 0 29 2 ? 2027)', code: 'cron.never-fires', severity: 'warning', at: [16, 20], text: '2027' },
  {
    expr: 'cron(0 0 ? * MON 2027-2026)',
    code: 'cron.never-fires',
    severity: 'warning',
    at: [17, 26],
    text: '2027-2026',
  },
  // at.syntax
  {
    expr: 'at(2026-12-24T18:00:00Z)',
    code: 'at.syntax',
    severity: 'error',
    at: [22, 23],
    text: 'Z',
    fixed: 'at(2026-12-24T18:00:00)',
  },
  {
    expr: 'at(2026-12-24T18:00:00+01:00)',
    code: 'at.syntax',
    severity: 'error',
    at: [22, 28],
    text: '+01:00',
    says: ['Timezone'],
  },
  {
    expr: 'at(2026-12-24T18:00:00.000)',
    code: 'at.syntax',
    severity: 'error',
    at: [22, 26],
    text: '.000',
    fixed: 'at(2026-12-24T18:00:00)',
  },
  {
    expr: 'at(2026-12-24 18:00:00)',
    code: 'at.syntax',
    severity: 'error',
    at: [13, 14],
    text: ' ',
    fixed: 'at(2026-12-24T18:00:00)',
  },
  {
    expr: 'at(2026-12-24T18:00)',
    code: 'at.syntax',
    severity: 'error',
    at: [13, 19],
    text: 'T18:00',
    fixed: 'at(2026-12-24T18:00:00)',
  },
  {
    expr: 'at(2026-12-24)',
    code: 'at.syntax',
    severity: 'error',
    at: [3, 13],
    text: '2026-12-24',
    fixed: 'at(2026-12-24T00:00:00)',
  },
  {
    expr: 'at(2026-2-24T18:00:00)',
    code: 'at.syntax',
    severity: 'error',
    at: [8, 9],
    text: '2',
    fixed: 'at(2026-02-24T18:00:00)',
  },
  {
    expr: 'at(2026-02-30T18:00:00)',
    code: 'at.syntax',
    severity: 'error',
    at: [11, 13],
    text: '30',
    says: ['28 days'],
  },
  { expr: 'at(2026-13-01T18:00:00)', code: 'at.syntax', severity: 'error', at: [8, 10], text: '13' },
  { expr: 'at(2026-12-24T24:00:00)', code: 'at.syntax', severity: 'error', at: [14, 16], text: '24' },
  { expr: 'at(tomorrow)', code: 'at.syntax', severity: 'error', at: [3, 11], text: 'tomorrow' },
  { expr: 'at()', code: 'at.syntax', severity: 'error', at: [0, 4], text: 'at()' },
  // rate.syntax
  {
    expr: 'rate(30 seconds)',
    code: 'rate.syntax',
    severity: 'error',
    at: [8, 15],
    text: 'seconds',
    says: ['1 minute'],
  },
  { expr: 'rate(2 weeks)', code: 'rate.syntax', severity: 'error', at: [7, 12], text: 'weeks', fixed: 'rate(14 days)' },
  { expr: 'rate(5 mins)', code: 'rate.syntax', severity: 'error', at: [7, 11], text: 'mins', fixed: 'rate(5 minutes)' },
  {
    expr: 'rate(5 Minutes)',
    code: 'rate.syntax',
    severity: 'error',
    at: [7, 14],
    text: 'Minutes',
    fixed: 'rate(5 minutes)',
  },
  { expr: 'rate(0 minutes)', code: 'rate.syntax', severity: 'error', at: [5, 6], text: '0' },
  { expr: 'rate(-5 minutes)', code: 'rate.syntax', severity: 'error', at: [5, 7], text: '-5' },
  {
    expr: 'rate(1.5 hours)',
    code: 'rate.syntax',
    severity: 'error',
    at: [5, 8],
    text: '1.5',
    says: ['rate(90 minutes)'],
  },
  {
    expr: 'rate(5minutes)',
    code: 'rate.syntax',
    severity: 'error',
    at: [5, 13],
    text: '5minutes',
    fixed: 'rate(5 minutes)',
  },
  { expr: 'rate(5)', code: 'rate.syntax', severity: 'error', at: [5, 6], text: '5' },
  {
    expr: 'rate(5  minutes)',
    code: 'rate.syntax',
    severity: 'error',
    at: [5, 15],
    text: '5  minutes',
    fixed: 'rate(5 minutes)',
  },
  { expr: 'rate(5 minutes please)', code: 'rate.syntax', severity: 'error', at: [15, 21], text: 'please' },
  // rate.plural
  {
    expr: 'rate(1 minutes)',
    code: 'rate.plural',
    severity: 'error',
    at: [7, 14],
    text: 'minutes',
    fixed: 'rate(1 minute)',
  },
  {
    expr: 'rate(5 minute)',
    code: 'rate.plural',
    severity: 'error',
    at: [7, 13],
    text: 'minute',
    fixed: 'rate(5 minutes)',
  },
  { expr: 'rate(1 days)', code: 'rate.plural', severity: 'error', at: [7, 11], text: 'days', fixed: 'rate(1 day)' },
  { expr: 'rate(2 hour)', code: 'rate.plural', severity: 'error', at: [7, 11], text: 'hour', fixed: 'rate(2 hours)' },
];

/** Expressions close to a failing case that must not raise that code. */
const NEAR_MISSES: [string, string][] = [
  ['sched.schedule-required', 'rate(5 minutes)'],
  ['sched.schedule-required', 'cron(0 9 ? * MON-FRI *)'],
  ['cron.wrapper', 'cron(0 8 * * ? *)'],
  ['cron.field-count', 'cron(0 8 * * ? *)'],
  ['cron.field-count', 'cron(0 0 8 * * ? *)'],
  ['cron.seven-fields', 'cron(0 8 * * ? *)'],
  ['cron.dom-dow-question', 'cron(0 16 ? * MON-FRI *)'],
  ['cron.dom-dow-question', 'cron(0 8 1 * ? *)'],
  ['cron.both-question', 'cron(0 8 * * ? *)'],
  ['cron.wildcard-placement', 'cron(0 8 15W * ? *)'],
  ['cron.wildcard-placement', 'cron(0 8 LW * ? *)'],
  ['cron.wildcard-placement', 'cron(0 8 L * ? *)'],
  ['cron.wildcard-placement', 'cron(0 8 ? * 6L *)'],
  ['cron.wildcard-placement', 'cron(0 8 ? * FRIL *)'],
  ['cron.wildcard-placement', 'cron(0 8 ? * L *)'],
  ['cron.wildcard-placement', 'cron(0 8 ? * 2#1 *)'],
  ['cron.wildcard-placement', 'cron(0 8 */2 * ? *)'],
  ['cron.wildcard-placement', 'cron(0 8 ? JUL WED *)'],
  ['cron.hash-single', 'cron(0 8 ? * 3#1 *)'],
  ['cron.ranges', 'cron(59 23 31 12 ? 2199)'],
  ['cron.ranges', 'cron(0 8 ? * 7 1970)'],
  ['cron.ranges', 'cron(5-30/5 */2 1/10 JAN-DEC/3 ? *)'],
  ['cron.ranges', 'cron(0 8 ? * SUN-SAT *)'],
  ['cron.range-order', 'cron(0 8 ? * MON-FRI *)'],
  ['cron.range-order', 'cron(0 8-8 * * ? *)'],
  ['cron.names-case', 'cron(0 8 ? * MON *)'],
  ['cron.dow-numbering', 'cron(0 8 ? * MON *)'],
  ['cron.dow-numbering', 'cron(0 8 1 * ? *)'],
  ['cron.every-minute', 'cron(*/5 8 * * ? *)'],
  ['cron.every-minute', 'cron(0 * * * ? *)'],
  ['cron.never-fires', 'cron(0 0 29 2 ? *)'],
  ['cron.never-fires', 'cron(0 0 29 2 ? 2028)'],
  ['cron.never-fires', 'cron(0 0 31 * ? *)'],
  ['cron.never-fires', 'cron(0 0 ? FEB 2#5 *)'],
  ['at.syntax', 'at(2026-12-24T18:00:00)'],
  ['at.syntax', 'at(2028-02-29T00:00:00)'],
  ['rate.syntax', 'rate(1 day)'],
  ['rate.syntax', 'rate(90 minutes)'],
  ['rate.plural', 'rate(1 hour)'],
  ['rate.plural', 'rate(2 days)'],
];

function applyFix(expr: string, p: ScheduleProblem): string {
  const edits = [...p.fixes![0]!.edits].sort((a, b) => b.start - a.start);
  let out = expr;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('parseSchedule: every problem code fires where it should', () => {
  for (const c of FAILING) {
    it(`${c.code}: ${JSON.stringify(c.expr.length > 40 ? `${c.expr.slice(0, 20)}…` : c.expr)}`, () => {
      const { problems, schedule } = parseSchedule(c.expr);
      const p = problems.find((x) => x.code === c.code && x.start === c.at[0] && x.end === c.at[1]);
      assert.ok(
        p,
        `expected ${c.code} at ${c.at.join('-')}; got ${JSON.stringify(problems.map((x) => [x.code, x.start, x.end]))}`,
      );
      assert.equal(p.severity, c.severity);
      assert.equal(c.expr.slice(p.start, p.end), c.text);
      for (const words of c.says ?? [])
        assert.ok(p.message.includes(words), `message "${p.message}" should say "${words}"`);
      if (problems.some((x) => x.severity === 'error'))
        assert.equal(schedule, undefined, 'no schedule when there are errors');
      if (c.fixed !== undefined) {
        assert.ok(p.fixes && p.fixes.length > 0, 'has a fix');
        const fixed = applyFix(c.expr, p);
        assert.equal(fixed, c.fixed);
        const after = parseSchedule(fixed);
        assert.deepEqual(
          after.problems.filter((x) => x.severity === 'error' || x.code === c.code).map((x) => x.code),
          [],
          `fixed ${fixed} parses clean`,
        );
        assert.ok(after.schedule, 'the fixed expression yields a schedule');
      }
    });
  }
});

describe('parseSchedule: near misses stay quiet', () => {
  for (const [code, expr] of NEAR_MISSES) {
    it(`${code} not raised for ${expr}`, () => {
      const { problems } = parseSchedule(expr);
      assert.deepEqual(
        problems.filter((p) => p.code === code),
        [],
      );
    });
  }
});

describe('parseSchedule: what it builds', () => {
  it('reads a weekday cron with names, ranges and offsets', () => {
    const { schedule, problems } = parseSchedule('cron(0 8 ? * MON-FRI *)');
    assert.deepEqual(problems, []);
    assert.ok(schedule?.kind === 'cron');
    const f = schedule.fields;
    assert.deepEqual(f.minutes.values, [0]);
    assert.deepEqual(f.hours.values, [8]);
    assert.deepEqual(f.dayOfWeek, { kind: 'values', days: [2, 3, 4, 5, 6] });
    assert.deepEqual(f.dayOfMonth, { kind: 'any' });
    assert.equal(f.year.any, true);
    assert.deepEqual([f.dayOfWeekField.start, f.dayOfWeekField.end], [13, 20]);
    assert.deepEqual(schedule.range, { start: 5, end: 22 });
  });

  it('expands increments and wrap-around ranges', () => {
    const cron = (e: string) => {
      const s = parseSchedule(e).schedule;
      assert.ok(s?.kind === 'cron', e);
      return s.fields;
    };
    assert.deepEqual(cron('cron(*/15 * * * ? *)').minutes.values, [0, 15, 30, 45]);
    assert.deepEqual(cron('cron(0/20 * * * ? *)').minutes.values, [0, 20, 40]);
    assert.deepEqual(cron('cron(5-30/5 * * * ? *)').minutes.values, [5, 10, 15, 20, 25, 30]);
    assert.deepEqual(cron('cron(0 */6 * * ? *)').hours.values, [0, 6, 12, 18]);
    assert.deepEqual(cron('cron(0 8 1/10 * ? *)').dayOfMonth, { kind: 'values', days: [1, 11, 21, 31] });
    assert.deepEqual(cron('cron(0 22-2 * * ? *)').hours.values, [0, 1, 2, 22, 23]);
    assert.deepEqual(cron('cron(0 8 ? * FRI-MON *)').dayOfWeek, { kind: 'values', days: [1, 2, 6, 7] });
    assert.deepEqual(cron('cron(0 8 ? * L *)').dayOfWeek, { kind: 'values', days: [7] });
    assert.deepEqual(cron('cron(0 8 ? * FRIL *)').dayOfWeek, { kind: 'last', day: 6 });
    assert.deepEqual(cron('cron(0 8 ? * MON#2 *)').dayOfWeek, { kind: 'nth', day: 2, nth: 2 });
    assert.deepEqual(cron('cron(0 8 15W * ? *)').dayOfMonth, { kind: 'nearestWeekday', day: 15 });
    assert.deepEqual(cron('cron(0 8 LW * ? *)').dayOfMonth, { kind: 'lastWeekday' });
    assert.deepEqual(cron('cron(0 8 1 JAN,jul ? 2026-2028)').month.values, [1, 7]);
    assert.deepEqual(cron('cron(0 8 1 * ? 2026-2028)').year.values, [2026, 2027, 2028]);
    assert.deepEqual(cron('cron(30 0 8 * * ? *)').seconds?.values, [30]);
  });

  it('reads rate and at', () => {
    assert.deepEqual(parseSchedule('rate(5 minutes)').schedule, {
      kind: 'rate',
      value: 5,
      unit: 'minute',
      range: { start: 5, end: 14 },
    });
    assert.deepEqual(parseSchedule('rate(1 day)').schedule, {
      kind: 'rate',
      value: 1,
      unit: 'day',
      range: { start: 5, end: 10 },
    });
    assert.deepEqual(parseSchedule('at(2026-12-24T18:00:00)').schedule, {
      kind: 'at',
      local: { year: 2026, month: 12, day: 24, hour: 18, minute: 0, second: 0 },
      range: { start: 3, end: 22 },
    });
  });

  it('gives every problem a range inside the expression', () => {
    for (const c of FAILING) {
      for (const p of parseSchedule(c.expr).problems) {
        assert.ok(
          p.start >= 0 && p.end <= c.expr.length && p.start <= p.end,
          `${c.expr}: ${p.code} ${p.start}-${p.end}`,
        );
        for (const fix of p.fixes ?? [])
          for (const e of fix.edits) assert.ok(e.start >= 0 && e.end <= c.expr.length && e.start <= e.end);
      }
    }
  });

  it('never throws on odd input', () => {
    const odd = [
      '(',
      ')',
      'cron(',
      'cron)',
      'at(',
      'rate(',
      'cron(((',
      'cron(# # # # # #)',
      'cron(- - - - - -)',
      'cron(/ / / / / /)',
      'cron(, , , , , ,)',
      'cron(L W L W L W)',
      'cron(0 8 ? * #1 *)',
      'cron(0 8 ? * 2# *)',
      'cron(0 8 W * ? *)',
      'rate( )',
      'at(T)',
      '\u0000',
      'cron(0 8 * * ? *)'.repeat(3),
    ];
    for (const e of odd) {
      const r = parseSchedule(e);
      assert.ok(Array.isArray(r.problems));
    }
  });
});
