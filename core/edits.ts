import { modify } from 'jsonc-parser';
import type { TextEdit } from './finding';
import type { Item } from './tree';

const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' };

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
 * The edit that replaces an existing value with `value`. Unlike setValueEdits it does
 * not re-read the document, so a rule can build it for every finding of a large file.
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
