import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover as CoreHover } from '../core/language/hover';

/** The LSP hover for core's, or null when core has nothing to say there. */
export function toHover(document: TextDocument, hover: CoreHover | undefined): Hover | null {
  if (!hover) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: { start: document.positionAt(hover.range.start), end: document.positionAt(hover.range.end) },
  };
}
