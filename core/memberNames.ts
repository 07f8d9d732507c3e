import schemaJson from '../schemas/scaling.schema.json';

// The member names of the file format, read from the schema. The parser hands out these
// very strings for the names it meets, rather than a fresh copy of each from the text:
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
 * The known names by length and first character, for finding the one that a stretch of
 * text spells without making a string of it.
 */
export class NameTable {
  /** Buckets of names by slot (length and first character); names longer than 63 or not starting in ASCII are left out. */
  readonly #buckets: (string[] | undefined)[] = new Array<string[] | undefined>(64 * 128).fill(undefined);

  constructor(names: readonly string[]) {
    for (const name of names) {
      if (name.length === 0 || name.length >= 64 || name.charCodeAt(0) >= 128) continue;
      const slot = name.length * 128 + name.charCodeAt(0);
      (this.#buckets[slot] ??= []).push(name);
    }
  }

  /** The known name that `text` holds from `start` for `length` characters, if any. */
  find(text: string, start: number, length: number): string | undefined {
    const first = text.charCodeAt(start);
    if (length >= 64 || first >= 128) return undefined;
    const bucket = this.#buckets[length * 128 + first];
    if (!bucket) return undefined;
    for (let b = 0; b < bucket.length; b++) {
      if (text.startsWith(bucket[b]!, start)) return bucket[b];
    }
    return undefined;
  }
}

export const MEMBER_NAME_TABLE = new NameTable(MEMBER_NAMES);
