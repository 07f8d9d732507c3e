import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from '../core/lint/check';
import { checkRuleConfig, mergeRuleConfigs } from '../core/lint/config';
import type { Finding } from '../core/finding';
import { parseRuleConfigText, RULE_CONFIG_FILE } from '../core/lint/ruleConfigFile';
import { RULES_BY_CODE } from '../core/rules';
import { RuleConfigFiles } from './ruleConfigFiles';
import { toDiagnostic } from './diagnostics';
import type { SettingsStore } from './settings';

export interface ValidatorOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  /** The docs folder's URI: diagnostics link to its rules/<code>.md. */
  docsUri: string;
  clock: () => Date;
  log: (message: string) => void;
  /** Tells the user once about a problem in their settings. */
  warn: (message: string) => void;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(RULES_BY_CODE.keys());

/** Whether a document is a rule configuration file rather than a scaling file. */
export function isRuleConfigDocument(uri: string): boolean {
  return uri.endsWith(`/${RULE_CONFIG_FILE}`);
}

interface CachedAnalysis {
  /** The document object analysed: a close and reopen makes a new one at the same version. */
  document: TextDocument;
  version: number;
  configKey: string;
  analysis: Analysis;
}

/**
 * Debounced validation per document. Each change restarts the document's one timer, so a
 * burst of edits to a large file queues a single validation; a result computed for a
 * version that is no longer current is dropped instead of published.
 */
export function createValidator(options: ValidatorOptions) {
  const { connection, documents, settings } = options;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const tickets = new Map<string, number>();
  const cache = new Map<string, CachedAnalysis>();
  const ruleConfigFiles = new RuleConfigFiles(options.log);
  const reportedSettingProblems = new Set<string>();
  let nextTicket = 0;

  async function analysisFor(document: TextDocument): Promise<Analysis> {
    const fromSettings = settings.ruleConfig(await settings.get(document.uri));
    for (const problem of checkRuleConfig(fromSettings, KNOWN_CODES)) {
      if (reportedSettingProblems.has(problem)) continue;
      reportedSettingProblems.add(problem);
      options.warn(`SageMaker Scaling: in the setting sagemakerScaling.rules, ${problem}.`);
    }
    // The repository's .scalingrc.json (shared with the CLI) first, the user's settings on top.
    const config = mergeRuleConfigs(await ruleConfigFiles.forDocument(document.uri), fromSettings);
    const configKey = JSON.stringify(config);
    const cached = cache.get(document.uri);
    if (cached && cached.document === document && cached.version === document.version && cached.configKey === configKey)
      return cached.analysis;
    const analysis = analyzeText(document.getText(), { now: options.clock(), config });
    // Cache only for the document that is open now; one closed while settings were awaited
    // must not leave its findings behind for a reopened document of the same version.
    if (documents.get(document.uri) === document)
      cache.set(document.uri, { document, version: document.version, configKey, analysis });
    return analysis;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const started = performance.now();
    const findings: Finding[] = isRuleConfigDocument(uri)
      ? parseRuleConfigText(document.getText(), KNOWN_CODES).findings
      : (await analysisFor(document)).findings;
    // Stale: a newer version is on its way, or the document was closed (and perhaps reopened
    // at the same version) while its settings were awaited.
    if (documents.get(uri) !== document || document.version !== version) return;
    const diagnostics = findings.map((f) => toDiagnostic(document, f, options.docsUri));
    await connection.sendDiagnostics({ uri, version, diagnostics });
    options.log(
      `validated ${uri} v${version}: ${diagnostics.length} findings in ${(performance.now() - started).toFixed(1)} ms`,
    );
  }

  return {
    /** Validates the document after its debounce delay, replacing any pending validation. */
    schedule(document: TextDocument, delayMs?: number): void {
      const uri = document.uri;
      const ticket = ++nextTicket;
      tickets.set(uri, ticket);
      void settings.get(uri).then((s) => {
        if (tickets.get(uri) !== ticket) return; // a later change superseded this one
        clearTimeout(timers.get(uri));
        timers.set(
          uri,
          setTimeout(() => {
            timers.delete(uri);
            validate(uri).catch((error: unknown) =>
              options.log(`validation of ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`),
            );
          }, delayMs ?? s.debounceMs),
        );
      });
    },
    analysisFor,
    /** Forgets cached rule configuration files and settings problems, after a change. */
    configurationChanged(): void {
      ruleConfigFiles.clear();
      reportedSettingProblems.clear();
      cache.clear();
    },
    forget(uri: string): void {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      tickets.delete(uri);
      cache.delete(uri);
    },
  };
}
