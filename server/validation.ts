import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from '../core/check';
import { toDiagnostic } from './diagnostics';
import type { SettingsStore } from './settings';

export interface ValidatorOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  rulesDocUri: string;
  clock: () => Date;
  log: (message: string) => void;
}

interface CachedAnalysis {
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
  let nextTicket = 0;

  async function analysisFor(document: TextDocument): Promise<Analysis> {
    const config = settings.ruleConfig(await settings.get(document.uri));
    const configKey = JSON.stringify(config);
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.configKey === configKey) return cached.analysis;
    const analysis = analyzeText(document.getText(), { now: options.clock(), config });
    cache.set(document.uri, { version: document.version, configKey, analysis });
    return analysis;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const started = performance.now();
    const analysis = await analysisFor(document);
    if (documents.get(uri)?.version !== version) return; // stale: a newer version is on its way
    const diagnostics = analysis.findings.map((f) => toDiagnostic(document, f, options.rulesDocUri));
    await connection.sendDiagnostics({ uri, version, diagnostics });
    options.log(`validated ${uri} v${version}: ${diagnostics.length} findings in ${(performance.now() - started).toFixed(1)} ms`);
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
        timers.set(uri, setTimeout(() => {
          timers.delete(uri);
          validate(uri).catch((error: unknown) => options.log(`validation of ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`));
        }, delayMs ?? s.debounceMs));
      });
    },
    analysisFor,
    forget(uri: string): void {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      tickets.delete(uri);
      cache.delete(uri);
    },
  };
}
