import { appendMemberEdit } from '../document/edits';
import type { Range, TextEdit } from '../finding';
import {
  has,
  member,
  type CustomizedMetric,
  type MetricDataQuery,
  type ScalableTarget,
  type ScalingPolicy,
} from '../document/model';
import { defineMultiCodeRule, type Rule, type RuleContext, type RuleMeta } from '../lint/rule';
import { headOf, insideString } from './locate';
import { trackingOf } from './targetTracking';
import { table } from '../table';

// Metric math in a target-tracking policy: CustomizedMetricSpecification.Metrics[], a list
// of metric data queries that refer to each other by Id. One rule with several codes, so
// the queries are indexed and the expressions read once per policy.

const CODES = {
  id: 'tt.math-id',
  exprXorStat: 'tt.math-expr-xor-stat',
  returnData: 'tt.math-returndata',
  refs: 'tt.math-refs',
  unused: 'tt.math-unused',
  size: 'tt.math-size',
  unsupported: 'tt.math-unsupported',
} as const;

const META: RuleMeta[] = [
  {
    code: CODES.id,
    severity: 'error',
    title: 'A query Id starts with a lowercase letter and is unique in its policy',
    description:
      'Each metric data query has an `Id` of letters, digits and underscores that starts with a lowercase letter (`m1`, `invocations`, `e_total`); expressions use it as a variable, so it must be unique among the queries of the policy.',
  },
  {
    code: CODES.exprXorStat,
    severity: 'error',
    title: 'A query has either an Expression or a MetricStat',
    description:
      'A metric data query either fetches a metric (`MetricStat`, with a `Metric` that names `MetricName` and `Namespace`, and a `Stat`) or computes one (`Expression`). AWS rejects a query with both or with neither.',
  },
  {
    code: CODES.returnData,
    severity: 'error',
    title: 'Exactly one query returns data',
    description:
      'The metric that target tracking follows is the one query whose `ReturnData` is true: the final expression. Every other query must say `"ReturnData": false`. An omitted `ReturnData` counts as **true**, so in metric math the inputs need it spelled out; a single plain metric can leave it out.',
  },
  {
    code: CODES.refs,
    severity: 'error',
    title: 'Expressions refer to existing queries, without cycles',
    description:
      'An expression uses other queries by their `Id`. Every Id it names must be a query of the same policy, and no query may depend on itself, directly or through others.',
  },
  {
    code: CODES.unused,
    severity: 'warning',
    title: 'Every query that returns no data feeds an expression',
    description:
      'A query with `"ReturnData": false` that no expression uses is fetched for nothing: often a typo in the expression that was meant to use it. Use it or remove it.',
  },
  {
    code: CODES.size,
    severity: 'error',
    title: 'A policy with metric math stays under 50 KB',
    description:
      'With metric math, the whole PutScalingPolicy request may be at most 50 KB; AWS rejects a larger one. Use fewer queries, shorter labels, or a metric that already aggregates what you need.',
  },
  {
    code: CODES.unsupported,
    severity: 'error',
    title: 'Metric math is not available for DynamoDB, Keyspaces, MSK or Neptune',
    description:
      'Application Auto Scaling does not support metric math in target-tracking policies for DynamoDB, Amazon Keyspaces, Amazon MSK or Neptune (nor for EMR, which has no target tracking at all). Use a predefined metric or a single customized metric.',
  },
];

// ---------------------------------------------------------------------------------------
// Reading expressions.

/** An Id an expression names, at an offset of the (decoded) expression string. */
export interface Reference {
  id: string;
  at: number;
}

