// `at(YYYY-MM-DDThh:mm:ss)`: a one-off local time, read in the action's Timezone (UTC when none is set).
import { daysInMonth, pad2 } from './calendar';
import { problem, replaceFix, type LocalDateTime, type ScheduleProblem } from './types';

const EXAMPLE = '`at(2026-12-24T18:00:00)`';
// Lenient on purpose: it accepts the usual near misses so each one can be named and fixed.
const LENIENT =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(\.\d*)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/d;

export interface AtParse {
  local?: LocalDateTime;
  problems: ScheduleProblem[];
}

/** Parses the text inside `at(...)`; `offset` is where it starts in the expression, `whole` is blamed when it is empty. */
export function parseAtBody(body: string, offset: number, whole: { start: number; end: number }): AtParse {
  const problems: ScheduleProblem[] = [];
  if (body.trim() === '') {
    problems.push(
      problem(
        'at.syntax',
        `at() needs a date and time: write at(YYYY-MM-DDThh:mm:ss), for example ${EXAMPLE}.`,
        whole.start,
        whole.end,
      ),
    );
    return { problems };
  }
  const m = LENIENT.exec(body);
  if (!m || !m.indices) {
    problems.push(
      problem(
        'at.syntax',
        `Can't read \`${body}\` as a date and time: write at(YYYY-MM-DDThh:mm:ss), for example ${EXAMPLE}, with no \`Z\`, offset or fraction.`,
        offset,
        offset + body.length,
      ),
    );
    return { problems };
  }
  const at = (g: number): [number, number] => {
    const r = m.indices![g]!;
    return [offset + r[0], offset + r[1]];
  };
  const bodyEnd = offset + body.length;
  const num = (g: number): number => Number(m[g] ?? '0');

  if (m[4] === undefined) {
    problems.push(
      problem(
        'at.syntax',
        'at() needs a time as well as a date: add `Thh:mm:ss`, for example `T00:00:00` for midnight.',
        offset,
        offset + body.length,
        m[9] === undefined ? [replaceFix('Add the time `T00:00:00`', bodyEnd, bodyEnd, 'T00:00:00')] : undefined,
      ),
    );
  } else if (m[4] !== 'T') {
    const [s, e] = at(4);
    problems.push(
      problem('at.syntax', `Date and time are separated by \`T\`, not \`${m[4] === ' ' ? 'a space' : m[4]}\`.`, s, e, [
        replaceFix('Use `T`', s, e, 'T'),
      ]),
    );
  }
  const labels = ['', 'year', 'month', 'day', '', 'hour', 'minute', 'second'];
  for (const g of [2, 3, 5, 6, 7]) {
    if (m[g] !== undefined && m[g]!.length === 1) {
      const [s, e] = at(g);
      problems.push(
        problem('at.syntax', `The ${labels[g]} needs two digits: \`0${m[g]}\`.`, s, e, [
          replaceFix(`Write \`0${m[g]}\``, s, e, `0${m[g]}`),
        ]),
      );
    }
  }
  if (m[4] !== undefined && m[7] === undefined) {
    const [, e] = at(6);
    problems.push(
      problem('at.syntax', 'at() needs seconds too: `hh:mm:ss`.', offset + m.indices[4]![0], e, [
        replaceFix('Add `:00` seconds', e, e, ':00'),
      ]),
    );
  }
  if (m[8] !== undefined) {
    const [s, e] = at(8);
    problems.push(
      problem('at.syntax', `at() takes whole seconds; remove the fraction \`${m[8]}\`.`, s, e, [
        replaceFix('Remove the fraction', s, e, ''),
      ]),
    );
  }
  if (m[9] !== undefined) {
    const [s, e] = at(9);
    if (m[9].toUpperCase() === 'Z') {
      problems.push(
        problem(
          'at.syntax',
          "at() takes a local time without `Z`; it is read in the action's Timezone (UTC when none is set). Remove the `Z`.",
          s,
          e,
          [replaceFix('Remove `Z`', s, e, '')],
        ),
      );
    } else {
      problems.push(
        problem(
          'at.syntax',
          `at() takes a local time without an offset; remove \`${m[9]}\` and set Timezone (for example \`Europe/Berlin\`) to say which zone the time is in.`,
          s,
          e,
        ),
      );
    }
  }

  const year = num(1),
    month = num(2),
    day = num(3),
    hour = num(5),
    minute = num(6),
    second = num(7);
  if (month < 1 || month > 12) {
    const [s, e] = at(2);
    problems.push(problem('at.syntax', `Month \`${m[2]}\` doesn't exist; months are 01–12.`, s, e));
  } else if (day < 1 || day > daysInMonth(year, month)) {
    const [s, e] = at(3);
    problems.push(
      problem(
        'at.syntax',
        `${year}-${pad2(month)} has no day \`${m[3]}\`; it has ${daysInMonth(year, month)} days.`,
        s,
        e,
      ),
    );
  }
  const timeParts: [number, number, number, string][] = [
    [5, hour, 23, 'hour'],
    [6, minute, 59, 'minute'],
    [7, second, 59, 'second'],
  ];
  for (const [g, v, max, label] of timeParts) {
    if (m[g] !== undefined && v > max) {
      const [s, e] = at(g);
      problems.push(
        problem(
          'at.syntax',
          `The ${label} \`${m[g]}\` is out of range; it must be 00–${max}.${label === 'hour' && v === 24 ? ' Midnight is `00` on the next day.' : ''}`,
          s,
          e,
        ),
      );
    }
  }
  if (problems.length > 0) return { problems };
  return { local: { year, month, day, hour, minute, second }, problems };
}
