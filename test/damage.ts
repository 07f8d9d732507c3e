import fc from 'fast-check';

// Character-level damage for the fuzz tests of the engine (test/unit/fuzz.test.ts) and the
// language server (test/lsp/fuzz.test.ts): what typing, pasting and cutting do to a file.

/**
 * `texts` with up to four edits each: cut the rest, replace up to `slice` characters with
 * up to `noise` random ones, duplicate a slice, or leave alone.
 */
export function damaged(texts: fc.Arbitrary<string>, limits: { slice: number; noise: number }): fc.Arbitrary<string> {
  return fc
    .tuple(
      texts,
      fc.array(
        fc.tuple(fc.nat(), fc.nat({ max: limits.slice }), fc.string({ maxLength: limits.noise }), fc.nat({ max: 3 })),
        { maxLength: 4 },
      ),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [at, len, noise, kind]) => {
        const i = t.length ? at % t.length : 0;
        if (kind === 0) return t.slice(0, i);
        if (kind === 1) return t.slice(0, i) + noise + t.slice(i + len);
        if (kind === 2) return t.slice(0, i) + t.slice(i, i + len) + t.slice(i);
        return t;
      }, text),
    );
}