/** What an expression refers to. */
export interface ExpressionRefs {
  refs: Reference[];
  /** METRICS() uses every other query of the policy. */
  usesAll: boolean;
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWord = (c: number): boolean => isLower(c) || isUpper(c) || isDigit(c) || c === 95;

/**
 * The Ids a CloudWatch metric math expression refers to. Functions and keywords are upper
 * case (SUM, IF, METRICS, REPEAT) and Ids start with a lower-case letter, so a lower-case
 * word not called as a function is a reference; so is any word `isId` knows (an Id that
 * wrongly starts upper case is still used where it is named). Quoted strings (SEARCH terms,
 * labels) are skipped, and so are numbers such as 1e5.
 */
export function expressionRefs(expression: string, isId: (word: string) => boolean = () => false): ExpressionRefs {
  const refs: Reference[] = [];
  let usesAll = false;
  let i = 0;
  const n = expression.length;
  while (i < n) {
    const c = expression.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      i++;
      while (i < n && expression.charCodeAt(i) !== c) i += expression.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
    } else if (isDigit(c) || (c === 46 /* . */ && isDigit(expression.charCodeAt(i + 1)))) {
      while (i < n && (isWord(expression.charCodeAt(i)) || expression.charCodeAt(i) === 46)) i++;
    } else if (isLower(c) || isUpper(c) || c === 95) {
      const start = i;
      while (i < n && isWord(expression.charCodeAt(i))) i++;
      let next = i;
      while (next < n && (expression.charCodeAt(next) === 32 || expression.charCodeAt(next) === 9)) next++;
      const word = expression.slice(start, i);
      if (expression.charCodeAt(next) === 40 /* ( */) {
        if (word === 'METRICS') usesAll = true;
      } else if (isLower(c) || isId(word)) {
        refs.push({ id: word, at: start });
      }
    } else {
      i++;
    }
  }
  return { refs, usesAll };
}

// ---------------------------------------------------------------------------------------
// The checks.

/** A short range that stands for a query: its ReturnData, else its Id, else its brace. */
function queryHead(query: MetricDataQuery, preferReturnData = false): Range {
  if (preferReturnData && query.returnData) return query.returnData.range;
  return query.id?.range ?? headOf(query);
}

function queryName(query: MetricDataQuery): string {
  return query.id ? `"${query.id.value}"` : `query #${query.index + 1}`;
}

const INVALID_ID_CHARACTER = /[^a-zA-Z0-9_]/;

// From the metric math page of the Application Auto Scaling User Guide. EMR is left out:
// it takes no target tracking at all, which policy.type-supported reports.
const NO_METRIC_MATH = table<string>({
  dynamodb: 'DynamoDB',
  cassandra: 'Amazon Keyspaces',
  kafka: 'Amazon MSK',
  neptune: 'Neptune',
});

// "The maximum request size is 50 KB", for a PutScalingPolicy request with metric math.
const MAX_REQUEST_BYTES = 50 * 1024;

/**
 * The bytes a stretch of the document takes as compact JSON in UTF-8: whitespace and
 * comments outside strings dropped, the `skip` ranges (members apply does not send) left out.
 */
export function compactJsonBytes(text: string, start: number, end: number, skip: readonly Range[] = []): number {
  const skipped = [...skip].sort((a, b) => a.start - b.start);
  let next = 0;
  let bytes = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    while (next < skipped.length && skipped[next]!.start < i) next++;
    if (next < skipped.length && i === skipped[next]!.start) {
      i = skipped[next]!.end - 1;
      next++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        bytes += 2;
        i++;
        continue;
      }
      if (c === 34) inString = false;
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < end && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 || close + 2 > end ? end : close + 1;
      continue;
    }
    if (c === 34) inString = true;
    bytes += 1;
  }
  return bytes;
}

function checkSize(policy: ScalingPolicy, target: ScalableTarget, metricsKey: Range, ctx: RuleContext): void {
  // The request also carries the target's identity, which the policy inherits.
  const identity =
    64 +
    (target.serviceNamespace?.value.length ?? 0) +
    (target.resourceId?.value.length ?? 0) +
    (target.scalableDimension?.value.length ?? 0);
  // The compact form is never longer than the text, so most policies stop here.
  if (policy.range.end - policy.range.start + identity <= MAX_REQUEST_BYTES) return;
  // The alarms go to PutMetricAlarm, not in this request.
  const skip: Range[] = [];
  for (const key of ['CloudWatchAlarm', 'CloudWatchAlarms']) {
    const alarm = member(policy, key);
    if (alarm && alarm.type !== 'missing') skip.push({ start: alarm.keyStart, end: alarm.end });
  }
  const bytes = compactJsonBytes(ctx.text, policy.range.start, policy.range.end, skip) + identity;
  if (bytes <= MAX_REQUEST_BYTES) return;
  ctx.report({
    code: CODES.size,
    range: metricsKey,
    message: `With this metric math the PutScalingPolicy request comes to about ${(bytes / 1024).toFixed(1)} KB, and AWS rejects requests over 50 KB. Use fewer queries or shorter labels, or publish one metric that already aggregates what you need.`,
  });
}

