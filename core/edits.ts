import { findNodeAtOffset, modify, type Node } from 'jsonc-parser';
import type { TextEdit } from './finding';

const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' };

/**
 * The edits that remove the member whose value starts at `valueOffset`, comma and all.
 * Rules build fixes for every finding, so this must not re-read the document (as
 * jsonc-parser's modify() does): it finds the node and cuts the member out in place.
 */
export function removeMemberEdits(root: Node, valueOffset: number): TextEdit[] {
  const node = findNodeAtOffset(root, valueOffset, false);
  return node ? removePropertyEdits(node) : [];
}

/** The edits that set the member at `path` to `value` (adding it when missing). */
export function setValueEdits(text: string, path: (string | number)[], value: unknown): TextEdit[] {
  return modify(text, path, value, { formattingOptions: FORMAT }).map((e) => ({
    start: e.offset, end: e.offset + e.length, newText: e.content,
  }));
}

/**
 * One edit that adds `"key": valueText` after the last member of an object, keeping the
 * object's layout: on a line of its own with the same indentation when the last member
 * stands on its own line, else inline after a comma. (modify() would reformat the object.)
 * Undefined for an empty object.
 */
export function appendMemberEdit(text: string, object: Node, key: string, valueText: string): TextEdit | undefined {
  const last = object.children?.[object.children.length - 1];
  if (!last) return undefined;
  let lineStart = last.offset;
  while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 32 || text.charCodeAt(lineStart - 1) === 9)) lineStart--;
  const ownLine = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10;
  const separator = ownLine ? `,\n${text.slice(lineStart, last.offset)}` : ', ';
  const end = last.offset + last.length;
  return { start: end, end, newText: `${separator}${JSON.stringify(key)}: ${valueText}` };
}

/**
 * The edit that replaces an existing value node with `value`. Unlike setValueEdits it does
 * not re-read the document, so a rule can build it for every finding of a large file.
 */
export function replaceValueEdits(valueNode: Node, value: unknown): TextEdit[] {
  return [{ start: valueNode.offset, end: valueNode.offset + valueNode.length, newText: JSON.stringify(value) }];
}

/**
 * The edit that removes the member holding `valueNode`, with its comma: from the end of the
 * previous member, or, for the first member, from its key up to the next member, so the
 * lines around it keep their layout. Constant time.
 */
export function removePropertyEdits(valueNode: Node): TextEdit[] {
  const property = valueNode.parent;
  const object = property?.parent;
  if (property?.type !== 'property' || !object?.children) return [];
  const index = object.children.indexOf(property);
  const previous = object.children[index - 1];
  const next = object.children[index + 1];
  const start = previous ? previous.offset + previous.length : property.offset;
  const end = !previous && next ? next.offset : property.offset + property.length;
  return [{ start, end, newText: '' }];
}
