/**
 * A lookup table keyed by words from the user's file. It has no prototype, so a key such
 * as "toString" or "__proto__" finds nothing instead of an Object.prototype member.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
