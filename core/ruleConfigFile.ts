import type { Finding } from './finding';
import { RULE_LEVELS, type RuleConfig, type RuleLevel } from './config';
import { parseDocument } from './parse';

/** The name of the rule configuration file that the CLI and the server look for. */
export const RULE_CONFIG_FILE = '.scalingrc.json';

/**
 * Reads `.scalingrc.json` text: `{ "rules": { "<code>": "error|warning|information|off" } }`.
 * Unknown codes and bad levels become findings at their place in the file, never silence.
 */
export function parseRuleConfigText(text: string, knownCodes: ReadonlySet<string>): { config: RuleConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const rules: Record<string, RuleLevel> = {};
  const { root, syntaxErrors } = parseDocument(text);
  for (const e of syntaxErrors) {
    findings.push({ code: 'format.rule-config', severity: 'error', start: e.offset, end: e.offset + Math.max(e.length, 1), message: 'This is not valid JSON; the rule configuration cannot be read.' });
  }
  if (!root) return { config: { rules }, findings };
  if (root.type !== 'object') {
    findings.push({ code: 'format.rule-config', severity: 'error', start: root.offset, end: root.offset + root.length, message: 'The rule configuration must be an object: { "rules": { "<code>": "warning" } }.' });
    return { config: { rules }, findings };
  }
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key) continue;
    if (key.value !== 'rules') {
      findings.push({ code: 'format.rule-config', severity: 'error', start: key.offset, end: key.offset + key.length, message: `Unknown setting "${String(key.value)}"; the only setting is "rules".` });
      continue;
    }
    if (value?.type !== 'object') {
      if (value) findings.push({ code: 'format.rule-config', severity: 'error', start: value.offset, end: value.offset + value.length, message: '"rules" must map rule codes to error, warning, information or off.' });
      continue;
    }
    for (const rule of value.children ?? []) {
      const [codeNode, levelNode] = rule.children ?? [];
      if (!codeNode) continue;
      const code = String(codeNode.value);
      if (!knownCodes.has(code)) {
        findings.push({ code: 'format.unknown-rule', severity: 'warning', start: codeNode.offset, end: codeNode.offset + codeNode.length, message: `"${code}" is not a rule code, so this setting changes nothing. See docs/rules.md for the codes.` });
      }
      const level = levelNode?.value as RuleLevel;
      if (!levelNode || levelNode.type !== 'string' || !RULE_LEVELS.includes(level)) {
        const at = levelNode ?? codeNode;
        findings.push({ code: 'format.rule-config', severity: 'error', start: at.offset, end: at.offset + at.length, message: `The level of "${code}" must be "error", "warning", "information" or "off".` });
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
