import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseFast } from './fastParse';

/** A parsed document: the jsonc tree (offsets kept) and the syntax errors. */
export interface ParsedDocument {
  text: string;
  root: Node | undefined;
  syntaxErrors: ParseError[];
  /** Set when the text could not be parsed at all (nesting deeper than the parser's stack). */
  tooDeep: boolean;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Parses JSON with comments, keeping every node's offset and length. */
export function parseDocument(text: string): ParsedDocument {
  const fast = parseFast(text);
  if (fast) return { text, root: fast.root, syntaxErrors: [], tooDeep: false };
  const syntaxErrors: ParseError[] = [];
  try {
    const root = parseTree(text, syntaxErrors, PARSE_OPTIONS);
    return { text, root, syntaxErrors, tooDeep: false };
  } catch (error) {
    // jsonc-parser recurses per nesting level; a document like 100,000 '[' exhausts the
    // stack. That is no scaling file, so report it rather than crash.
    if (error instanceof RangeError) return { text, root: undefined, syntaxErrors: [], tooDeep: true };
    throw error;
  }
}
