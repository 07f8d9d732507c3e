// Made-up loads from a short spec, for "what if" runs without a file:
//
//   invocations: daily(200, 2400, at=14:00) + spike(3000, at=26h, for=10m)
//   concurrency: step(5, 40, at=2h); CPUUtilization: constant(35)
//
// A spec is one or more `column: terms` separated by `;` (the column defaults to
// invocations); terms add up:
//   constant(V)                     V throughout
//   step(A, B, at=D)                A until D after the start, then B
//   ramp(A, B, over=D[, at=D])      A until `at` (default 0), then linear to B over `over`, then B
//   daily(TROUGH, PEAK[, at=HH:MM]) a smooth day: PEAK at HH:MM UTC (default 14:00), TROUGH 12 h away
//   spike(V, at=D, for=D)           V more for `for`, from `at`
//   off(at=D, for=D)                no load at all for `for`, from `at` (zero traffic)
// Durations are `90s`, `5m`, `6h`, `2d`, counted from the start of the window. Values are
// requests per minute for invocations, requests in flight for concurrency, the metric's own
// unit otherwise.
import { parseDuration } from './duration';
import { CONCURRENCY, INVOCATIONS, MINUTE_MS, TICK_MS, type Load, type LoadColumn } from './types';

type Term =
  | { kind: 'constant'; value: number }
  | { kind: 'step'; from: number; to: number; at: number }
  | { kind: 'ramp'; from: number; to: number; at: number; over: number }
  | { kind: 'daily'; trough: number; peak: number; peakMs: number }
  | { kind: 'spike'; value: number; at: number; for: number }
  | { kind: 'off'; at: number; for: number };

const SIGNATURES: Record<Term['kind'], { values: number; required: string[]; optional: string[]; usage: string }> = {
  constant: { values: 1, required: [], optional: [], usage: 'constant(V)' },
  step: { values: 2, required: ['at'], optional: [], usage: 'step(A, B, at=D)' },
  ramp: { values: 2, required: ['over'], optional: ['at'], usage: 'ramp(A, B, over=D, at=D)' },
  daily: { values: 2, required: [], optional: ['at'], usage: 'daily(TROUGH, PEAK, at=HH:MM)' },
  spike: { values: 1, required: ['at', 'for'], optional: [], usage: 'spike(V, at=D, for=D)' },
  off: { values: 0, required: ['at', 'for'], optional: [], usage: 'off(at=D, for=D)' },
};

export const PATTERN_HELP =
  'a pattern is [column:] term + term …, columns separated by ";": constant(V), step(A, B, at=D), ramp(A, B, over=D, at=D), daily(TROUGH, PEAK, at=HH:MM), spike(V, at=D, for=D), off(at=D, for=D); durations like 90s, 5m, 6h, 2d';

export interface PatternParse {
  columns?: { name: string; terms: Term[] }[];
  problem?: string;
}

/** Parses a spec; `problem` names the part that does not read and the fix. */
export function parsePattern(spec: string): PatternParse {
  const columns: { name: string; terms: Term[] }[] = [];
  for (const part of spec.split(';')) {
    if (part.trim() === '') continue;
    const colon = /^\s*([A-Za-z][\w.-]*)\s*:(?!\d)/.exec(part);
    const name = colon
      ? colon[1]!.toLowerCase() === 'invocations'
        ? INVOCATIONS
        : colon[1]!.toLowerCase() === CONCURRENCY
          ? CONCURRENCY
          : colon[1]!
      : INVOCATIONS;
    const body = colon ? part.slice(colon[0].length) : part;
    if (columns.some((c) => c.name === name))
      return { problem: `the pattern gives ${name} twice: join its terms with +` };
    const terms: Term[] = [];
    for (const text of splitTerms(body)) {
      const term = parseTerm(text.trim());
      if (typeof term === 'string') return { problem: term };
      terms.push(term);
    }
    if (terms.length === 0) return { problem: `the pattern for ${name} is empty: ${PATTERN_HELP}` };
    columns.push({ name, terms });
  }
  if (columns.length === 0) return { problem: `the pattern is empty: ${PATTERN_HELP}` };
  return { columns };
}

/** Splits on `+` outside parentheses (values themselves never carry a sign). */
function splitTerms(body: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '+' && depth === 0 && !/[eE]$/.test(body.slice(from, i))) {
      terms.push(body.slice(from, i));
      from = i + 1;
    }
  }
  if (body.slice(from).trim() !== '') terms.push(body.slice(from));
  return terms;
}

