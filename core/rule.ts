import type { Finding, Fix, Range, RelatedLocation, Severity } from './finding';
import type { ScalableTarget, ScalingFile, ScalingPolicy, ScheduledAction } from './model';

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
 * over the model. Most rules have one code; a checker such as the schedule parser has many.
 */
export interface Rule {
  codes: RuleMeta[];
  file?(file: ScalingFile, ctx: RuleContext): void;
  target?(target: ScalableTarget, ctx: RuleContext): void;
  policy?(policy: ScalingPolicy, target: ScalableTarget, ctx: RuleContext): void;
  scheduledAction?(action: ScheduledAction, target: ScalableTarget, ctx: RuleContext): void;
}

/** The visitors of a single-code rule, which report without naming the code again. */
export interface SingleRuleVisitors {
  file?(file: ScalingFile, report: Reporter, ctx: RuleContext): void;
  target?(target: ScalableTarget, report: Reporter, ctx: RuleContext): void;
  policy?(policy: ScalingPolicy, target: ScalableTarget, report: Reporter, ctx: RuleContext): void;
  scheduledAction?(action: ScheduledAction, target: ScalableTarget, report: Reporter, ctx: RuleContext): void;
}

export type Reporter = (range: Range, message: string, extra?: ReportExtra) => void;

/** Defines a rule with one code. */
export function defineRule(meta: RuleMeta, visitors: SingleRuleVisitors): Rule {
  // One reporter per analysis, not one per visit: a large file has a quarter of a million
  // visits. The closure is made in reporterFor, not here: a function that creates a closure
  // over its parameter allocates a context for it on every call, made or not.
  let lastCtx: RuleContext | undefined;
  let lastReporter: Reporter | undefined;
  const reporter = (ctx: RuleContext): Reporter => {
    if (ctx !== lastCtx || !lastReporter) {
      lastCtx = ctx;
      lastReporter = reporterFor(meta.code, ctx);
    }
    return lastReporter;
  };
  const rule: Rule = { codes: [meta] };
  const { file, target, policy, scheduledAction } = visitors;
  if (file) rule.file = (f, ctx) => file(f, reporter(ctx), ctx);
  if (target) rule.target = (t, ctx) => target(t, reporter(ctx), ctx);
  if (policy) rule.policy = (p, t, ctx) => policy(p, t, reporter(ctx), ctx);
  if (scheduledAction) rule.scheduledAction = (a, t, ctx) => scheduledAction(a, t, reporter(ctx), ctx);
  return rule;
}

function reporterFor(code: string, ctx: RuleContext): Reporter {
  return (range, message, extra) => ctx.report(code, range, message, extra);
}

export type { Finding };

/** The anchor of a rule's section in docs/rules.md (GitHub's heading slug of the code). */
export function docsAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}
