import schemaJson from '../../schemas/scaling.schema.json';

// The member names of the file format, read from the schema. The parser hands out these
// very strings for the names it meets (walking a trie as it scans for the closing quote),
// rather than a fresh copy of each from the text:
// V8 compares two such strings by pointer, so the model's `switch (key)` and `has()` stop
// comparing characters, and a large file stops allocating a string per member name. Only
// speed depends on this list: a name not in it is read from the text as before.

function collectNames(schema: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) {
    for (const element of schema) collectNames(element, into);
  } else if (schema && typeof schema === 'object') {
    const properties = (schema as { properties?: unknown }).properties;
    if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
      for (const name of Object.keys(properties)) into.add(name);
    }
    for (const value of Object.values(schema)) collectNames(value, into);
  }
  return into;
}

/** Every member name the schema defines. */
export const MEMBER_NAMES: readonly string[] = [...collectNames(schemaJson, new Set())];

/**
 * The known names as a trie over ASCII characters, walked one character at a time while the
 * parser looks for a name's closing quote: when it finds it, the name is known (or not)
 * without comparing a single string. State 0 is the dead end (it leads only to itself);
 * the walk starts at ROOT.
 */
export class NameTable {
  static readonly ROOT = 1;
  /** `next[state * 128 + c]`: the state after character `c` (ASCII), 0 for none. */
  readonly next: Uint16Array;
  /** The name that ends at each state, if one does. */
  readonly names: (string | undefined)[];

  constructor(names: readonly string[]) {
    let next = new Uint16Array(64 * 128);
    const ends: (string | undefined)[] = [undefined, undefined]; // the dead end and ROOT
    for (const name of names) {
      let state = NameTable.ROOT;
      for (let i = 0; i < name.length && state !== 0; i++) {
        const c = name.charCodeAt(i);
        if (c >= 128) {
          state = 0; // names outside ASCII are read from the text
          break;
        }
        let to = next[state * 128 + c]!;
        if (to === 0) {
          to = ends.length;
          if (to > 0xffff) throw new Error('too many member names for the name table');
          ends.push(undefined);
          if ((to + 1) * 128 > next.length) {
            const grown = new Uint16Array(next.length * 2);
            grown.set(next);
            next = grown;
          }
          next[state * 128 + c] = to;
        }
        state = to;
      }
      if (state !== 0) ends[state] = name;
    }
    this.next = next.slice(0, ends.length * 128);
    this.names = ends;
  }
}

export const MEMBER_NAME_TABLE = new NameTable(MEMBER_NAMES);
