import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/finding';

function overlaps(document: TextDocument, finding: Finding, range: Range): boolean {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return finding.start <= end && start <= finding.end;
}

/** Quick fixes for the findings under the requested range, each tied to its diagnostic. */
export function toCodeActions(document: TextDocument, findings: Finding[], range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!finding.fixes?.length || !overlaps(document, finding, range)) continue;
    const diagnostic = diagnostics.find((d) => d.code === finding.code && document.offsetAt(d.range.start) === finding.start);
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: finding.fixes.length === 1,
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
