import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mergeRuleConfigs, type RuleConfig } from '../core/lint/config';
import { parseRuleConfigText, ruleConfigCandidates } from '../core/lint/ruleConfigFile';
import { RULES_BY_CODE } from '../core/rules';
import type { Finding } from '../core/finding';

const KNOWN = new Set(RULES_BY_CODE.keys());

export interface LoadedRuleConfig {
  path: string;
  text: string;
  config: RuleConfig;
  findings: Finding[];
}

/** Finds and reads the nearest .scalingrc.json above each file, each config file once. */
export class RuleConfigLoader {
  private readonly byFolder = new Map<string, LoadedRuleConfig | undefined>();
  private readonly byPath = new Map<string, LoadedRuleConfig>();

  constructor(private readonly read: (path: string) => string) {}

  /** The configuration for a file, merged over `base` (command-line or none). */
  forFile(file: string, base?: RuleConfig): { config: RuleConfig; source?: LoadedRuleConfig } {
    const folder = dirname(resolve(file));
    if (!this.byFolder.has(folder)) {
      const path = ruleConfigCandidates(folder).find((p) => existsSync(p));
      let loaded: LoadedRuleConfig | undefined;
      if (path) {
        loaded = this.byPath.get(path);
        if (!loaded) {
          const text = this.read(path);
          loaded = { path, text, ...parseRuleConfigText(text, KNOWN) };
          this.byPath.set(path, loaded);
        }
      }
      this.byFolder.set(folder, loaded);
    }
    const source = this.byFolder.get(folder);
    return { config: mergeRuleConfigs(source?.config, base), source };
  }

  /** Every configuration file read so far. */
  loaded(): LoadedRuleConfig[] {
    return [...this.byPath.values()];
  }
}
