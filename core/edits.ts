import { findNodeAtOffset, getNodePath, modify, type Node } from 'jsonc-parser';
import type { TextEdit } from './finding';

const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' };

/**
 * The edits that remove the member whose value starts at `valueOffset`, comma and all.
 * jsonc-parser's modify() does the comma and whitespace bookkeeping.
 */
export function removeMemberEdits(text: string, root: Node, valueOffset: number): TextEdit[] {
  const node = findNodeAtOffset(root, valueOffset, false);
  if (!node) return [];
  return modify(text, getNodePath(node), undefined, { formattingOptions: FORMAT }).map((e) => ({
    start: e.offset, end: e.offset + e.length, newText: e.content,
  }));
}

/** The edits that set the member at `path` to `value` (adding it when missing). */
export function setValueEdits(text: string, path: (string | number)[], value: unknown): TextEdit[] {
  return modify(text, path, value, { formattingOptions: FORMAT }).map((e) => ({
    start: e.offset, end: e.offset + e.length, newText: e.content,
  }));
}
