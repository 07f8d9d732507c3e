import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mergeRuleConfigs, type RuleConfig } from '../core/lint/config';
import { RuleConfigLookup, type FoundRuleConfig } from '../core/lint/ruleConfigLookup';
import { readText } from './lintFile';

/** The nearest `.scalingrc.json` above the CLI's files, read with Node's fs, each file once per run. */
export function ruleConfigLookup(): RuleConfigLookup {
  return new RuleConfigLookup({ exists: existsSync, read: readText });
}

/** The configuration for a file: its nearest `.scalingrc.json`, with `base` (command-line or none) on top. */
export async function ruleConfigForFile(
  lookup: RuleConfigLookup,
  file: string,
  base?: RuleConfig,
): Promise<{ config: RuleConfig; source: FoundRuleConfig | undefined }> {
  const source = await lookup.forFolder(dirname(resolve(file)));
  return { config: mergeRuleConfigs(source?.config, base), source };
}
