import type { Finding } from '../finding';
import { RULES_BY_CODE } from '../rules';
import type { RuleConfig } from './config';
import { parseRuleConfigText, ruleConfigCandidates } from './ruleConfigFile';

// The nearest `.scalingrc.json` above a file, found the same way by the CLI, the language
// server and the extension; each passes its own file access (Node's fs, or VS Code's
// workspace.fs), since core does no I/O.

/** How a host reads files: either synchronous or asynchronous answers are fine. */
export interface RuleConfigFileAccess {
  exists(path: string): boolean | Promise<boolean>;
  /** The file's text; throws when it cannot be read. */
  read(path: string): string | Promise<string>;
}

/** A rule configuration file that was found and read, with the problems in it. */
export interface FoundRuleConfig {
  path: string;
  text: string;
  config: RuleConfig;
  /** Unknown codes and bad levels, at their place in the file. */
  findings: Finding[];
}

const KNOWN_CODES: ReadonlySet<string> = new Set(RULES_BY_CODE.keys());

/** Finds and reads the nearest `.scalingrc.json` above each folder, each folder and file once until `clear()`. */
export class RuleConfigLookup {
  private readonly byFolder = new Map<string, FoundRuleConfig | undefined>();
  private readonly byPath = new Map<string, FoundRuleConfig>();

  constructor(private readonly access: RuleConfigFileAccess) {}

  /**
   * The configuration that applies to the files of `folder` (an absolute POSIX or Windows
   * path), or undefined when there is none. A file that cannot be read throws, and is
   * tried again next time.
   */
  async forFolder(folder: string): Promise<FoundRuleConfig | undefined> {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    let found: FoundRuleConfig | undefined;
    for (const path of ruleConfigCandidates(folder)) {
      if (!(await this.access.exists(path))) continue;
      found = this.byPath.get(path);
      if (!found) {
        const text = await this.access.read(path);
        found = { path, text, ...parseRuleConfigText(text, KNOWN_CODES) };
        this.byPath.set(path, found);
      }
      break;
    }
    this.byFolder.set(folder, found);
    return found;
  }

  /** Every configuration file read so far (the CLI reports the problems in each once). */
  loaded(): FoundRuleConfig[] {
    return [...this.byPath.values()];
  }

  /** Forgets what was read, after a configuration file changed. */
  clear(): void {
    this.byFolder.clear();
    this.byPath.clear();
  }
}
