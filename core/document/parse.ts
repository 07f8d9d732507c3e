import { parseTree, type ParseError } from 'jsonc-parser';
import { parseFast } from './fastParse';
import { MEMBER_NAME_TABLE } from './memberNames';
import { itemsFromJsonc, type Item } from './tree';

/** A parsed document: its tree of Items (offsets kept) and the syntax errors. */
export interface ParsedDocument {
  text: string;
  root: Item | undefined;
  syntaxErrors: ParseError[];
  /** Set when the text could not be parsed at all (nesting deeper than the parser's stack). */
  tooDeep: boolean;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Parses JSON with comments, keeping every value's offsets and every member's name range. */
export function parseDocument(text: string): ParsedDocument {
  const fast = parseFast(text, MEMBER_NAME_TABLE);
  if (fast) return { text, root: fast.root, syntaxErrors: [], tooDeep: false };
  const syntaxErrors: ParseError[] = [];
  try {
    const node = parseTree(text, syntaxErrors, PARSE_OPTIONS);
    return { text, root: node && itemsFromJsonc(node), syntaxErrors, tooDeep: false };
  } catch (error) {
    // jsonc-parser recurses per nesting level; a document like 100,000 '[' exhausts the
    // stack. That is no scaling file, so report it rather than crash.
    if (error instanceof RangeError) return { text, root: undefined, syntaxErrors: [], tooDeep: true };
    throw error;
  }
}
