import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { analyzeText } from '../core/lint/check';
import type { RuleConfig } from '../core/lint/config';
import type { Finding, Severity } from '../core/finding';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateWithSchema } from '../core/lint/schemaValidation';

/** One finding as the CLI prints it: 1-based lines and columns, as DESIGN.md specifies. */
export interface LintMessage {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

const FROM_LSP: Record<number, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'information',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8; throws a plain message when it cannot. */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `no such file: ${path}`
        : code === 'EISDIR'
          ? `${path} is a folder`
          : `cannot read ${path}: ${code ?? String(error)}`,
    );
  }
  return utf8.decode(bytes).replace(/^\uFEFF/, '');
}

/** All three layers for one file's text: syntax and schema as the editor shows them, then our rules. */
export async function lintText(
  file: string,
  text: string,
  options: { now: Date; config?: RuleConfig },
): Promise<LintMessage[]> {
  const uri = pathToFileURL(resolve(file)).toString();
  const { document, diagnostics } = await validateWithSchema(text, uri);
  const messages: LintMessage[] = diagnostics.map(({ diagnostic: d, syntax }) => ({
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: FROM_LSP[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
    code: syntax ? 'json.syntax' : 'json.schema',
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
  for (const finding of analyzeText(text, options).findings) messages.push(findingToMessage(file, document, finding));
  return messages.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** A core finding as a CLI message, positions converted from offsets. */
export function findingToMessage(file: string, document: TextDocument | string, finding: Finding): LintMessage {
  const doc = typeof document === 'string' ? TextDocument.create('file:///x', 'jsonc', 1, document) : document;
  const start = doc.positionAt(finding.start);
  const end = doc.positionAt(finding.end);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
  };
}

/** A file that is not UTF-8 text: reported as a finding at its start, not as a crash. */
export function encodingMessage(file: string): LintMessage {
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: 'error',
    code: 'format.encoding',
    message: 'The file is not valid UTF-8 text. Save it as UTF-8.',
  };
}
