import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Completion } from '../core/language/completion';

/** LSP completion items for core's proposals, sorted before the schema's own. */
export function toCompletionItems(document: TextDocument, completions: Completion[]): CompletionItem[] {
  const text = document.getText();
  return completions.map((c, i) => ({
    label: c.label,
    kind: c.snippet ? CompletionItemKind.Snippet : CompletionItemKind.EnumMember,
    detail: c.detail,
    ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    // VS Code filters on what was typed, starting at the range: the opening quote when the
    // cursor is inside a string. Filter on the quoted label there, as the schema's items do,
    // and sort ahead of them (a space sorts before the quote that starts their labels).
    filterText:
      text.startsWith('"', c.range.start) && c.range.end > c.range.start
        ? JSON.stringify(c.label).slice(0, -1)
        : c.label,
    sortText: ` ${String(i).padStart(3, '0')}`,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: {
      range: { start: document.positionAt(c.range.start), end: document.positionAt(c.range.end) },
      newText: c.insertText,
    },
  }));
}
