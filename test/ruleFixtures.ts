import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from '../core/finding';
import { FIXTURES } from './paths';

// Rule fixtures: test/fixtures/rules/<code>/bad*.jsonc and good*.jsonc. In a bad fixture
// each expected finding's range is marked ⟦like this⟧; the markers are removed before the
// text is checked. The same files feed docs/rules.md, so the examples cannot drift.

export interface RuleFixture {
  code: string;
  name: string;
  kind: 'bad' | 'good';
  text: string;
  expected: Range[];
}

const OPEN = '⟦';
const CLOSE = '⟧';

/** Removes the markers and returns the text with the marked ranges. */
export function stripMarkers(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  const open: number[] = [];
  for (const ch of marked) {
    if (ch === OPEN) open.push(text.length);
    else if (ch === CLOSE) {
      const start = open.pop();
      if (start === undefined) throw new Error('unbalanced ⟧ in fixture');
      ranges.push({ start, end: text.length });
    } else text += ch;
  }
  if (open.length) throw new Error('unbalanced ⟦ in fixture');
  return { text, ranges: ranges.sort((a, b) => a.start - b.start) };
}

export const RULE_FIXTURES_DIR = join(FIXTURES, 'rules');

function rank(name: string): number {
  return name === 'bad.jsonc' || name === 'good.jsonc' ? 0 : 1;
}

/** Every rule fixture, grouped by code, bad.jsonc and good.jsonc first. */
export function loadRuleFixtures(): RuleFixture[] {
  const fixtures: RuleFixture[] = [];
  for (const code of readdirSync(RULE_FIXTURES_DIR).sort()) {
    // bad.jsonc and good.jsonc first: they are the examples docs/rules.md shows.
    const names = readdirSync(join(RULE_FIXTURES_DIR, code)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const name of names) {
      const kind = name.startsWith('bad') ? 'bad' : name.startsWith('good') ? 'good' : undefined;
      if (!kind || !name.endsWith('.jsonc')) continue;
      const { text, ranges } = stripMarkers(readFileSync(join(RULE_FIXTURES_DIR, code, name), 'utf8'));
      fixtures.push({ code, name, kind, text, expected: ranges });
    }
  }
  return fixtures;
}
