import type { Rule, RuleMeta } from '../rule';
import { policyTypeRules } from './policyType';
import { readOnlyRules } from './readOnly';
import { scheduledActionRules } from './scheduledActions';
import { targetRules } from './targets';
import { uniqueNameRules } from './uniqueNames';

// The registry. A topic file exports its rules; adding a rule to a topic touches only that
// file, and a new topic adds one line here.
export const ALL_RULES: readonly Rule[] = [
  ...targetRules,
  ...uniqueNameRules,
  ...policyTypeRules,
  ...scheduledActionRules,
  ...readOnlyRules,
];

/** Codes the engine reports itself, outside any rule. */
const ENGINE_CODES: RuleMeta[] = [
  { code: 'format.too-deep', severity: 'error', title: 'The document is nested too deeply to read' },
  { code: 'format.empty', severity: 'warning', title: 'The file is empty' },
  // Reported by the CLI, which reads files as bytes; the editor decodes them itself.
  { code: 'format.encoding', severity: 'error', title: 'The file is not UTF-8 text' },
];

/** Every code the engine can report, with its default severity and documentation. */
export const RULES_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map(
  [...ALL_RULES.flatMap((r) => r.codes), ...ENGINE_CODES].map((meta) => [meta.code, meta]),
);
