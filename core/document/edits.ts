import type { Fix, TextEdit } from '../finding';
import { parseDocument, type ParsedDocument } from './parse';
import type { Item } from './tree';

/**
 * One edit that adds `"key": valueText` after the last member of an object, keeping the
 * object's layout: on a line of its own with the same indentation when the last member
 * stands on its own line, else inline after a comma. (modify() would reformat the object.)
 * Undefined for an empty object.
 */
export function appendMemberEdit(text: string, object: Item, key: string, valueText: string): TextEdit | undefined {
  const last = object.children?.[object.children.length - 1];
  if (!last) return undefined;
  let lineStart = last.memberStart;
  while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 32 || text.charCodeAt(lineStart - 1) === 9)) lineStart--;
  const ownLine = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10;
  const separator = ownLine ? `,\n${text.slice(lineStart, last.memberStart)}` : ', ';
  const end = last.end;
  return { start: end, end, newText: `${separator}${JSON.stringify(key)}: ${valueText}` };
}

/**
 * The edit that replaces an existing value with `value`. Unlike jsonc-parser's modify() it
 * does not re-read the document, so a rule can build it for every finding of a large file.
 */
export function replaceValueEdits(item: Item, value: unknown): TextEdit[] {
  return [{ start: item.start, end: item.end, newText: JSON.stringify(value) }];
}

/**
 * The edit that removes a member of `object` with its comma: from the end of the previous member, or,
 * for the first member, from its key up to the next member, so the lines around it keep
 * their layout. It does not re-read the document, so a rule can build it for every finding
 * of a large file.
 */
export function removeMemberEdits(object: Item, member: Item): TextEdit[] {
  const index = object.children?.indexOf(member) ?? -1;
  if (member.keyStart < 0 || index < 0) return [];
  const previous = object.children![index - 1];
  const next = object.children![index + 1];
  const start = previous ? previous.end : member.keyStart;
  const end = !previous && next ? next.keyStart : member.end;
  return [{ start, end, newText: '' }];
}

/**
 * The edit that removes an element of `array` with its comma: from the end of the previous
 * element, or, for the first, up to the next one; like removeMemberEdits for an object.
 */
export function removeElementEdits(array: Item, element: Item): TextEdit[] {
  const index = array.children?.indexOf(element) ?? -1;
  if (array.type !== 'array' || index < 0) return [];
  const previous = array.children![index - 1];
  const next = array.children![index + 1];
  const start = previous ? previous.end : element.start;
  const end = !previous && next ? next.start : element.end;
  return [{ start, end, newText: '' }];
}

/** The text after non-overlapping edits, applied last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

/**
 * The fixes to offer for a finding. In a document with syntax errors the rules read
 * jsonc-parser's best guess at the tree, and an edit placed by it (after a key whose value
 * was typed over, at the end of a cut-off file) can glue new text to the broken part: there
 * a fix is offered only when the text it leaves has no more syntax errors than before. A
 * well-formed document's fixes keep it well-formed (the fuzz test holds them to it), so
 * they are offered without re-reading the text.
 */
export function fixesToOffer(parsed: ParsedDocument, fixes: readonly Fix[]): readonly Fix[] {
  const errors = parsed.syntaxErrors.length;
  if (errors === 0) return fixes;
  return fixes.filter((fix) => parseDocument(applyEdits(parsed.text, fix.edits)).syntaxErrors.length <= errors);
}
