import type { Rule, RuleMeta } from '../lint/rule';
import { policyTypeRules } from './policyType';
import { alarmRules } from './alarm';
import { alarmActionRules } from './alarmActions';
import { cooldownRules } from './cooldowns';
import { liveRules } from './liveRules';
import { metricMathRules } from './metricMath';
import { quotaRules } from './quotas';
import { readOnlyRules } from './readOnly';
import { regionRules } from './region';
import { sanityRules } from './sanity';
import { scaleToZeroRules } from './scaleToZero';
import { scheduleRules } from './schedules';
import { statisticRules } from './statistics';
import { stepRules } from './steps';
import { targetTrackingRules } from './targetTracking';
import { scheduledActionRules } from './scheduledActions';
import { targetRules } from './targets';
import { uniqueNameRules } from './uniqueNames';

// The registry. A topic file exports its rules; adding a rule to a topic touches only that
// file, and a new topic adds one line here. Codes are public (settings, disable comments),
// so they keep their names when a rule moves: the registry records where each is defined,
// and docs/rules.md says so.

/** Each rule file, by its path in the repository, with the rules it defines. */
const RULE_FILES: readonly (readonly [string, readonly Rule[]])[] = [
  ['core/rules/region.ts', regionRules],
  ['core/rules/targets.ts', targetRules],
  ['core/rules/uniqueNames.ts', uniqueNameRules],
  ['core/rules/policyType.ts', policyTypeRules],
  ['core/rules/scheduledActions.ts', scheduledActionRules],
  ['core/rules/readOnly.ts', readOnlyRules],
  ['core/rules/steps.ts', stepRules],
  ['core/rules/alarm.ts', alarmRules],
  ['core/rules/alarmActions.ts', alarmActionRules],
  ['core/rules/targetTracking.ts', targetTrackingRules],
  ['core/rules/metricMath.ts', metricMathRules],
  ['core/rules/cooldowns.ts', cooldownRules],
  ['core/rules/schedules.ts', scheduleRules],
  ['core/rules/quotas.ts', quotaRules],
  ['core/rules/sanity.ts', sanityRules],
  ['core/rules/scaleToZero.ts', scaleToZeroRules],
  ['core/rules/statistics.ts', statisticRules],
  ['core/rules/liveRules.ts', liveRules],
];

export const ALL_RULES: readonly Rule[] = RULE_FILES.flatMap(([, rules]) => rules);

/** A code the engine or a host reports itself, outside any rule, with where. */
interface EngineCode extends RuleMeta {
  definedIn: string;
}

/** Codes reported outside any rule. */
export const ENGINE_CODES: readonly EngineCode[] = [
  {
    code: 'format.too-deep',
    severity: 'error',
    title: 'The document is nested too deeply to read',
    definedIn: 'core/lint/check.ts',
  },
  { code: 'format.empty', severity: 'warning', title: 'The file is empty', definedIn: 'core/lint/check.ts' },
  {
    code: 'format.unused-disable',
    severity: 'warning',
    title: 'A disable comment silences nothing',
    definedIn: 'core/lint/suppressions.ts',
  },
  {
    code: 'format.unknown-rule',
    severity: 'warning',
    title: 'A disable comment or rule setting names no rule',
    definedIn: 'core/lint/suppressions.ts',
  },
  {
    code: 'format.rule-config',
    severity: 'error',
    title: 'A rule configuration value is not a level',
    definedIn: 'core/lint/ruleConfigFile.ts',
  },
  // Reported by the CLI, which reads files as bytes; the editor decodes them itself.
  { code: 'format.encoding', severity: 'error', title: 'The file is not UTF-8 text', definedIn: 'cli/lintFile.ts' },
];

/** Every code the engine can report, with its default severity and documentation. */
export const RULES_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map(
  [...ALL_RULES.flatMap((r) => r.codes), ...ENGINE_CODES].map((meta) => [meta.code, meta]),
);

/** Where each code is defined: a path from the repository root. */
export const DEFINED_IN: ReadonlyMap<string, string> = new Map([
  ...RULE_FILES.flatMap(([path, rules]) => rules.flatMap((r) => r.codes.map((c) => [c.code, path] as const))),
  ...ENGINE_CODES.map((c) => [c.code, c.definedIn] as const),
]);