function checkIds(queries: MetricDataQuery[], ctx: RuleContext): Map<string, MetricDataQuery> {
  const byId = new Map<string, MetricDataQuery>();
  for (const query of queries) {
    const id = query.id;
    if (!id || id.value.length === 0) continue; // missing or empty: the schema reports it
    if (!isLower(id.value.charCodeAt(0))) {
      ctx.report({
        code: CODES.id,
        range: insideString(ctx.text, id, 0, 1),
        message: `Query Id "${id.value}" must start with a lowercase letter, such as "${id.value.charAt(0).toLowerCase()}${id.value.slice(1)}"; AWS rejects it otherwise. Rename it here and in the expressions that use it.`,
      });
    } else {
      const bad = INVALID_ID_CHARACTER.exec(id.value);
      if (bad)
        ctx.report({
          code: CODES.id,
          range: insideString(ctx.text, id, bad.index, bad[0].length),
          message: `Query Id "${id.value}" may hold only letters, digits and underscores, not "${bad[0]}"; AWS rejects it otherwise. Rename it here and in the expressions that use it.`,
        });
    }
    const first = byId.get(id.value);
    if (first) {
      ctx.report({
        code: CODES.id,
        range: id.range,
        message: `Another query of this policy already has Id "${id.value}"; Ids must be unique, since expressions name queries by them. Rename one of the two.`,
        related: [{ ...first.id!.range, message: `"${id.value}" is first used here` }],
      });
    } else {
      byId.set(id.value, query);
    }
  }
  return byId;
}

function checkExpressionXorStat(query: MetricDataQuery, ctx: RuleContext): void {
  const expression = member(query, 'Expression');
  const stat = member(query, 'MetricStat');
  if (expression && stat) {
    const [first, second] = expression.keyStart < stat.keyStart ? [expression, stat] : [stat, expression];
    ctx.report({
      code: CODES.exprXorStat,
      range: second.keyRange,
      message: `Query ${queryName(query)} has both an Expression and a MetricStat; a query either fetches a metric or computes one, and AWS rejects both. Split it into two queries, or remove one.`,
      related: [{ ...first.keyRange, message: `${first.key!} is here` }],
    });
  } else if (!expression && !stat) {
    ctx.report({
      code: CODES.exprXorStat,
      range: queryHead(query),
      message: `Query ${queryName(query)} has neither an Expression nor a MetricStat, so it yields nothing, and AWS rejects it. Add a MetricStat to fetch a metric or an Expression to compute one.`,
    });
  }
  const metric = query.metricStat?.metric;
  if (metric?.keyRange) {
    const missing = ['MetricName', 'Namespace'].filter((key) => !has(metric, key));
    if (missing.length > 0) {
      ctx.report({
        code: CODES.exprXorStat,
        range: metric.keyRange,
        message: `This Metric lacks ${missing.join(' and ')}, so CloudWatch cannot tell which metric to fetch. Add ${missing.length === 1 ? 'it' : 'them'} (with the Dimensions the metric was published with).`,
      });
    }
  }
}

interface Usage {
  /** Per query, what its expression refers to. */
  refs: Map<MetricDataQuery, ExpressionRefs>;
  /** Whether some expression names an Id that no query has. */
  unknownRefs: boolean;
  /** Per Id, the names of the other queries that use it. */
  usedBy: Map<string, string[]>;
}

