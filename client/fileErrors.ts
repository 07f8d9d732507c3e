import * as vscode from 'vscode';
import type { Finding } from '../core/finding';
import { exists } from './files';
import { lintDocument } from '../core/lint/lintDocument';
import { mergeRuleConfigs, type RuleConfig } from '../core/lint/config';
import { RuleConfigLookup } from '../core/lint/ruleConfigLookup';
import { getRuleLevels } from './settings';

// What blocks apply: the errors of all three layers, computed here rather than read from
// the editor. The editor has diagnostics only for open files, and VS Code's JSON support
// shows schema violations as warnings, while a schema violation is a request AWS rejects.
// So: syntax and schema through vscode-json-languageservice with schema findings as
// errors: core's one pipeline (core/lint/lintDocument.ts), exactly what `sagemaker-scaling
// lint` runs, with the same rule configuration as the server (the nearest .scalingrc.json,
// then the settings), plus any error the editor shows for the file.

/** The source (and collection name) of the live-check diagnostics that plan and apply set. */
export const LIVE_SOURCE = 'scaling-live';

/** A text whose offsets can be placed: an open document, or the text of a closed file (the language server's TextDocument). */
interface OffsetPositions {
  positionAt(offset: number): { line: number; character: number };
}

/** The range between two offsets of a text. */
export function rangeOf(text: OffsetPositions, start: number, end: number): vscode.Range {
  const from = text.positionAt(start);
  const to = text.positionAt(end);
  return new vscode.Range(from.line, from.character, to.line, to.character);
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** A finding as a diagnostic at its place, with its message and severity; its source and code are the caller's. */
export function findingDiagnostic(text: OffsetPositions, finding: Finding): vscode.Diagnostic {
  return new vscode.Diagnostic(rangeOf(text, finding.start, finding.end), finding.message, SEVERITY[finding.severity]);
}

/** One error in a file, located for a message. */
export interface FileError {
  range: vscode.Range;
  message: string;
  /** The rule code, `json.syntax`/`json.schema`, or the editor diagnostic's source. */
  code: string;
}

/** A lookup of .scalingrc.json files through VS Code's file system; it keeps what it read until cleared. */
export function ruleConfigLookup(): RuleConfigLookup {
  return new RuleConfigLookup({
    exists: (path) => exists(vscode.Uri.file(path)),
    read: async (path) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path))),
  });
}

/**
 * The rule configuration of a file: its nearest .scalingrc.json, then the settings (which
 * win), as the server merges them. Read afresh by default (apply and plan are rare: no
 * cache to invalidate); a caller checking many files passes its own lookup and clears it
 * when a configuration file changes.
 */
export async function ruleConfigFor(uri: vscode.Uri, lookup = ruleConfigLookup()): Promise<RuleConfig> {
  const fromSettings: RuleConfig = { rules: getRuleLevels(uri) };
  if (uri.scheme !== 'file') return fromSettings;
  try {
    const found = await lookup.forFolder(vscode.Uri.joinPath(uri, '..').fsPath);
    return mergeRuleConfigs(found?.config, fromSettings);
  } catch {
    return fromSettings;
  }
}

/** The errors that block apply, in document order. */
export async function findFileErrors(
  document: vscode.TextDocument,
  config: RuleConfig,
  now = new Date(),
): Promise<FileError[]> {
  const errors: FileError[] = [];
  const seen = new Set<string>();
  const add = (range: vscode.Range, message: string, code: string) => {
    const key = `${range.start.line}:${range.start.character}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ range, message, code });
  };

  const { findings } = await lintDocument(document.getText(), { uri: document.uri.toString(), now, config });
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    add(rangeOf(document, f.start, f.end), f.message, f.code);
  }
  // Whatever else the editor shows as an error (another extension's check) blocks too,
  // except our own earlier live-check results, which apply runs afresh.
  for (const d of vscode.languages.getDiagnostics(document.uri)) {
    if (d.severity !== vscode.DiagnosticSeverity.Error || d.source === LIVE_SOURCE) continue;
    const code =
      typeof d.code === 'object'
        ? String(d.code.value)
        : d.code !== undefined
          ? String(d.code)
          : (d.source ?? 'editor');
    add(d.range, d.message, code);
  }
  return errors.sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** "line 12: <message>" for the first error, to name it in a notification. */
export function firstErrorText(errors: readonly FileError[]): string {
  const first = errors[0];
  return first ? `line ${first.range.start.line + 1}: ${first.message}` : '';
}
