import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES_BY_CODE } from '../../core/rules';
import { CATALOGUE_CODES, CHECKED_ELSEWHERE } from '../catalogue';

// Nothing in the rule catalogue falls through: each code is a rule of the engine, or says
// where else it is checked (the schema entries' examples are checked in schema.test.ts).

describe('the rule catalogue', () => {
  it('every code is a registered rule or checked elsewhere, not both', () => {
    const unaccounted = CATALOGUE_CODES.filter((code) => !RULES_BY_CODE.has(code) && !(code in CHECKED_ELSEWHERE));
    assert.deepEqual(unaccounted, []);
    const both = Object.keys(CHECKED_ELSEWHERE).filter((code) => RULES_BY_CODE.has(code));
    assert.deepEqual(both, []);
  });

  it('lists only catalogue codes as checked elsewhere', () => {
    assert.deepEqual(
      Object.keys(CHECKED_ELSEWHERE).filter((code) => !CATALOGUE_CODES.includes(code)),
      [],
    );
  });

  it('names registered rules where another code does the check', () => {
    for (const [code, entry] of Object.entries(CHECKED_ELSEWHERE)) {
      if (entry.by !== 'rules') continue;
      for (const other of entry.codes) assert.ok(RULES_BY_CODE.has(other), `${code}: ${other} is no rule`);
    }
  });
});
