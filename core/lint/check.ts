import { applyRuleConfig, type RuleConfig } from './config';
import type { Finding, Range } from '../finding';
import { buildModel, type ScalingFile } from '../document/model';
import { parseDocument, type ParsedDocument } from '../document/parse';
import { duringAnalysis, type Rule, type RuleContext, type ReportExtra } from './rule';
import { ALL_RULES, RULES_BY_CODE } from '../rules';
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
const ENGINE_CODES = ['format.too-deep', 'format.empty'];

/** The codes these rules can report in this pass: live rules, which have no visitors, report elsewhere. */
function codesRunBy(rules: readonly Rule[]): ReadonlySet<string> {
  const ran = rules.filter((r) => r.file || r.target || r.policy || r.scheduledAction);
  return new Set([...ran.flatMap((r) => r.codes.map((c) => c.code)), ...ENGINE_CODES]);
}

interface VisitorLists {
  fileVisitors: Rule[];
  targetVisitors: Rule[];
  policyVisitors: Rule[];
  actionVisitors: Rule[];
  /** The codes these rules report in this pass (for telling unused disable comments). */
  ranCodes: ReadonlySet<string>;
}

/** The rules with visitors of each kind, worked out once per rule set rather than per analysis. */
const visitorCache = new WeakMap<readonly Rule[], VisitorLists>();

function visitorsOf(rules: readonly Rule[]): VisitorLists {
  let lists = visitorCache.get(rules);
  if (!lists) {
    lists = {
      fileVisitors: rules.filter((r) => r.file),
      targetVisitors: rules.filter((r) => r.target),
      policyVisitors: rules.filter((r) => r.policy),
      actionVisitors: rules.filter((r) => r.scheduledAction),
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
  const ctx: RuleContext = {
    text: parsed.text,
    file: model,
    now: options.now,
    report(code: string, range: Range, message: string, extra?: ReportExtra) {
      const meta = RULES_BY_CODE.get(code);
      const finding: Finding = {
        code,
        message,
        start: range.start,
        end: range.end,
        severity: extra?.severity ?? meta?.severity ?? 'error',
      };
      if (extra?.related?.length) finding.related = extra.related;
      if (extra?.fixes?.length) finding.fixes = extra.fixes;
      if (extra?.unnecessary) finding.unnecessary = true;
      findings.push(finding);
    },
  };

  // One walk: each entity is visited once and every rule that cares sees it there, with
  // its own reporter (reporting to this analysis during the walk, and to none after it).
  const { fileVisitors, targetVisitors, policyVisitors, actionVisitors, ranCodes } = visitorsOf(rules);
  duringAnalysis(ctx, () => {
    for (const rule of fileVisitors) rule.file!(model, rule.report, ctx);
    for (const target of model.targets) {
      for (const rule of targetVisitors) rule.target!(target, rule.report, ctx);
      for (const policy of target.policies) {
        for (const rule of policyVisitors) rule.policy!(policy, target, rule.report, ctx);
      }
      for (const action of target.scheduledActions) {
        for (const rule of actionVisitors) rule.scheduledAction!(action, target, rule.report, ctx);
      }
    }
  });

  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  const unsuppressed = applySuppressions(parsed.text, findings, KNOWN_CODES, ranCodes);
  return { parsed, model, findings: applyRuleConfig(unsuppressed, options.config) };
}
