import type { Finding, Severity } from '../finding';
import { RETIRED_BY_CODE, retiredNote } from '../rules/retired';

/** A rule's configured level: a severity, or off. */
export type RuleLevel = Severity | 'off';

/** Rule configuration from settings or `.scalingrc.json`: `{ "rules": { "<code>": "warning" } }`. */
export interface RuleConfig {
  rules?: Record<string, RuleLevel>;
}

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'off'];

/** Merges configurations; later ones win per rule code. */
export function mergeRuleConfigs(...configs: (RuleConfig | undefined)[]): RuleConfig {
  const rules: Record<string, RuleLevel> = {};
  for (const config of configs) Object.assign(rules, config?.rules ?? {});
  return { rules };
}

/** Problems in a configuration: unknown rule codes and unknown levels, in the user's terms. */
export function checkRuleConfig(config: unknown, knownCodes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (config === undefined || config === null) return problems;
  if (typeof config !== 'object' || Array.isArray(config))
    return ['the rule configuration must be an object like { "rules": { "<code>": "warning" } }'];
  const rules = (config as { rules?: unknown }).rules;
  if (rules === undefined) return problems;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules))
    return ['"rules" must be an object mapping rule codes to error, warning, information or off'];
  for (const [code, level] of Object.entries(rules)) {
    const retired = RETIRED_BY_CODE.get(code);
    if (retired && !knownCodes.has(code)) problems.push(`${retiredNote(retired)}; remove it`);
    else if (!knownCodes.has(code)) problems.push(`unknown rule code "${code}"`);
    if (!RULE_LEVELS.includes(level as RuleLevel))
      problems.push(`rule "${code}": level must be error, warning, information or off, not ${JSON.stringify(level)}`);
  }
  return problems;
}

/** Applies configured levels: drops findings of rules turned off and re-grades the others. */
export function applyRuleConfig(findings: Finding[], config: RuleConfig | undefined): Finding[] {
  const rules = config?.rules;
  if (!rules || Object.keys(rules).length === 0) return findings;
  const result: Finding[] = [];
  for (const finding of findings) {
    const level = rules[finding.code];
    if (level === 'off') continue;
    if (level && RULE_LEVELS.includes(level)) result.push({ ...finding, severity: level });
    else result.push(finding);
  }
  return result;
}
