import type { Finding } from '../finding';
import { RULE_LEVELS, type RuleConfig, type RuleLevel } from './config';
import { parseDocument } from '../document/parse';
import { RETIRED_BY_CODE, retiredNote } from '../rules/retired';

/** The name of the rule configuration file that the CLI and the server look for. */
export const RULE_CONFIG_FILE = '.scalingrc.json';

/**
 * Reads `.scalingrc.json` text: `{ "rules": { "<code>": "error|warning|information|off" } }`.
 * Unknown codes and bad levels become findings at their place in the file, never silence.
 */
export function parseRuleConfigText(
  text: string,
  knownCodes: ReadonlySet<string>,
): { config: RuleConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const rules: Record<string, RuleLevel> = {};
  const { root, syntaxErrors } = parseDocument(text);
  for (const e of syntaxErrors) {
    findings.push({
      code: 'format.rule-config',
      severity: 'error',
      start: e.offset,
      end: e.offset + Math.max(e.length, 1),
      message: 'This is not valid JSON; the rule configuration cannot be read.',
    });
  }
  if (!root) return { config: { rules }, findings };
  if (root.type !== 'object') {
    findings.push({
      code: 'format.rule-config',
      severity: 'error',
      start: root.start,
      end: root.end,
      message: 'The rule configuration must be an object: { "rules": { "<code>": "warning" } }.',
    });
    return { config: { rules }, findings };
  }
  for (const setting of root.children ?? []) {
    if (setting.key !== 'rules') {
      findings.push({
        code: 'format.rule-config',
        severity: 'error',
        start: setting.keyStart,
        end: setting.keyEnd,
        message: `Unknown setting "${String(setting.key)}"; the only setting is "rules".`,
      });
      continue;
    }
    if (setting.type !== 'object') {
      if (setting.type !== 'missing')
        findings.push({
          code: 'format.rule-config',
          severity: 'error',
          start: setting.start,
          end: setting.end,
          message: '"rules" must map rule codes to error, warning, information or off.',
        });
      continue;
    }
    for (const rule of setting.children ?? []) {
      const code = rule.key!;
      if (!knownCodes.has(code)) {
        const retired = RETIRED_BY_CODE.get(code);
        findings.push({
          code: 'format.unknown-rule',
          severity: 'warning',
          start: rule.keyStart,
          end: rule.keyEnd,
          message: retired
            ? `${retiredNote(retired)}, so this setting changes nothing; remove it.`
            : `"${code}" is not a rule code, so this setting changes nothing. See docs/rules.md for the codes.`,
        });
      }
      const level = rule.value as RuleLevel;
      if (rule.type !== 'string' || !RULE_LEVELS.includes(level)) {
        const at = rule.type === 'missing' ? rule.keyRange : rule.range;
        findings.push({
          code: 'format.rule-config',
          severity: 'error',
          start: at.start,
          end: at.end,
          message: `The level of "${code}" must be "error", "warning", "information" or "off".`,
        });
        continue;
      }
      if (knownCodes.has(code)) rules[code] = level;
    }
  }
  return { config: { rules }, findings };
}

/**
 * Where to look for the rule configuration of a file in `folder` (a POSIX or Windows
 * absolute path): `.scalingrc.json` in that folder, then in each parent up to the root.
 * The caller takes the first that exists; core does no I/O.
 */
export function ruleConfigCandidates(folder: string): string[] {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const parts = folder.split(separator);
  const candidates: string[] = [];
  for (let n = parts.length; n > 0; n--) {
    const dir = parts.slice(0, n).join(separator);
    candidates.push(`${dir === '' ? '' : dir}${separator}${RULE_CONFIG_FILE}`);
  }
  return candidates;
}
