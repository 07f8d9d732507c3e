import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { generateScalingFile } from '../../bench/generate';
import { parseFast } from '../../core/document/fastParse';
import { MEMBER_NAME_TABLE, MEMBER_NAMES, NameTable } from '../../core/document/memberNames';
import { itemsFromJsonc, type Item } from '../../core/document/tree';
import { EXAMPLES } from '../paths';

// The fast path must build exactly the Items of jsonc-parser's tree for every well-formed
// document, and step aside (undefined) for everything else, so the engine sees the same
// tree either way.

/** The tree without parent links (cycles), for deep comparison. */
function plain(node: Item | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    start: node.start,
    end: node.end,
    value: node.value,
    key: node.key,
    keyStart: node.keyStart,
    keyEnd: node.keyEnd,
    ...(node.children ? { children: node.children.map(plain) } : {}),
  };
}

function jsonc(text: string): { root: Item | undefined; errors: number } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return { root: root && itemsFromJsonc(root), errors: errors.length };
}

const trivia = fc.constantFrom('', ' ', '\n', '\r\n', '\t', ' // note\n', '/* c */', '/* multi\nline */ ', '  ');
const key = fc.oneof(
  fc.constantFrom('ScalableTargets', 'MinCapacity', 'MaxCapacity', 'MinCapacitz', 'Id', 'I', 'a"b', 'é', 'x\\y', ''),
  fc.string({ maxLength: 6 }),
);
const leaf = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** JSON text with random trivia between tokens and sometimes trailing commas. */
function render(v: unknown, pick: () => string, trailing: () => boolean): string {
  if (Array.isArray(v))
    return `[${pick()}${v.map((x) => render(x, pick, trailing) + pick()).join(',' + pick())}${v.length && trailing() ? ',' + pick() : ''}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(
      ([k, x]) => `${JSON.stringify(k)}${pick()}:${pick()}${render(x, pick, trailing)}${pick()}`,
    );
    return `{${pick()}${entries.join(',' + pick())}${entries.length && trailing() ? ',' + pick() : ''}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

describe('fast JSONC parse', () => {
  it('builds the same tree as jsonc-parser for well-formed documents', () => {
    fc.assert(
      fc.property(
        value,
        fc.array(trivia, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
        (v, trivias, commas) => {
          let t = 0;
          let c = 0;
          const text =
            trivias[0] +
            render(
              v,
              () => trivias[t++ % trivias.length]!,
              () => commas[c++ % commas.length]!,
            ) +
            trivias[trivias.length - 1];
          const fast = parseFast(text, MEMBER_NAME_TABLE);
          const reference = jsonc(text);
          assert.equal(reference.errors, 0, 'the generator makes well-formed text');
          assert.ok(fast, `the fast path gave up on well-formed text: ${text.slice(0, 80)}`);
          assert.deepEqual(plain(fast.root), plain(reference.root));
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('steps aside whenever jsonc-parser reports an error', () => {
    const damaged = fc
      .tuple(
        value,
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', '/', '/*', 'tru', '01', '-', '1.', '\u0000', '\\q', ':', '\u00a0'),
      )
      .map(([v, at, noise]) => {
        const text = JSON.stringify(v) ?? '';
        const i = text.length ? at % text.length : 0;
        return text.slice(0, i) + noise + text.slice(i);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        const reference = jsonc(text);
        const fast = parseFast(text, MEMBER_NAME_TABLE);
        if (reference.errors > 0)
          assert.equal(fast, undefined, `fast path accepted text with errors: ${JSON.stringify(text.slice(0, 80))}`);
        else if (fast) assert.deepEqual(plain(fast.root), plain(reference.root));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('hands out the known member names themselves, and reads any other name from the text', () => {
    const table = new NameTable(['MinCapacity', 'MaxCapacity', 'Id']);
    const text = '{ "MaxCapacity": 1, "MinCapacity": 2, "MinCapacitz": 3, "Min\\u0043apacity": 4, "Id": 5, "id": 6 }';
    const names = parseFast(text, table)!.root!.children!.map((m) => m.key);
    assert.deepEqual(names, ['MaxCapacity', 'MinCapacity', 'MinCapacitz', 'MinCapacity', 'Id', 'id']);
    assert.deepEqual(table.names.filter((n) => n !== undefined).sort(), ['Id', 'MaxCapacity', 'MinCapacity']);
    assert.ok(MEMBER_NAMES.includes('ScheduledActionName'), "the schema's names are read");
    assert.deepEqual(
      new Set(MEMBER_NAME_TABLE.names.filter((n) => n !== undefined)),
      new Set(MEMBER_NAMES),
      'every schema name ends at a state of the table',
    );
  });

  it("reads the examples and the bench's files itself, without falling back to jsonc-parser", () => {
    // The fallback is correct but several times slower: a construct the fast path gave up
    // on would make every keystroke on such a file slow without any test noticing.
    const texts = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.scaling.json'))
      .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
    texts.push(generateScalingFile(3), generateScalingFile(40));
    for (const text of texts) {
      const fast = parseFast(text, MEMBER_NAME_TABLE);
      assert.ok(fast?.root, `the fast path gave up on: ${text.slice(0, 60)}`);
      assert.deepEqual(plain(fast.root), plain(jsonc(text).root));
    }
  });

  it('handles the edges: empty text, escapes, deep nesting', () => {
    assert.deepEqual(parseFast(''), { root: undefined });
    assert.deepEqual(parseFast(' // only\n'), { root: undefined });
    assert.equal(parseFast('"a\\u0041\\n"')?.root?.value, 'aA\n');
    assert.equal(parseFast('['.repeat(100_000) + ']'.repeat(100_000)), undefined, 'too deep: left to the fallback');
  });
});
