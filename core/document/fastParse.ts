import { NameTable } from './memberNames';
import { Item } from './tree';

// A fast path for well-formed JSONC. jsonc-parser's parseTree is error tolerant, which is
// what an editor needs mid-keystroke, but its scanner-and-visitor design costs about 85 ms
// on a 2.4 MB file — more than the whole budget of the semantic pass (docs/performance.md). This
// hand-written recursive descent builds the Items (core/document/tree.ts) of the very same tree
// (same values, offsets and member names as jsonc-parser's tree converted to Items; a
// differential test holds it to that) in a fraction of the time, and gives up at the
// first thing it is not sure about: parseDocument then falls back to jsonc-parser, so
// documents with errors get exactly jsonc-parser's tolerant tree.

/** Thrown to abandon the fast path; never escapes parseFast. */
class NotFast extends Error {}

const NOT_FAST = new NotFast();
const MAX_DEPTH = 512;

/** The tree of a well-formed JSONC text (comments and trailing commas allowed), or undefined to fall back. */
export function parseFast(text: string, names?: NameTable): { root: Item | undefined } | undefined {
  const parser = new FastParser(text, names);
  try {
    return { root: parser.document() };
  } catch (error) {
    if (error === NOT_FAST || error instanceof RangeError) return undefined;
    throw error;
  }
}

class FastParser {
  private pos = 0;
  private depth = 0;
  /**
   * The children of the objects and arrays being parsed, innermost last. Each container
   * takes its own off the top when it closes, as an array of exactly that size: pushing
   * into a fresh [] reserves room for 16 elements, and most containers here hold a few.
   */
  private readonly stack: Item[] = [];
  /** The stack's height: slots above it are stale, overwritten rather than popped (no trimming). */
  private top = 0;

  /** `names`: member names to hand out as they are, instead of copies from the text. */
  constructor(
    private readonly text: string,
    private readonly names: NameTable | undefined,
  ) {}

  /** Pops the stack down to `mark`, returning what was above it. */
  private takeFrom(mark: number): Item[] {
    const taken = this.stack.slice(mark, this.top);
    this.top = mark;
    return taken;
  }

  document(): Item | undefined {
    this.skipTrivia();
    if (this.pos >= this.text.length) return undefined;
    const root = this.value(undefined, -1, -1);
    this.skipTrivia();
    if (this.pos < this.text.length) throw NOT_FAST;
    return root;
  }