function readUsage(queries: MetricDataQuery[], byId: Map<string, MetricDataQuery>): Usage {
  const refs = new Map<MetricDataQuery, ExpressionRefs>();
  const usedBy = new Map<string, string[]>();
  let unknownRefs = false;
  const isKnownId = (word: string): boolean => byId.has(word);
  const use = (id: string, by: MetricDataQuery): void => {
    if (by.id?.value === id) return;
    const users = usedBy.get(id);
    if (!users) usedBy.set(id, [queryName(by)]);
    else if (!users.includes(queryName(by))) users.push(queryName(by));
  };
  for (const query of queries) {
    if (!query.expression) continue;
    const read = expressionRefs(query.expression.value, isKnownId);
    refs.set(query, read);
    for (const ref of read.refs) {
      use(ref.id, query);
      if (!byId.has(ref.id)) unknownRefs = true;
    }
    if (read.usesAll) for (const other of queries) if (other.id) use(other.id.value, query);
  }
  return { refs, unknownRefs, usedBy };
}

function checkRefs(
  queries: MetricDataQuery[],
  byId: Map<string, MetricDataQuery>,
  usage: Usage,
  ctx: RuleContext,
): void {
  // Name a few of the Ids in the message, not hundreds.
  const known =
    [...byId.keys()]
      .slice(0, 8)
      .map((k) => `"${k}"`)
      .join(', ') + (byId.size > 8 ? ', …' : '');
  for (const [query, read] of usage.refs) {
    for (const ref of read.refs) {
      if (byId.has(ref.id)) continue;
      ctx.report({
        code: CODES.refs,
        range: insideString(ctx.text, query.expression!, ref.at, ref.id.length),
        message: `This expression uses "${ref.id}", but no query of this policy has that Id${byId.size > 0 ? ` (there are ${known})` : ''}. Fix the name, or add the query.`,
      });
    }
  }
  // Cycles: a depth-first walk over the Id graph, without recursion so a long chain in a
  // hostile document cannot exhaust the stack. Each edge back into the walk's path is one cycle.
  const state = new Map<MetricDataQuery, 'open' | 'done'>();
  for (const root of queries) {
    if (state.has(root) || !usage.refs.has(root)) continue;
    const path: { query: MetricDataQuery; next: number }[] = [{ query: root, next: 0 }];
    state.set(root, 'open');
    while (path.length > 0) {
      const frame = path[path.length - 1]!;
      const refs = usage.refs.get(frame.query)?.refs ?? [];
      if (frame.next >= refs.length) {
        state.set(frame.query, 'done');
        path.pop();
        continue;
      }
      const ref = refs[frame.next++]!;
      const target = byId.get(ref.id);
      if (!target) continue;
      const seen = state.get(target);
      if (seen === 'open') {
        const from = path.findIndex((f) => f.query === target);
        const cycle = [...path.slice(from).map((f) => f.query.id?.value ?? '?'), ref.id].join(' → ');
        ctx.report({
          code: CODES.refs,
          range: insideString(ctx.text, frame.query.expression!, ref.at, ref.id.length),
          message: `This expression uses "${ref.id}", which depends on this query in turn (${cycle}); CloudWatch cannot compute a cycle. Make the chain end in metrics.`,
        });
      } else if (seen === undefined) {
        state.set(target, 'open');
        path.push({ query: target, next: 0 });
      }
    }
  }
}

/** The edit that sets a query's ReturnData, keeping the query's layout. */
function setReturnData(text: string, query: MetricDataQuery, value: boolean): TextEdit[] {
  if (query.returnData) return [{ ...query.returnData.range, newText: String(value) }];
  const edit = appendMemberEdit(text, query.item, 'ReturnData', String(value));
  return edit ? [edit] : [];
}

