import type { Finding, Fix, Range, RelatedLocation, Severity } from '../finding';
import type { ScalableTarget, ScalingFile, ScalingPolicy, ScheduledAction } from '../document/model';

/** What the registry knows of one diagnostic code: its default severity and its documentation. */
export interface RuleMeta {
  /** Stable code, as in the rule catalogue: `target.min-le-max`. */
  code: string;
  severity: Severity;
  /** One line: what the rule checks. */
  title: string;
  /** Markdown: why it matters and how to fix it. */
  description?: string;
}

/** Extra parts of a finding beyond its place and message. */
export interface ReportExtra {
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
  unnecessary?: boolean;
}

/** Passed to every visitor: the document and a way to report. */
export interface RuleContext {
  readonly text: string;
  readonly file: ScalingFile;
  /** The clock: rules never read the system time. */
  readonly now: Date;
  report(code: string, range: Range, message: string, extra?: ReportExtra): void;
}

/**
 * A rule: the codes it may report and the visitors the engine calls in its single walk
 * over the model. Most rules have one code and report through the `report` they are
 * handed; a checker such as the schedule parser has many and reports through `ctx.report`.
 */
export interface Rule {
  codes: RuleMeta[];
  /** The reporter handed to this rule's visitors: it reports to the analysis under way (see `duringAnalysis`). */
  report: Reporter;
  file?(file: ScalingFile, report: Reporter, ctx: RuleContext): void;
  target?(target: ScalableTarget, report: Reporter, ctx: RuleContext): void;
  policy?(policy: ScalingPolicy, target: ScalableTarget, report: Reporter, ctx: RuleContext): void;
  scheduledAction?(action: ScheduledAction, target: ScalableTarget, report: Reporter, ctx: RuleContext): void;
}

/** The visitors of a rule, which report without naming the code again (a single-code rule) or through ctx.report. */
export type RuleVisitors = Pick<Rule, 'file' | 'target' | 'policy' | 'scheduledAction'>;

export type Reporter = (range: Range, message: string, extra?: ReportExtra) => void;

/**
 * Defines a rule with one code. Its visitors are called directly, with one reporter made
 * here for the rule's lifetime: a large file has a quarter of a million visits, too many
 * for a wrapper or a reporter made per visit; and a typical file is checked in some 60 µs,
 * too short to make or bind a hundred reporters per analysis.
 */
export function defineRule(meta: RuleMeta, visitors: RuleVisitors): Rule {
  const report: Reporter = (range, message, extra) => {
    if (!current) throw new Error(`rule ${meta.code} reported outside an analysis`);
    current.report(meta.code, range, message, extra);
  };
  return ruleOf([meta], report, visitors);
}

/** The analysis whose walk is under way: the one place every rule's reporter reports to. */
let current: RuleContext | undefined;

/** Runs an analysis's walk, with the rules' reporters reporting to `ctx` (and to nothing after). */
export function duringAnalysis(ctx: RuleContext, walk: () => void): void {
  const previous = current;
  current = ctx;
  try {
    walk();
  } finally {
    current = previous;
  }
}

/** Defines a rule with several codes; its visitors report through `ctx.report`, naming the code. */
export function defineMultiCodeRule(codes: RuleMeta[], visitors: RuleVisitors): Rule {
  const report: Reporter = () => {
    throw new Error(`a rule with codes ${codes.map((c) => c.code).join(', ')} reports through ctx.report`);
  };
  return ruleOf(codes, report, visitors);
}

/** Every rule object has the same fields in the same order, so the engine's loops see one shape. */
function ruleOf(codes: RuleMeta[], report: Reporter, visitors: RuleVisitors): Rule {
  return {
    codes,
    report,
    file: visitors.file,
    target: visitors.target,
    policy: visitors.policy,
    scheduledAction: visitors.scheduledAction,
  };
}

export type { Finding };

/** The anchor of a rule's section in docs/rules.md (GitHub's heading slug of the code). */
export function docsAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}
