import type { CloudWatchAlarm, MetricDataQuery, MetricDimension, ScalingPolicy } from '../document/model';
import { has } from '../document/model';
import { triggerStates } from '../language/stepIntervals';
import { andList } from './words';

// When a step policy's alarm is in ALARM, as a condition on metric values: for a single
// metric, `metric op Threshold`; for metric math, the boolean expression the alarm compares
// (`ABS(backlog>=1 AND (cpu>=640 OR gpu>=80))`, 1 when it holds, 0 otherwise) read back
// into comparisons of metrics. Two alarms can be in ALARM together when their conditions
// can hold at once, which the rules about policies that fight ask. Conditions are read per
// data point: M-out-of-N, missing-data treatment and periods are not modelled, so "can hold
// at once" means "at some data point". An expression this reader does not understand
// (arithmetic, other functions) gives no condition, and the rules stay silent.
// CloudWatch's metric-math syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html

export type Comparison = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** A comparison of one metric (identified by `metric`) with a constant. */
export interface Atom {
  kind: 'atom';
  metric: string;
  /** The metric's name, for messages. */
  name: string;
  op: Comparison;
  value: number;
}

export type Condition =
  | Atom
  | { kind: 'and' | 'or'; parts: Condition[] }
  | { kind: 'not'; part: Condition }
  | { kind: 'const'; value: boolean };

const OPERATOR: Readonly<Record<string, Comparison>> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** How a metric is told apart from others: namespace, name, dimensions (sorted) and statistic. */
function metricKey(
  namespace: string | undefined,
  name: string,
  dimensions: readonly MetricDimension[] | undefined,
  statistic: string | undefined,
): string {
  const dims = (dimensions ?? [])
    .map((d) => `${d.name?.value ?? ''}=${d.value?.value ?? ''}`)
    .sort()
    .join(',');
  return [namespace ?? '', name, dims, statistic ?? ''].join('\u0000');
}

// ---------------------------------------------------------------------------------------
// Reading metric-math expressions. Hand-written: the grammar is small (numbers, Ids,
// arithmetic, comparisons, AND/OR/NOT, calls) and no library reads CloudWatch's dialect.

type Node =
  | { t: 'num'; v: number }
  | { t: 'id'; id: string }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'not'; x: Node }
  | { t: 'neg'; x: Node };

const TOKEN = /\s*(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||<=|>=|==|!=|[-+*/^()<>!,])/y;

function tokenize(expression: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(expression);
    if (!m) return undefined;
    tokens.push(m[1]!);
  }
  return tokens;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

