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

/** A finding as a rule reports it: its place, its message and whatever else it carries. */
export interface Report {
  range: Range;
  message: string;
  /** Which of the rule's codes; a rule with one code leaves it out. */
  code?: string;
  /** Another severity than the code's default. */
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
  unnecessary?: boolean;
}

/** Passed to every visitor: the document, the clock and the one way to report. */
export interface RuleContext {
  readonly text: string;
  readonly file: ScalingFile;
  /** The clock: rules never read the system time. */
  readonly now: Date;
  /** Reports a finding under the visiting rule's code, or under `code` for a rule with several. */
  report(finding: Report): void;
}

/** A rule: the codes it may report and the visitors the engine calls in its single walk over the model. */
export interface Rule {
  codes: RuleMeta[];
  file?(file: ScalingFile, ctx: RuleContext): void;
  target?(target: ScalableTarget, ctx: RuleContext): void;
  policy?(policy: ScalingPolicy, target: ScalableTarget, ctx: RuleContext): void;
  scheduledAction?(action: ScheduledAction, target: ScalableTarget, ctx: RuleContext): void;
}

/** The visitors of a rule. */
export type RuleVisitors = Pick<Rule, 'file' | 'target' | 'policy' | 'scheduledAction'>;

/** Defines a rule with one code: its reports carry that code. */
export function defineRule(meta: RuleMeta, visitors: RuleVisitors): Rule {
  return { codes: [meta], ...visitors };
}

/** Defines a rule with several codes: each report names its code. */
export function defineMultiCodeRule(codes: RuleMeta[], visitors: RuleVisitors): Rule {
  return { codes, ...visitors };
}

export type { Finding };

/** A rule's page, relative to docs/: `rules/target.min-le-max.md` (codes are lowercase words, dots and dashes). */
export function rulePagePath(code: string): string {
  return `rules/${code.replace(/[^a-z0-9.-]/gi, '-')}.md`;
}
