import { DiagnosticSeverity } from 'vscode-json-languageservice';
import type { Finding, Severity } from '../finding';
import { analyzeText, type Analysis, type CheckOptions } from './check';
import { validateWithSchema } from './schemaValidation';

// The one validation pipeline: the CLI and the extension (apply, and the check of files
// that are not open) call this and only convert what it returns — to `file:line:col`, to a
// vscode.Range — so what the CLI reports and what the editor shows cannot drift apart
// (vscode-json-languageservice's doValidation is the model). The language server runs the
// third layer alone (check.ts's analyzeText), since VS Code's own JSON support shows the
// first two in the editor already; that keeps the JSON language service out of its bundle.

export interface LintDocumentOptions extends CheckOptions {
  /** The document's URI; the schema applies to `*.scaling.json`. */
  uri?: string;
}

/** Every layer's findings for one document, in document order, and the analysis behind the rules' findings. */
export interface LintResult {
  /** Syntax (`json.syntax`), schema (`json.schema`) and rule findings, with offsets. */
  findings: Finding[];
  analysis: Analysis;
}

const FROM_LSP: Record<number, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'information',
};

/** Checks one document with all three layers: JSON syntax, the schema (violations are errors), our rules. */
export async function lintDocument(text: string, options: LintDocumentOptions): Promise<LintResult> {
  const analysis = analyzeText(text, options);
  const { document, diagnostics } = await validateWithSchema(text, options.uri);
  const findings: Finding[] = diagnostics.map(({ diagnostic: d, syntax }) => ({
    code: syntax ? 'json.syntax' : 'json.schema',
    severity: FROM_LSP[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
    message: typeof d.message === 'string' ? d.message : d.message.value,
    start: document.offsetAt(d.range.start),
    end: document.offsetAt(d.range.end),
  }));
  findings.push(...analysis.findings);
  return { findings: findings.sort(byPlace), analysis };
}

function byPlace(a: Finding, b: Finding): number {
  return a.start - b.start || a.code.localeCompare(b.code);
}
