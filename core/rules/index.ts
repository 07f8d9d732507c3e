import type { Rule, RuleMeta } from '../lint/rule';
import { policyTypeRules } from './policyType';
import { alarmRules } from './alarm';
import { cooldownRules } from './cooldowns';
import { liveRules } from './liveRules';
import { metricMathRules } from './metricMath';
import { quotaRules } from './quotas';
import { readOnlyRules } from './readOnly';
import { sanityRules } from './sanity';
import { scheduleRules } from './schedules';
import { stepRules } from './steps';
import { targetTrackingRules } from './targetTracking';
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
  ...stepRules,
  ...alarmRules,
  ...targetTrackingRules,
  ...metricMathRules,
  ...cooldownRules,
  ...scheduleRules,
  ...quotaRules,
  ...sanityRules,
  ...liveRules,
];

/** Codes the engine reports itself, outside any rule. */
const ENGINE_CODES: RuleMeta[] = [
  { code: 'format.too-deep', severity: 'error', title: 'The document is nested too deeply to read' },
  { code: 'format.empty', severity: 'warning', title: 'The file is empty' },
  { code: 'format.unused-disable', severity: 'warning', title: 'A disable comment silences nothing' },
  { code: 'format.unknown-rule', severity: 'warning', title: 'A disable comment or rule setting names no rule' },
  { code: 'format.rule-config', severity: 'error', title: 'A rule configuration value is not a level' },
  // Reported by the CLI, which reads files as bytes; the editor decodes them itself.
  { code: 'format.encoding', severity: 'error', title: 'The file is not UTF-8 text' },
];

/** Every code the engine can report, with its default severity and documentation. */
export const RULES_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map(
  [...ALL_RULES.flatMap((r) => r.codes), ...ENGINE_CODES].map((meta) => [meta.code, meta]),
);
