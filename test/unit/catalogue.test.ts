import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES_BY_CODE } from '../../core/rules';
import { RETIRED_CODES } from '../../core/rules/retired';
import { CATALOGUE_CODES, CHECKED_ELSEWHERE } from '../catalogue';

const RETIRED = new Set(RETIRED_CODES.map((r) => r.code));

// Nothing in the rule catalogue falls through: each code is a rule of the engine, says
// where else it is checked (the schema entries' examples are checked in schema.test.ts), or
// was retired, with why and the source (core/rules/retired.ts).

describe('the rule catalogue', () => {
  it('every code is a registered rule, checked elsewhere or retired: one of the three', () => {
    const unaccounted = CATALOGUE_CODES.filter(
      (code) => !RULES_BY_CODE.has(code) && !(code in CHECKED_ELSEWHERE) && !RETIRED.has(code),
    );
    assert.deepEqual(unaccounted, []);
    const both = Object.keys(CHECKED_ELSEWHERE).filter((code) => RULES_BY_CODE.has(code) || RETIRED.has(code));
    assert.deepEqual(both, []);
    assert.deepEqual(
      [...RETIRED].filter((code) => RULES_BY_CODE.has(code)),
      [],
      'a retired code is no rule',
    );
  });

  it('says why each retired code was retired, and on what AWS page that rests', () => {
    for (const retired of RETIRED_CODES) {
      assert.ok(retired.why.length > 60, `${retired.code}: why`);
      assert.ok(retired.short.length > 10, `${retired.code}: a short why for messages`);
      assert.match(retired.source, /^https:\/\/docs\.aws\.amazon\.com\//, `${retired.code}: an AWS page`);
    }
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