function parseTerm(text: string): Term | string {
  const match = /^([a-z]+)\s*\(([^()]*)\)$/.exec(text);
  if (!match) return `"${text}" is not a term: ${PATTERN_HELP}`;
  const kind = match[1] as Term['kind'];
  const signature = SIGNATURES[kind];
  if (!signature) return `"${match[1]}" is not a pattern: use constant, step, ramp, daily, spike or off`;
  const values: number[] = [];
  const named: Record<string, string> = {};
  for (const arg of match[2]!.split(',')) {
    const a = arg.trim();
    if (a === '') continue;
    const eq = a.indexOf('=');
    if (eq >= 0) {
      const key = a.slice(0, eq).trim();
      if (![...signature.required, ...signature.optional].includes(key))
        return `${kind}() takes no ${key}=: write ${signature.usage}`;
      named[key] = a.slice(eq + 1).trim();
    } else {
      if (!/^\d+(\.\d+)?$/.test(a)) return `${kind}(): "${a}" is not a value of 0 or more: write ${signature.usage}`;
      values.push(Number(a));
    }
  }
  if (values.length !== signature.values)
    return `${kind}() takes ${signature.values} value${signature.values === 1 ? '' : 's'}: write ${signature.usage}`;
  for (const key of signature.required)
    if (named[key] === undefined) return `${kind}() needs ${key}=: write ${signature.usage}`;
  const duration = (key: string): number | string => {
    const text = named[key];
    if (text === undefined) return 0;
    const ms = parseDuration(text);
    return ms === undefined ? `${kind}(): ${key}=${text} is not a duration: write 90s, 5m, 6h or 2d` : ms;
  };
  const durations: Record<string, number> = {};
  for (const key of [...signature.required, ...signature.optional]) {
    if (kind === 'daily') continue;
    const ms = duration(key);
    if (typeof ms === 'string') return ms;
    durations[key] = ms;
  }
  switch (kind) {
    case 'constant':
      return { kind, value: values[0]! };
    case 'step':
      return { kind, from: values[0]!, to: values[1]!, at: durations.at! };
    case 'ramp':
      if (durations.over === 0) return 'ramp(): over= must be longer than 0';
      return { kind, from: values[0]!, to: values[1]!, at: durations.at!, over: durations.over! };
    case 'daily': {
      const at = named.at ?? '14:00';
      const time = /^(\d{1,2}):(\d{2})$/.exec(at);
      if (!time || Number(time[1]) > 23 || Number(time[2]) > 59)
        return `daily(): at=${at} is not a time of day: write at=14:00`;
      return { kind, trough: values[0]!, peak: values[1]!, peakMs: (Number(time[1]) * 60 + Number(time[2])) * 60_000 };
    }
    case 'spike':
      return { kind, value: values[0]!, at: durations.at!, for: durations.for! };
    case 'off':
      return { kind, at: durations.at!, for: durations.for! };
  }
}

function termValue(term: Term, offsetMs: number, timeMs: number): number {
  switch (term.kind) {
    case 'constant':
      return term.value;
    case 'step':
      return offsetMs < term.at ? term.from : term.to;
    case 'ramp':
      if (offsetMs <= term.at) return term.from;
      if (offsetMs >= term.at + term.over) return term.to;
      return term.from + ((term.to - term.from) * (offsetMs - term.at)) / term.over;
    case 'daily': {
      const dayMs = 86_400_000;
      const phase = ((((timeMs - term.peakMs) % dayMs) + dayMs) % dayMs) / dayMs;
      return term.trough + ((term.peak - term.trough) * (1 + Math.cos(2 * Math.PI * phase))) / 2;
    }
    case 'spike':
      return offsetMs >= term.at && offsetMs < term.at + term.for ? term.value : 0;
    case 'off':
      return 0;
  }
}

/** The pattern as a load on the 10-second grid of [startMs, startMs + durationMs). */
export function patternLoad(columns: { name: string; terms: Term[] }[], startMs: number, durationMs: number): Load {
  const out: LoadColumn[] = columns.map(({ name, terms }) => {
    // Demand moves every tick; any other metric is a one-minute CloudWatch metric.
    const step = name === INVOCATIONS || name === CONCURRENCY ? TICK_MS : MINUTE_MS;
    const n = Math.max(1, Math.ceil(durationMs / step));
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = startMs + i * step;
      const offset = t - startMs;
      let v = 0;
      let off = false;
      for (const term of terms) {
        if (term.kind === 'off') off ||= offset >= term.at && offset < term.at + term.for;
        else v += termValue(term, offset, t);
      }
      times[i] = t;
      values[i] = off ? 0 : Math.round(v * 1000) / 1000;
    }
    return { name, times, values, intervalMs: step };
  });
  return { columns: out };
}
