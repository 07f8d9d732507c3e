import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFINED_IN, RULES_BY_CODE } from '../../core/rules';
import { toDiagnostic } from '../../server/diagnostics';
import { REPO_ROOT } from '../paths';
import { renderRulePages, renderRulesDoc, RULE_PAGES, RULES_DOC } from '../../scripts/rulesDoc';

describe('docs/rules.md and docs/rules/<code>.md', () => {
  it('are generated from the current rules and fixtures (run npm run docs)', () => {
    assert.equal(readFileSync(RULES_DOC, 'utf8'), renderRulesDoc());
    const pages = renderRulePages();
    assert.deepEqual(readdirSync(RULE_PAGES).sort(), [...pages.keys()].sort(), 'one page per code, none left over');
    for (const [name, text] of pages) assert.equal(readFileSync(join(RULE_PAGES, name), 'utf8'), text, name);
  });

  it('the index links every code to its page', () => {
    const index = renderRulesDoc();
    for (const code of RULES_BY_CODE.keys()) assert.ok(index.includes(`[\`${code}\`](rules/${code}.md)`), code);
  });

  it('each page names the file that defines its code, and that file does define it', () => {
    const pages = renderRulePages();
    for (const code of RULES_BY_CODE.keys()) {
      const page = pages.get(`${code}.md`);
      assert.ok(page?.startsWith(`# ${code}\n`), `a page for ${code}`);
      const file = DEFINED_IN.get(code);
      assert.ok(file, `no file recorded for ${code}`);
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      assert.ok(source.includes(`'${code}'`) || source.includes(`"${code}"`), `${file} does not mention '${code}'`);
      assert.ok(page!.includes(`Defined in [\`${file}\`](../../${file}).`), code);
      assert.ok(existsSync(join(RULE_PAGES, '..', '..', file)), `the link to ${file} resolves from docs/rules/`);
    }
  });

  it("the language server's code link of every code opens that code's page", () => {
    // The server links to <extension>/docs/rules/<code>.md; here the repository is the extension.
    const docsUri = pathToFileURL(join(REPO_ROOT, 'docs')).toString();
    const document = TextDocument.create('file:///x.scaling.json', 'jsonc', 1, '{}');
    for (const code of RULES_BY_CODE.keys()) {
      const diagnostic = toDiagnostic(document, { code, severity: 'error', message: 'm', start: 0, end: 1 }, docsUri);
      const href = diagnostic.codeDescription?.href;
      assert.ok(href, code);
      const path = fileURLToPath(href);
      assert.ok(existsSync(path), `${code}: ${href} exists`);
      assert.ok(readFileSync(path, 'utf8').startsWith(`# ${code}\n`), `${code}: ${href} is its page`);
    }
  });
});
