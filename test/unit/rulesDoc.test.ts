import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES_BY_CODE } from '../../core/rules';
import { renderRulesDoc, RULES_DOC } from '../../scripts/rulesDoc';

describe('docs/rules.md', () => {
  it('is generated from the current rules and fixtures (run npm run docs)', () => {
    assert.equal(readFileSync(RULES_DOC, 'utf8'), renderRulesDoc());
  });

  it('has a section for every code', () => {
    const doc = renderRulesDoc();
    for (const code of RULES_BY_CODE.keys()) assert.ok(doc.includes(`\n## ${code}\n`), code);
  });
});
