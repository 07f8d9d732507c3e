import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintDocument } from '../core/lint/lintDocument';
import type { RuleConfig } from '../core/lint/config';
import type { Finding, Severity } from '../core/finding';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** One finding as the CLI prints it: 1-based lines and columns (the README's `lint --format json`). */
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file whose bytes are not UTF-8: lint reports it as a finding, the other commands as their error. */
export class NotUtf8Error extends Error {
  constructor(path: string) {
    super(`${path} is not valid UTF-8 text: save it as UTF-8`);
  }
}

/** Reads a file as UTF-8; throws a plain message, naming the file, when it cannot. */
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
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new NotUtf8Error(path); // TextDecoder's fatal mode throws a TypeError
  }
  return text.replace(/^\uFEFF/, '');
}

/** All three layers for one file's text (core's one pipeline), as the CLI prints them. */
export async function lintText(
  file: string,
  text: string,
  options: { now: Date; config?: RuleConfig },
): Promise<LintMessage[]> {
  const uri = pathToFileURL(resolve(file)).toString();
  const { findings } = await lintDocument(text, { uri, now: options.now, config: options.config });
  const document = TextDocument.create(uri, 'jsonc', 1, text);
  return findings.map((finding) => findingToMessage(file, document, finding));
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

/** A message as lint's text format prints it, and plan and apply on stderr: `file:line:column severity code message`. */
export function messageLine(m: LintMessage): string {
  return `${m.file}:${m.line}:${m.column} ${m.severity} ${m.code} ${m.message}`;
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
