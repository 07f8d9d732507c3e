import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Completion } from '../core/completion';

/** LSP completion items for core's proposals, sorted before the schema's own. */
export function toCompletionItems(document: TextDocument, completions: Completion[]): CompletionItem[] {
  return completions.map((c, i) => ({
    label: c.label,
    kind: c.snippet ? CompletionItemKind.Snippet : CompletionItemKind.EnumMember,
    detail: c.detail,
    ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    sortText: `0${i}`,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: { start: document.positionAt(c.range.start), end: document.positionAt(c.range.end) }, newText: c.insertText },
  }));
}
