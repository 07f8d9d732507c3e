// `rate(<value> <unit>)`: a fixed interval in minutes, hours or days.
import { problem, replaceFix, type ScheduleProblem } from './types';
import { table } from '../table';

export type RateUnit = 'minute' | 'hour' | 'day';

export interface RateParse {
  rate?: { value: number; unit: RateUnit };
  problems: ScheduleProblem[];
}

const UNITS = table<RateUnit>({
  minute: 'minute',
  minutes: 'minute',
  hour: 'hour',
  hours: 'hour',
  day: 'day',
  days: 'day',
});
// Near misses that have one right spelling.
const ALIASES = table<RateUnit>({
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  mn: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  d: 'day',
});

function spell(value: number, unit: RateUnit): string {
  return value === 1 ? unit : `${unit}s`;
}

/** Parses the text inside `rate(...)`; `offset` is where it starts in the expression, `whole` is blamed when it is empty. */
export function parseRateBody(body: string, offset: number, whole: { start: number; end: number }): RateParse {
  const problems: ScheduleProblem[] = [];
  const words = [...body.matchAll(/\S+/g)].map((m) => ({
    text: m[0],
    start: offset + m.index!,
    end: offset + m.index! + m[0].length,
  }));
  if (words.length === 0) {
    problems.push(
      problem('rate.syntax', 'rate() needs a value and a unit, for example `rate(5 minutes)`.', whole.start, whole.end),
    );
    return { problems };
  }
  if (words.length === 1) {
    const w = words[0]!;
    const glued = /^(\d+)([A-Za-z]+)$/.exec(w.text);
    if (glued) {
      const split = `${glued[1]} ${glued[2]}`;
      problems.push(
        problem('rate.syntax', `Separate the value from the unit with a space: \`rate(${split})\`.`, w.start, w.end, [
          replaceFix(`Write \`${split}\``, w.start, w.end, split),
        ]),
      );
    } else {
      problems.push(
        problem(
          'rate.syntax',
          `rate() takes a value and a unit, for example \`rate(5 minutes)\`; \`${w.text}\` is only one of them.`,
          w.start,
          w.end,
        ),
      );
    }
    return { problems };
  }
  if (words.length > 2) {
    const extra = words[2]!;
    problems.push(
      problem(
        'rate.syntax',
        'rate() takes exactly a value and a unit, for example `rate(5 minutes)`; remove the rest.',
        extra.start,
        words[words.length - 1]!.end,
      ),
    );
    return { problems };
  }
  const [valueWord, unitWord] = words as [(typeof words)[0], (typeof words)[0]];
  if (body !== `${valueWord.text} ${unitWord.text}`) {
    const tidy = `${valueWord.text} ${unitWord.text}`;
    problems.push(
      problem(
        'rate.syntax',
        `Write rate() as \`rate(${tidy})\`: one space between value and unit, none inside the parentheses.`,
        offset,
        offset + body.length,
        [replaceFix('Tidy the spacing', offset, offset + body.length, tidy)],
      ),
    );
  }

  let value: number | undefined;
  if (/^\d+$/.test(valueWord.text) && Number(valueWord.text) >= 1) {
    value = Number(valueWord.text);
  } else {
    let hint = '';
    const n = Number(valueWord.text);
    if (/^\d*\.\d+$/.test(valueWord.text) && Number.isFinite(n)) {
      const unit = UNITS[unitWord.text.toLowerCase()];
      const smaller = unit === 'hour' ? 60 : unit === 'day' ? 24 : 0;
      if (smaller && Number.isInteger(n * smaller))
        hint = ` Write \`rate(${n * smaller} ${unit === 'hour' ? 'minutes' : 'hours'})\` instead.`;
    }
    problems.push(
      problem(
        'rate.syntax',
        `The rate value must be a whole number of at least 1; \`${valueWord.text}\` is not.${hint}`,
        valueWord.start,
        valueWord.end,
      ),
    );
  }

  const lower = unitWord.text.toLowerCase();
  const unit: RateUnit | undefined = UNITS[unitWord.text];
  if (!unit) {
    const v = value ?? 2;
    const caseOnly = UNITS[lower];
    const alias = ALIASES[lower] ?? (lower.endsWith('s') ? ALIASES[lower.slice(0, -1)] : undefined);
    const fixTo = (u: RateUnit, why: string): void => {
      problems.push(
        problem('rate.syntax', `${why} Write \`${spell(v, u)}\`.`, unitWord.start, unitWord.end, [
          replaceFix(`Write \`${spell(v, u)}\``, unitWord.start, unitWord.end, spell(v, u)),
        ]),
      );
    };
    if (caseOnly) {
      fixTo(caseOnly, `Rate units are lowercase; \`${unitWord.text}\` is not.`);
    } else if (alias) {
      fixTo(alias, `\`${unitWord.text}\` is not a rate unit; units are minute(s), hour(s) and day(s).`);
    } else if (/^(s|sec|secs|second|seconds)$/.test(lower)) {
      problems.push(
        problem(
          'rate.syntax',
          `Seconds are not a rate unit: the finest resolution is 1 minute. Use \`minute(s)\`.`,
          unitWord.start,
          unitWord.end,
        ),
      );
    } else if (/^(w|wk|wks|week|weeks)$/.test(lower)) {
      const days = value !== undefined ? value * 7 : undefined;
      problems.push(
        problem(
          'rate.syntax',
          `Weeks are not a rate unit; use days${days !== undefined ? ` (\`rate(${days} days)\`)` : ''} or a cron expression for a weekday.`,
          unitWord.start,
          unitWord.end,
          days !== undefined
            ? [replaceFix(`Write \`${days} days\``, valueWord.start, unitWord.end, `${days} days`)]
            : undefined,
        ),
      );
    } else {
      problems.push(
        problem(
          'rate.syntax',
          `\`${unitWord.text}\` is not a rate unit; use minute(s), hour(s) or day(s) (months and years need a cron expression).`,
          unitWord.start,
          unitWord.end,
        ),
      );
    }
  } else if (value !== undefined && unitWord.text !== spell(value, unit)) {
    const right = spell(value, unit);
    problems.push(
      problem(
        'rate.plural',
        value === 1
          ? `A value of 1 takes the singular unit: \`rate(1 ${right})\`, not \`${unitWord.text}\`.`
          : `A value other than 1 takes the plural unit: \`rate(${value} ${right})\`, not \`${unitWord.text}\`.`,
        unitWord.start,
        unitWord.end,
        [replaceFix(`Write \`${right}\``, unitWord.start, unitWord.end, right)],
      ),
    );
  }
  if (problems.length > 0 || value === undefined || unit === undefined) return { problems };
  return { rate: { value, unit }, problems };
}
