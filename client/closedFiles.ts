import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/finding';
import { lintDocument } from '../core/lint/lintDocument';
import { rulePagePath } from '../core/lint/rule';
import { findingDiagnostic, rangeOf, ruleConfigFor, ruleConfigLookup } from './fileErrors';
import { withRenderedRuleLink } from './ruleDocs';
import { SECTION } from './settings';
import { SCALING_FILES } from './tree/drift';

// The *.scaling.json files of the workspace that no editor has open, checked in the
// background with what `sagemaker-scaling lint` runs in CI (core/lint/lintDocument.ts: JSON
// syntax, the schema, our rules, the same rule configuration), so a closed file with an
// error shows in Problems and the Explorer as CI's lint would fail on it. An open file is
// left to the language server and VS Code's JSON support (no finding twice): its entry here
// is dropped when it opens, and it is checked again from disk when it closes. Diagnostics
// stay until the file is fixed or deleted. Bounded (MAX_FILES files, one at a time, files
// over MAX_BYTES skipped), cancelled by a new scan or when turned off
// (`sagemakerScaling.validation.closedFiles`); findFiles applies `files.exclude`, and
// node_modules and hidden folders are skipped as the CLI skips them.

/** The most files a scan checks. */
const MAX_FILES = 500;
/** Larger files are skipped: a file that big is generated, and checked where it is generated. */
const MAX_BYTES = 5_000_000;

const SETTING = 'validation.closedFiles';

/** Whether the CLI would skip the path too: inside node_modules or a hidden folder. */
function skipped(uri: vscode.Uri): boolean {
  return uri.path.split('/').some((part) => part === 'node_modules' || (part.startsWith('.') && part.length > 1));
}

function isScalingFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /\.scaling\.json$/i.test(uri.path) && !skipped(uri);
}

/** A finding of a closed file as a diagnostic, sourced and linked as the editor's own are. */
function toDiagnostic(document: TextDocument, finding: Finding, docs: vscode.Uri): vscode.Diagnostic {
  const diagnostic = findingDiagnostic(document, finding);
  if (finding.code === 'json.syntax' || finding.code === 'json.schema') {
    // As VS Code's JSON support labels them when the file is open.
    diagnostic.source = 'json';
    diagnostic.code = finding.code;
  } else {
    diagnostic.source = 'scaling';
    diagnostic.code = { value: finding.code, target: vscode.Uri.joinPath(docs, rulePagePath(finding.code)) };
    withRenderedRuleLink(diagnostic);
  }
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.parse(document.uri), rangeOf(document, r.start, r.end)),
          r.message,
        ),
    );
  }
  if (finding.unnecessary) diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  return diagnostic;
}

export class ClosedFileChecker implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sagemakerScaling.closedFiles');
  private readonly subscriptions: vscode.Disposable[] = [this.collection];
  private scan = new vscode.CancellationTokenSource();
  /** One file at a time, in the order asked: a chain of checks. */
  private queue: Promise<void> = Promise.resolve();
  private readonly docs: vscode.Uri;
  /** The .scalingrc.json files read by this scan's checks: each folder's once, not once per file; cleared by rescan(). */
  private readonly ruleConfigs = ruleConfigLookup();

  /** `watcher` watches the workspace's *.scaling.json files (the extension's one watcher of them, which it disposes). */
  constructor(
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    watcher: vscode.FileSystemWatcher,
  ) {
    this.docs = vscode.Uri.joinPath(extensionUri, 'docs');
    this.subscriptions.push(
      watcher.onDidCreate((uri) => this.checkLater(uri)),
      watcher.onDidChange((uri) => this.checkLater(uri)),
      watcher.onDidDelete((uri) => this.collection.delete(uri)),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (this.collection.has(d.uri)) this.collection.delete(d.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.checkLater(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${SETTING}`) || e.affectsConfiguration(`${SECTION}.rules`))
          this.rescan();
        else if (e.affectsConfiguration('files.exclude')) this.rescan();
      }),
    );
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>(SETTING, true) !== false;
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  }

  /** Checks every closed *.scaling.json of the workspace again (after a start, a settings or rule-configuration change). */
  rescan(): void {
    this.scan.cancel();
    this.scan.dispose();
    this.scan = new vscode.CancellationTokenSource();
    this.ruleConfigs.clear(); // a rule configuration file may have changed
    const token = this.scan.token;
    if (!this.enabled()) {
      this.collection.clear();
      return;
    }
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Checking *.scaling.json files' },
      async () => {
        const started = Date.now();
        const found = await vscode.workspace.findFiles(SCALING_FILES, undefined, MAX_FILES + 1, token);
        if (token.isCancellationRequested) return;
        const files = found.filter(isScalingFile).slice(0, MAX_FILES);
        if (found.length > MAX_FILES)
          this.log.warn(
            `More than ${MAX_FILES} *.scaling.json files: only the first ${MAX_FILES} closed ones are checked`,
          );
        const wanted = new Set(files.map((f) => f.toString()));
        // Files excluded or gone since the last scan lose their diagnostics.
        this.collection.forEach((uri) => {
          if (!wanted.has(uri.toString())) this.collection.delete(uri);
        });
        let checked = 0;
        for (const uri of files) {
          if (token.isCancellationRequested) return;
          if (await this.enqueue(uri, token)) checked++;
        }
        this.log.info(`checked ${checked} closed *.scaling.json files in ${Date.now() - started} ms`);
      },
    );
  }

  /** Checks one file when its turn comes (a file event, a close). */
  private checkLater(uri: vscode.Uri): void {
    if (!isScalingFile(uri) || !this.enabled()) return;
    void this.enqueue(uri, this.scan.token);
  }

  private enqueue(uri: vscode.Uri, token: vscode.CancellationToken): Promise<boolean> {
    const next = this.queue.then(() => this.check(uri, token));
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** Checks a closed file from disk; true when it was checked. */
  private async check(uri: vscode.Uri, token: vscode.CancellationToken): Promise<boolean> {
    if (token.isCancellationRequested || this.isOpen(uri)) return false;
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES) {
        this.collection.delete(uri);
        return false;
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.collection.delete(uri); // gone meanwhile
      return false;
    }
    try {
      const text = new TextDecoder().decode(bytes);
      const { findings } = await lintDocument(text, {
        uri: uri.toString(),
        now: new Date(),
        config: await ruleConfigFor(uri, this.ruleConfigs),
      });
      // Opened, or a newer scan started, while it was checked: what is published now would be stale.
      if (token.isCancellationRequested || this.isOpen(uri)) return false;
      const document = TextDocument.create(uri.toString(), 'jsonc', 0, text);
      this.collection.set(
        uri,
        findings.map((f) => toDiagnostic(document, f, this.docs)),
      );
      return true;
    } catch (error) {
      this.log.warn(`checking ${uri.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  dispose(): void {
    this.scan.cancel();
    this.scan.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