  private skipTrivia(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        this.pos++;
      } else if (c === 47 /* / */) {
        const next = text.charCodeAt(this.pos + 1);
        if (next === 47) {
          let i = this.pos + 2;
          while (i < text.length) {
            const d = text.charCodeAt(i);
            if (d === 10 || d === 13 || d === 0x2028 || d === 0x2029) break;
            i++;
          }
          this.pos = i;
        } else if (next === 42 /* * */) {
          const end = text.indexOf('*/', this.pos + 2);
          if (end < 0) throw NOT_FAST;
          this.pos = end + 2;
        } else {
          throw NOT_FAST;
        }
      } else {
        return;
      }
    }
  }

  /** The value at the cursor: a member named `key` (its quoted name at keyStart..keyEnd), or an element (no key, -1). */
  private value(key: string | undefined, keyStart: number, keyEnd: number): Item {
    const c = this.text.charCodeAt(this.pos);
    if (c === 34 /* " */) {
      const start = this.pos;
      const value = this.stringValue();
      return new Item('string', start, this.pos, value, undefined, key, keyStart, keyEnd);
    }
    if (c === 123 /* { */) return this.object(key, keyStart, keyEnd);
    if (c === 91 /* [ */) return this.array(key, keyStart, keyEnd);
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number(key, keyStart, keyEnd);
    if (c === 116 /* t */) return this.literal(key, keyStart, keyEnd, 'true', 'boolean', true);
    if (c === 102 /* f */) return this.literal(key, keyStart, keyEnd, 'false', 'boolean', false);
    if (c === 110 /* n */) return this.literal(key, keyStart, keyEnd, 'null', 'null', null);
    throw NOT_FAST;
  }

  private literal(
    key: string | undefined,
    keyStart: number,
    keyEnd: number,
    word: string,
    type: 'boolean' | 'null',
    value: boolean | null,
  ): Item {
    if (!this.text.startsWith(word, this.pos)) throw NOT_FAST;
    const next = this.text.charCodeAt(this.pos + word.length);
    if (isWordChar(next)) throw NOT_FAST;
    const start = this.pos;
    this.pos += word.length;
    return new Item(type, start, this.pos, value, undefined, key, keyStart, keyEnd);
  }

  private number(key: string | undefined, keyStart: number, keyEnd: number): Item {
    const text = this.text;
    const start = this.pos;
    let i = start;
    let integer = true;
    if (text.charCodeAt(i) === 45) i++;
    const first = text.charCodeAt(i);
    if (first === 48) {
      i++;
    } else if (first >= 49 && first <= 57) {
      while (isDigit(text.charCodeAt(i))) i++;
    } else {
      throw NOT_FAST;
    }
    if (text.charCodeAt(i) === 46 /* . */) {
      integer = false;
      i++;
      if (!isDigit(text.charCodeAt(i))) throw NOT_FAST;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      integer = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(text.charCodeAt(i))) throw NOT_FAST;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    if (isWordChar(text.charCodeAt(i))) throw NOT_FAST;
    this.pos = i;
    const value = integer ? integerValue(text, start, i) : Number(text.slice(start, i));
    return new Item('number', start, i, value, undefined, key, keyStart, keyEnd);
  }

  /** The member name at the cursor (a string literal); the cursor moves past it. */
  private memberName(): string {
    const text = this.text;
    const names = this.names;
    if (!names) return this.stringValue();
    const next = names.next;
    const start = this.pos + 1;
    let state = NameTable.ROOT;
    let i = start;
    let escaped = false;
    for (;;) {
      if (i >= text.length) throw NOT_FAST;
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 32 || c === 0x2028 || c === 0x2029) throw NOT_FAST;
      state = c < 128 ? next[state * 128 + c]! : 0;
      i++;
    }
    this.pos = i + 1;
    if (escaped) return unescape(text.slice(start, i));
    return names.names[state] ?? text.slice(start, i);
  }

  /** The string literal at the cursor, unescaped; the cursor moves past its closing quote. */
  private stringValue(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      if (i >= text.length) throw NOT_FAST;
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 32 || c === 0x2028 || c === 0x2029) throw NOT_FAST; // jsonc-parser reports these
      i++;
    }
    const raw = text.slice(start + 1, i);
    this.pos = i + 1;
    return escaped ? unescape(raw) : raw;
  }

  /**
   * After an element or member: moves past its comma and the trivia after it, or stops at
   * the container's closing character `close`; anything else is not for the fast path.
   * The usual layout (a comma or the close right after the value) calls no skipTrivia.
   */
  private separator(close: number): void {
    let c = this.text.charCodeAt(this.pos);
    if (c !== 44 /* , */ && c !== close) {
      this.skipTrivia();
      c = this.text.charCodeAt(this.pos);
    }
    if (c === 44) {
      this.pos++;
      this.skipTrivia();
    } else if (c !== close) {
      throw NOT_FAST;
    }
  }

  private array(key: string | undefined, keyStart: number, keyEnd: number): Item {
    if (++this.depth > MAX_DEPTH) throw NOT_FAST;
    const array = new Item('array', this.pos, 0, undefined, undefined, key, keyStart, keyEnd);
    const mark = this.top;
    this.pos++;
    this.skipTrivia();
    while (this.text.charCodeAt(this.pos) !== 93 /* ] */) {
      this.stack[this.top++] = this.value(undefined, -1, -1);
      this.separator(93);
    }
    this.pos++;
    array.children = this.takeFrom(mark);
    array.end = this.pos;
    this.depth--;
    return array;
  }

  private object(key: string | undefined, keyStart: number, keyEnd: number): Item {
    if (++this.depth > MAX_DEPTH) throw NOT_FAST;
    const object = new Item('object', this.pos, 0, undefined, undefined, key, keyStart, keyEnd);
    const mark = this.top;
    this.pos++;
    this.skipTrivia();
    while (this.text.charCodeAt(this.pos) !== 125 /* } */) {
      if (this.text.charCodeAt(this.pos) !== 34) throw NOT_FAST;
      const memberKeyStart = this.pos;
      const memberKey = this.memberName();
      const memberKeyEnd = this.pos;
      // The usual layouts (`"Key": value,`) go without a call to skipTrivia where there is none.
      if (this.text.charCodeAt(this.pos) !== 58 /* : */) {
        this.skipTrivia();
        if (this.text.charCodeAt(this.pos) !== 58) throw NOT_FAST;
      }
      this.pos++;
      this.skipTrivia();
      this.stack[this.top++] = this.value(memberKey, memberKeyStart, memberKeyEnd);
      this.separator(125);
    }
    this.pos++;
    object.children = this.takeFrom(mark);
    object.end = this.pos;
    this.depth--;
    return object;
  }
}

/**
 * The value of an integer literal, computed from its digits rather than through a
 * substring and Number(): exact (so equal to Number()) as long as it stays below 2^53,
 * which 15 digits always do; longer literals take Number()'s path.
 */
function integerValue(text: string, start: number, end: number): number {
  const negative = text.charCodeAt(start) === 45;
  const from = negative ? start + 1 : start;
  if (end - from > 15) return Number(text.slice(start, end));
  let value = 0;
  for (let i = from; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return negative ? -value : value;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, digits and the like that may not follow a number or literal directly. */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 46 || c > 127
  );
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_FAST;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
      if (simple === undefined) throw NOT_FAST;
      out += simple;
    }
  }
  return out;
}
