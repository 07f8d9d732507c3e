import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixesToOffer } from '../core/document/edits';
import type { Finding } from '../core/finding';
import type { ParsedDocument } from '../core/document/parse';

function overlaps(document: TextDocument, finding: Finding, range: Range): boolean {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return finding.start <= end && start <= finding.end;
}

/**
 * Quick fixes for the findings under the requested range, each tied to its diagnostic;
 * in a document with syntax errors, only those that do not add to them.
 */
export function toCodeActions(
  document: TextDocument,
  parsed: ParsedDocument,
  findings: Finding[],
  range: Range,
  diagnostics: Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!finding.fixes?.length || !overlaps(document, finding, range)) continue;
    const fixes = fixesToOffer(parsed, finding.fixes);
    const diagnostic = diagnostics.find(
      (d) => d.code === finding.code && document.offsetAt(d.range.start) === finding.start,
    );
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fixes.length === 1,
        ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
        edit: {
          changes: {
            [document.uri]: fix.edits.map((e) => ({
              range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
              newText: e.newText,
            })),
          },
        },
      });
    }
  }
  return actions;
}
