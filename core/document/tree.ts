import type { Node } from 'jsonc-parser';
import type { Range } from '../finding';

// The document tree the engine reads: one Item per value, and an object's members are the
// Items of their values, each carrying its member name and the range of that name.
//
// jsonc-parser's tree spends four objects on every member (the property, its key, its value
// and the two-element list of them); on a 2,000-target file that was 170,000 nodes and
// 20 MB to allocate, keep and collect on every keystroke, more than the rules cost. An Item
// is one object per value, and being `{ value, range, keyRange }` it is also what the typed
// model hands to rules as a member's value, so the model adds no object per member either.

export type ItemType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'missing';

/**
 * One value of the document. A member of an object has its name in `key` and the offsets
 * of the quoted name in `keyStart`/`keyEnd`; an array element or the root has no key (and
 * -1 there). A member whose value the text lacks (`"a": }` mid-typing) is an Item of type
 * `missing`, so that its name is still seen.
 */
export class Item {
  constructor(
    public type: ItemType,
    /** Offset of the value's first character. */
    public start: number,
    /** Offset just past the value. */
    public end: number,
    /** The value of a string, number, boolean or null; undefined for objects and arrays. */
    public value: unknown,
    /** The members of an object or the elements of an array, in text order. */
    public children: Item[] | undefined,
    public key: string | undefined,
    public keyStart: number,
    public keyEnd: number,
  ) {}

  /** The value's range. Computed when asked: rules ask for a handful of a file's ranges. */
  get range(): Range {
    return { start: this.start, end: this.end };
  }

  /** The range of the member name, quotes included; the value's range for an element. */
  get keyRange(): Range {
    return this.keyStart < 0 ? this.range : { start: this.keyStart, end: this.keyEnd };
  }

  /** The member's whole extent, from its name to the end of its value. */
  get memberStart(): number {
    return this.keyStart < 0 ? this.start : this.keyStart;
  }
}

/** The first member of an object item with that name, whatever the type of its value. */
export function memberOf(object: Item | undefined, key: string): Item | undefined {
  const children = object?.type === 'object' ? object.children : undefined;
  if (!children) return undefined;
  for (let i = 0; i < children.length; i++) {
    if (children[i]!.key === key) return children[i];
  }
  return undefined;
}

/**
 * The plain value of an item, as JSON.parse would give it (a later duplicate member wins),
 * with objects that have no prototype so a member named `__proto__` stays a member.
 */
export function itemValue(item: Item): unknown {
  switch (item.type) {
    case 'object': {
      const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const member of item.children ?? []) {
        if (member.type !== 'missing') object[member.key!] = itemValue(member);
      }
      return object;
    }
    case 'array':
      return (item.children ?? []).map(itemValue);
    case 'missing':
      return undefined;
    default:
      return item.value;
  }
}

/**
 * The items of a jsonc-parser tree: the error-tolerant parse of a document being typed
 * goes through jsonc-parser, and the engine reads the result as Items all the same.
 */
export function itemsFromJsonc(node: Node): Item {
  return convert(node, undefined);
}

function convert(node: Node, keyNode: Node | undefined): Item {
  const key = keyNode ? String(keyNode.value) : undefined;
  const keyStart = keyNode ? keyNode.offset : -1;
  const keyEnd = keyNode ? keyNode.offset + keyNode.length : -1;
  const item = new Item(
    node.type as ItemType,
    node.offset,
    node.offset + node.length,
    undefined,
    undefined,
    key,
    keyStart,
    keyEnd,
  );
  if (node.type === 'object') {
    const members: Item[] = [];
    for (const property of node.children ?? []) {
      const [k, v] = property.children ?? [];
      if (!k) continue;
      if (v) {
        members.push(convert(v, k));
      } else {
        // A name with no value yet: its end is the name's end.
        const end = k.offset + k.length;
        members.push(new Item('missing', end, end, undefined, undefined, String(k.value), k.offset, end));
      }
    }
    item.children = members;
  } else if (node.type === 'array') {
    item.children = (node.children ?? []).map((child) => convert(child, undefined));
  } else {
    item.value = node.value;
  }
  return item;
}
