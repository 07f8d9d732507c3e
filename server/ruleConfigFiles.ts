import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleConfig } from '../core/lint/config';
import { parseRuleConfigText, ruleConfigCandidates } from '../core/lint/ruleConfigFile';

/**
 * The nearest `.scalingrc.json` above each document on disk, read once and cached until a
 * watched-file event says one changed. Documents that are not files have none.
 */
export class RuleConfigFiles {
  private readonly byFolder = new Map<string, RuleConfig | undefined>();

  constructor(
    private readonly knownCodes: ReadonlySet<string>,
    private readonly log: (message: string) => void,
  ) {}

  forDocument(uri: string): RuleConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const folder = dirname(fileURLToPath(uri));
    if (!this.byFolder.has(folder)) {
      const path = ruleConfigCandidates(folder).find((p) => existsSync(p));
      let config: RuleConfig | undefined;
      if (path) {
        try {
          config = parseRuleConfigText(readFileSync(path, 'utf8'), this.knownCodes).config;
        } catch (error) {
          this.log(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.byFolder.set(folder, config);
    }
    return this.byFolder.get(folder);
  }

  clear(): void {
    this.byFolder.clear();
  }
}
