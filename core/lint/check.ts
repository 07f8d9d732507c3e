import { applyRuleConfig, type RuleConfig } from './config';
import type { Finding } from '../finding';
import { buildModel, type ScalingFile } from '../document/model';
import { parseDocument, type ParsedDocument } from '../document/parse';
import type { Report, Rule, RuleContext, RuleMeta } from './rule';
import { ALL_RULES, ENGINE_CODES, RULES_BY_CODE } from '../rules';
import { applySuppressions } from './suppressions';

export interface CheckOptions {
  /** The clock, for rules about times (schedules in the past). */
  now: Date;
  /** Severity changes and rules turned off. */
  config?: RuleConfig;
  /** The rules to run; all of them by default. Tests pass one at a time. */
  rules?: readonly Rule[];
}

/** The result of checking one document: the parse, the model and the semantic findings. */
export interface Analysis {
  parsed: ParsedDocument;
  model: ScalingFile | undefined;
  findings: Finding[];
}

const KNOWN_CODES: ReadonlySet<string> = new Set(RULES_BY_CODE.keys());

/** The codes this file reports itself in every pass (a document too deep, or empty). */
const PASS_CODES = ENGINE_CODES.filter((c) => c.definedIn === 'core/lint/check.ts').map((c) => c.code);

/** The codes these rules can report in this pass: live rules, which have no visitors, report elsewhere. */
function codesRunBy(rules: readonly Rule[]): ReadonlySet<string> {
  const ran = rules.filter((r) => r.file || r.target || r.policy || r.scheduledAction);
  return new Set([...ran.flatMap((r) => r.codes.map((c) => c.code)), ...PASS_CODES]);
}

/** A rule and one of its visitors. */
interface Visit<V> {
  rule: Rule;
  visit: V;
}

interface VisitorLists {
  fileVisitors: Visit<NonNullable<Rule['file']>>[];
  targetVisitors: Visit<NonNullable<Rule['target']>>[];
  policyVisitors: Visit<NonNullable<Rule['policy']>>[];
  actionVisitors: Visit<NonNullable<Rule['scheduledAction']>>[];
  /** The codes these rules report in this pass (for telling unused disable comments). */
  ranCodes: ReadonlySet<string>;
}

/** The rules with visitors of each kind, worked out once per rule set rather than per analysis. */
const visitorCache = new WeakMap<readonly Rule[], VisitorLists>();

function visitsOf<V>(rules: readonly Rule[], visitorOf: (rule: Rule) => V | undefined): Visit<V>[] {
  const visits: Visit<V>[] = [];
  for (const rule of rules) {
    const visit = visitorOf(rule);
    if (visit) visits.push({ rule, visit });
  }
  return visits;
}

function visitorsOf(rules: readonly Rule[]): VisitorLists {
  let lists = visitorCache.get(rules);
  if (!lists) {
    lists = {
      fileVisitors: visitsOf(rules, (r) => r.file),
      targetVisitors: visitsOf(rules, (r) => r.target),
      policyVisitors: visitsOf(rules, (r) => r.policy),
      actionVisitors: visitsOf(rules, (r) => r.scheduledAction),
      ranCodes: codesRunBy(rules),
    };
    visitorCache.set(rules, lists);
  }
  return lists;
}

/** Parses a document and runs the semantic rules over it in one walk of the model. */
export function analyzeText(text: string, options: CheckOptions): Analysis {
  return analyzeParsed(parseDocument(text), options);
}

/** Runs the semantic rules over an already parsed document. */
export function analyzeParsed(parsed: ParsedDocument, options: CheckOptions): Analysis {
  const model = buildModel(parsed.root);
  const findings: Finding[] = [];
  if (parsed.tooDeep) {
    findings.push({
      code: 'format.too-deep',
      severity: 'error',
      start: 0,
      end: Math.min(parsed.text.length, 1),
      message:
        'The document is nested too deeply to read. A scaling file is a few levels deep; check that it is the right file.',
    });
  }
  if (!parsed.root && !parsed.tooDeep && parsed.syntaxErrors.length === 0) {
    findings.push({
      code: 'format.empty',
      severity: 'warning',
      start: 0,
      end: parsed.text.length,
      message: 'The file is empty. A scaling file is an object: { "ScalableTargets": [ … ] }.',
    });
  }
  if (!model) return { parsed, model, findings: applyRuleConfig(findings, options.config) };

  const rules = options.rules ?? ALL_RULES;
  const ctx = new AnalysisContext(parsed.text, model, options.now, findings);

  // One walk: each entity is visited once and every rule that cares sees it there; the
  // context knows which rule is visiting, so a report carries that rule's code.
  const { fileVisitors, targetVisitors, policyVisitors, actionVisitors, ranCodes } = visitorsOf(rules);
  for (const { rule, visit } of fileVisitors) visit(model, ctx.visiting(rule));
  for (const target of model.targets) {
    for (const { rule, visit } of targetVisitors) visit(target, ctx.visiting(rule));
    for (const policy of target.policies) {
      for (const { rule, visit } of policyVisitors) visit(policy, target, ctx.visiting(rule));
    }
    for (const action of target.scheduledActions) {
      for (const { rule, visit } of actionVisitors) visit(action, target, ctx.visiting(rule));
    }
  }

  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  const unsuppressed = applySuppressions(parsed.text, findings, KNOWN_CODES, ranCodes);
  return { parsed, model, findings: applyRuleConfig(unsuppressed, options.config) };
}

/** The context of one analysis: the rules report into its findings, under the code of the rule visiting. */
class AnalysisContext implements RuleContext {
  private rule: Rule | undefined;

  constructor(
    readonly text: string,
    readonly file: ScalingFile,
    readonly now: Date,
    private readonly findings: Finding[],
  ) {}

  /** Marks `rule` as the one whose visitor runs next. */
  visiting(rule: Rule): this {
    this.rule = rule;
    return this;
  }

  report(report: Report): void {
    const codes = this.rule!.codes;
    let meta: RuleMeta | undefined;
    if (report.code === undefined) {
      if (codes.length !== 1)
        throw new Error(`a rule with codes ${codes.map((c) => c.code).join(', ')} must name the code it reports`);
      meta = codes[0]!;
    } else {
      meta = RULES_BY_CODE.get(report.code);
    }
    const finding: Finding = {
      code: report.code ?? meta!.code,
      message: report.message,
      start: report.range.start,
      end: report.range.end,
      severity: report.severity ?? meta?.severity ?? 'error',
    };
    if (report.related?.length) finding.related = report.related;
    if (report.fixes?.length) finding.fixes = report.fixes;
    if (report.unnecessary) finding.unnecessary = true;
    this.findings.push(finding);
  }
}