function checkReturnData(queries: MetricDataQuery[], metricsKey: Range, usage: Usage, ctx: RuleContext): void {
  // A ReturnData of another type is the schema's to report; without it the count is unknown.
  if (queries.some((q) => q.returnData === undefined && has(q, 'ReturnData'))) return;
  const returns = (q: MetricDataQuery): boolean => q.returnData?.value ?? true; // the API's default
  const isInput = (q: MetricDataQuery): boolean => q.id !== undefined && usage.usedBy.has(q.id.value);
  const returning = queries.filter(returns);
  if (returning.length === 0) {
    const finals = queries.filter((q) => !isInput(q));
    const fix = finals.length === 1 ? finals[0]! : undefined;
    ctx.report({
      code: CODES.returnData,
      range: metricsKey,
      message: `No query here has ReturnData true, so the policy has no metric to track. Set ReturnData to true on the final expression${fix ? ` (${queryName(fix)})` : ''}.`,
      fixes: fix
        ? [{ title: `Set ReturnData to true on ${queryName(fix)}`, edits: setReturnData(ctx.text, fix, true) }]
        : [],
    });
    return;
  }
  if (returning.length === 1) return;
  const finals: MetricDataQuery[] = [];
  for (const query of returning) {
    if (!isInput(query)) {
      finals.push(query);
      continue;
    }
    const why = query.returnData ? 'its ReturnData is true' : 'it leaves out ReturnData, which then defaults to true';
    ctx.report({
      code: CODES.returnData,
      range: queryHead(query, true),
      message: `Query ${queryName(query)} feeds ${usage.usedBy.get(query.id!.value)!.join(', ')}, but ${why}: only the final expression may return data. Set ReturnData to false here.`,
      fixes: [
        { title: `Set ReturnData to false on ${queryName(query)}`, edits: setReturnData(ctx.text, query, false) },
      ],
    });
  }
  if (finals.length < 2) return;
  const names = finals.map(queryName).join(', ');
  for (const query of finals) {
    const why = query.returnData ? '' : ' (an omitted ReturnData counts as true)';
    ctx.report({
      code: CODES.returnData,
      range: queryHead(query, true),
      message: `Queries ${names} all return data${why}, but the tracked metric must be one time series. Combine them in one final expression with ReturnData true, and set ReturnData to false on the others.`,
    });
  }
}

function checkUnused(queries: MetricDataQuery[], usage: Usage, ctx: RuleContext): void {
  // A misspelt Id (tt.math-refs) or no result at all (tt.math-returndata) is reported
  // already; the queries it leaves unused would only repeat it.
  if (usage.unknownRefs || !queries.some((q) => q.returnData?.value ?? true)) return;
  for (const query of queries) {
    if (query.returnData?.value !== false || !query.id || usage.usedBy.has(query.id.value)) continue;
    ctx.report({
      code: CODES.unused,
      range: query.id.range,
      message: `Query "${query.id.value}" returns no data and no expression uses it, so it is fetched for nothing. Use it in the final expression, or remove it.`,
    });
  }
}

function checkMetricMath(
  customized: CustomizedMetric,
  policy: ScalingPolicy,
  target: ScalableTarget,
  ctx: RuleContext,
): void {
  const metrics = customized.metrics;
  if (!metrics?.keyRange) return;
  const namespace = target.serviceNamespace;
  const service = namespace && NO_METRIC_MATH[namespace.value];
  if (service) {
    ctx.report({
      code: CODES.unsupported,
      range: metrics.keyRange,
      message: `Metric math is not available for ${service}; AWS rejects this policy. Track a predefined metric, or a single customized metric with MetricName, Namespace and Statistic.`,
      related: [{ ...namespace.range, message: `ServiceNamespace is "${namespace.value}" here` }],
    });
  }
  checkSize(policy, target, metrics.keyRange, ctx);
  const queries = metrics.items;
  if (queries.length === 0) return; // tt.custom-form reports an empty Metrics
  const byId = checkIds(queries, ctx);
  for (const query of queries) checkExpressionXorStat(query, ctx);
  const usage = readUsage(queries, byId);
  checkRefs(queries, byId, usage, ctx);
  checkReturnData(queries, metrics.keyRange, usage, ctx);
  checkUnused(queries, usage, ctx);
}

const metricMath = defineMultiCodeRule(META, {
  policy(policy, target, ctx) {
    const customized = trackingOf(policy)?.customized;
    if (customized) checkMetricMath(customized, policy, target, ctx);
  },
});

export const metricMathRules: Rule[] = [metricMath];
