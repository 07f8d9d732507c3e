import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleConfig } from '../core/lint/config';
import { RuleConfigLookup } from '../core/lint/ruleConfigLookup';

/**
 * The nearest `.scalingrc.json` above each document on disk (core's lookup over Node's fs),
 * cached until a watched-file event says one changed. Documents that are not files have none.
 */
export class RuleConfigFiles {
  private readonly lookup = new RuleConfigLookup({ exists: existsSync, read: (path) => readFileSync(path, 'utf8') });

  constructor(private readonly log: (message: string) => void) {}

  async forDocument(uri: string): Promise<RuleConfig | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return (await this.lookup.forFolder(dirname(fileURLToPath(uri))))?.config;
    } catch (error) {
      this.log(
        `cannot read the rule configuration for ${uri}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  clear(): void {
    this.lookup.clear();
  }
}