function parse(expression: string): Node | undefined {
  const tokens = tokenize(expression);
  if (!tokens || tokens.length > 500) return undefined;
  let i = 0;
  const peek = () => tokens[i];
  const word = (w: string) => peek()?.toUpperCase() === w;
  const fail = (): never => {
    throw new Error('unreadable');
  };
  const or = (): Node => {
    let l = and();
    while (word('OR') || peek() === '||') {
      i++;
      l = { t: 'bin', op: 'OR', l, r: and() };
    }
    return l;
  };
  const and = (): Node => {
    let l = not();
    while (word('AND') || peek() === '&&') {
      i++;
      l = { t: 'bin', op: 'AND', l, r: not() };
    }
    return l;
  };
  const not = (): Node => {
    if (word('NOT') || peek() === '!') {
      i++;
      return { t: 'not', x: not() };
    }
    return compare();
  };
  const compare = (): Node => {
    const l = sum();
    const op = peek();
    if (op && COMPARISONS.has(op)) {
      i++;
      return { t: 'bin', op, l, r: sum() };
    }
    return l;
  };
  const sum = (): Node => {
    let l = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++]!;
      l = { t: 'bin', op, l, r: product() };
    }
    return l;
  };
  const product = (): Node => {
    let l = unary();
    while (peek() === '*' || peek() === '/' || peek() === '^') {
      const op = tokens[i++]!;
      l = { t: 'bin', op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Node => {
    if (peek() === '-') {
      i++;
      return { t: 'neg', x: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const token = tokens[i++] ?? fail();
    if (token === '(') {
      const inner = or();
      if (tokens[i++] !== ')') fail();
      return inner;
    }
    if (/^[\d.]/.test(token)) return { t: 'num', v: Number(token) };
    if (!/^[A-Za-z_]/.test(token)) fail();
    if (peek() === '(') {
      i++;
      const args: Node[] = [];
      if (peek() !== ')') {
        args.push(or());
        while (peek() === ',') {
          i++;
          args.push(or());
        }
      }
      if (tokens[i++] !== ')') fail();
      return { t: 'call', name: token.toUpperCase(), args };
    }
    return { t: 'id', id: token };
  };
  try {
    const node = or();
    return i === tokens.length ? node : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// From expressions to conditions.

interface Scope {
  queries: ReadonlyMap<string, MetricDataQuery>;
  depth: number;
}

/** The metric an expression node stands for: an Id of a MetricStat, possibly wrapped in FILL. */
function metricOf(node: Node, scope: Scope): { metric: string; name: string } | undefined {
  if (node.t === 'call' && node.name === 'FILL' && node.args.length >= 1) return metricOf(node.args[0]!, scope);
  if (node.t !== 'id') return undefined;
  const query = scope.queries.get(node.id);
  const stat = query?.metricStat;
  const metric = stat?.metric;
  if (!metric?.metricName) {
    // An Id that is itself an expression of one metric.
    const inner = query?.expression && scope.depth < 8 ? parse(query.expression.value) : undefined;
    return inner ? metricOf(inner, { ...scope, depth: scope.depth + 1 }) : undefined;
  }
  return {
    metric: metricKey(metric.namespace?.value, metric.metricName.value, metric.dimensions?.items, stat?.stat?.value),
    name: metric.metricName.value,
  };
}

const FLIP: Readonly<Record<string, Comparison>> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '==': '==',
  '!=': '!=',
};

/** The condition a boolean-valued node (1 when it holds) stands for; undefined when it is not one this reader knows. */
function booleanOf(node: Node, scope: Scope): Condition | undefined {
  switch (node.t) {
    case 'bin': {
      if (node.op === 'AND' || node.op === 'OR') {
        const l = booleanOf(node.l, scope);
        const r = booleanOf(node.r, scope);
        return l && r ? { kind: node.op === 'AND' ? 'and' : 'or', parts: [l, r] } : undefined;
      }
      if (!COMPARISONS.has(node.op)) return undefined;
      const lm = metricOf(node.l, scope);
      if (lm && node.r.t === 'num') return { kind: 'atom', ...lm, op: node.op as Comparison, value: node.r.v };
      const rm = metricOf(node.r, scope);
      if (rm && node.l.t === 'num') return { kind: 'atom', ...rm, op: FLIP[node.op]!, value: node.l.v };
      return undefined;
    }
    case 'not': {
      const inner = booleanOf(node.x, scope);
      return inner && { kind: 'not', part: inner };
    }
    case 'call': {
      if (node.name === 'ABS' && node.args.length === 1) return booleanOf(node.args[0]!, scope);
      if (node.name === 'IF' && node.args.length === 3) {
        const [c, a, b] = node.args as [Node, Node, Node];
        const condition = booleanOf(c, scope);
        if (!condition || a.t !== 'num' || b.t !== 'num') return undefined;
        if (a.v !== 0 && b.v === 0) return condition;
        if (a.v === 0 && b.v !== 0) return { kind: 'not', part: condition };
      }
      return undefined;
    }
    case 'id': {
      const query = scope.queries.get(node.id);
      if (!query?.expression || scope.depth >= 8) return undefined;
      const inner = parse(query.expression.value);
      return inner && booleanOf(inner, { ...scope, depth: scope.depth + 1 });
    }
    default:
      return undefined;
  }
}

function compareConst(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** The query whose value the alarm compares: the one with ReturnData true, else the only expression. */
function resultQuery(queries: readonly MetricDataQuery[]): MetricDataQuery | undefined {
  const returning = queries.filter((q) => q.returnData?.value === true);
  if (returning.length === 1) return returning[0];
  const expressions = queries.filter((q) => q.expression);
  return expressions.length === 1 ? expressions[0] : undefined;
}

/** An alarm of a step policy in a state that runs the policy (ALARM or OK), and what must hold for it. */
export interface TriggerCondition {
  alarm: CloudWatchAlarm;
  state: 'ALARM' | 'OK';
  /** The alarm's condition in ALARM; its negation when OK (the metric has data and the condition fails). */
  condition: Condition;
}

/**
 * When each alarm of a step policy runs it, as conditions on metric values: in ALARM while
 * the alarm's condition holds, when OK (TriggerPolicyOn) while it does not. The policy runs
 * when any of them holds. INSUFFICIENT_DATA is about missing data, not values, and an alarm
 * this reader cannot read says nothing, so both are left out: a rule that finds two policies
 * running together from these conditions has found a real case, though it may miss some.
 */
export function triggerConditions(policy: ScalingPolicy): TriggerCondition[] {
  const found: TriggerCondition[] = [];
  for (const alarm of policy.alarms) {
    const condition = alarmCondition(alarm);
    if (!condition) continue;
    for (const state of triggerStates(alarm)) {
      if (state === 'ALARM') found.push({ alarm, state, condition });
      else if (state === 'OK') found.push({ alarm, state, condition: { kind: 'not', part: condition } });
    }
  }
  return found;
}

const conditions = new WeakMap<CloudWatchAlarm, Condition | null>();

/** When the alarm is in ALARM, as a condition on metric values; undefined when this reader cannot tell. */
export function alarmCondition(alarm: CloudWatchAlarm): Condition | undefined {
  let condition = conditions.get(alarm);
  if (condition === undefined) {
    condition = readCondition(alarm) ?? null;
    conditions.set(alarm, condition);
  }
  return condition ?? undefined;
}

function readCondition(alarm: CloudWatchAlarm): Condition | undefined {
  const op = OPERATOR[alarm.comparisonOperator?.value ?? ''];
  const threshold = alarm.threshold?.value;
  if (!op || threshold === undefined) return undefined;
  if (!has(alarm, 'Metrics')) {
    if (!alarm.metricName) return undefined;
    const statistic = alarm.statistic?.value ?? alarm.extendedStatistic?.value;
    const metric = metricKey(alarm.namespace?.value, alarm.metricName.value, alarm.dimensions?.items, statistic);
    return { kind: 'atom', metric, name: alarm.metricName.value, op, value: threshold };
  }
  const queries = alarm.metrics?.items ?? [];
  const result = resultQuery(queries);
  const expression = result?.expression && parse(result.expression.value);
  if (!expression) return undefined;
  const scope: Scope = { queries: new Map(queries.flatMap((q) => (q.id ? [[q.id.value, q] as const] : []))), depth: 0 };
  const boolean = booleanOf(expression, scope);
  if (boolean) {
    // The expression is 1 when `boolean` holds and 0 otherwise; the alarm compares that.
    const whenTrue = compareConst(1, op, threshold);
    const whenFalse = compareConst(0, op, threshold);
    if (whenTrue && whenFalse) return { kind: 'const', value: true };
    if (!whenTrue && !whenFalse) return { kind: 'const', value: false };
    return whenTrue ? boolean : { kind: 'not', part: boolean };
  }
  const metric = metricOf(expression, scope);
  return metric && { kind: 'atom', ...metric, op, value: threshold };
}

// ---------------------------------------------------------------------------------------
// Whether two conditions can hold at once.

const NEGATE: Readonly<Record<Comparison, Comparison>> = {
  '>': '<=',
  '>=': '<',
  '<': '>=',
  '<=': '>',
  '==': '!=',
  '!=': '==',
};

/** Disjunctive normal form: a list of conjunctions of atoms; undefined past `MAX_TERMS` terms. */
const MAX_TERMS = 256;

function dnf(condition: Condition, negated: boolean): Atom[][] | undefined {
  switch (condition.kind) {
    case 'const':
      return condition.value !== negated ? [[]] : [];
    case 'atom':
      return [[negated ? { ...condition, op: NEGATE[condition.op] } : condition]];
    case 'not':
      return dnf(condition.part, !negated);
    case 'and':
    case 'or': {
      const conjunctive = (condition.kind === 'and') !== negated;
      const parts: Atom[][][] = [];
      for (const part of condition.parts) {
        const form = dnf(part, negated);
        if (!form) return undefined;
        parts.push(form);
      }
      if (!conjunctive) {
        const all = parts.flat();
        return all.length > MAX_TERMS ? undefined : all;
      }
      let product: Atom[][] = [[]];
      for (const form of parts) {
        const next: Atom[][] = [];
        for (const a of product) for (const b of form) next.push([...a, ...b]);
        if (next.length > MAX_TERMS) return undefined;
        product = next;
      }
      return product;
    }
  }
}

interface Bound {
  value: number;
  inclusive: boolean;
}

/** Whether comparisons of metrics with constants can all hold at once. */
function consistent(atoms: readonly Atom[]): boolean {
  const lows = new Map<string, Bound>();
  const highs = new Map<string, Bound>();
  const excluded = new Map<string, number[]>();
  const raise = (m: string, b: Bound) => {
    const cur = lows.get(m);
    if (!cur || b.value > cur.value || (b.value === cur.value && !b.inclusive)) lows.set(m, b);
  };
  const lower = (m: string, b: Bound) => {
    const cur = highs.get(m);
    if (!cur || b.value < cur.value || (b.value === cur.value && !b.inclusive)) highs.set(m, b);
  };
  for (const a of atoms) {
    switch (a.op) {
      case '>':
        raise(a.metric, { value: a.value, inclusive: false });
        break;
      case '>=':
        raise(a.metric, { value: a.value, inclusive: true });
        break;
      case '<':
        lower(a.metric, { value: a.value, inclusive: false });
        break;
      case '<=':
        lower(a.metric, { value: a.value, inclusive: true });
        break;
      case '==':
        raise(a.metric, { value: a.value, inclusive: true });
        lower(a.metric, { value: a.value, inclusive: true });
        break;
      case '!=':
        excluded.set(a.metric, [...(excluded.get(a.metric) ?? []), a.value]);
        break;
    }
  }
  for (const [m, lo] of lows) {
    const hi = highs.get(m);
    if (!hi) continue;
    if (lo.value > hi.value) return false;
    if (lo.value === hi.value && (!lo.inclusive || !hi.inclusive || excluded.get(m)?.includes(lo.value))) return false;
  }
  return true;
}

/** Values of the metrics at which both conditions hold, as comparisons; undefined when they cannot hold at once or the reader cannot tell. */
export function bothHold(a: Condition, b: Condition): Atom[] | undefined {
  const da = dnf(a, false);
  const db = dnf(b, false);
  if (!da || !db) return undefined;
  for (const x of da) {
    for (const y of db) {
      const together = [...x, ...y];
      if (consistent(together)) return together;
    }
  }
  return undefined;
}

/** Whether a condition holds whatever the metrics: an alarm that is always in ALARM. */
export function alwaysHolds(condition: Condition): boolean {
  const negation = dnf(condition, true);
  return negation !== undefined && negation.every((term) => !consistent(term));
}

const SYMBOL: Readonly<Record<Comparison, string>> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '==': '=', '!=': '≠' };

/** "ApproximateBacklogSize ≥ 1, CPUUtilization ≥ 640 and GPUUtilization ≤ 20": comparisons in words, each once. */
export function atomsInWords(atoms: readonly Atom[]): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const a of atoms) {
    const text = `${a.name} ${SYMBOL[a.op]} ${a.value}`;
    if (seen.has(text)) continue;
    seen.add(text);
    words.push(text);
  }
  return andList(words);
}
