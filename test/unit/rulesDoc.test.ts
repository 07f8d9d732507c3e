import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { DEFINED_IN, RULES_BY_CODE } from '../../core/rules';
import { REPO_ROOT } from '../paths';
import { renderRulesDoc, RULES_DOC } from '../../scripts/rulesDoc';

describe('docs/rules.md', () => {
  it('is generated from the current rules and fixtures (run npm run docs)', () => {
    assert.equal(readFileSync(RULES_DOC, 'utf8'), renderRulesDoc());
  });

  it('has a section for every code', () => {
    const doc = renderRulesDoc();
    for (const code of RULES_BY_CODE.keys()) assert.ok(doc.includes(`\n## ${code}\n`), code);
  });

  it('names the file that defines each code, and that file does define it', () => {
    const doc = renderRulesDoc();
    for (const code of RULES_BY_CODE.keys()) {
      const file = DEFINED_IN.get(code);
      assert.ok(file, `no file recorded for ${code}`);
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      assert.ok(source.includes(`'${code}'`) || source.includes(`"${code}"`), `${file} does not mention '${code}'`);
      const section = doc.slice(doc.indexOf(`\n## ${code}\n`));
      assert.ok(section.includes(`Defined in [\`${file}\`](../${file}).`), code);
    }
  });
});
