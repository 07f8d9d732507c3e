import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { damaged } from '../damage';
import { LspSession } from '../lspClient';
import { DIST, EXAMPLES, REPO_ROOT } from '../paths';
import { loadRuleFixtures } from '../ruleFixtures';

// No input crashes or hangs the server. Mutated versions of the examples and
// rule fixtures go to the bundled server over a real connection; every publish must have
// ranges inside its document, and the server must keep answering.

const SERVER = join(DIST, 'server.js');
const SEEDS = [
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.scaling.json'))
    .map((f) => readFileSync(join(EXAMPLES, f), 'utf8')),
  ...loadRuleFixtures()
    .filter((f) => f.text.length < 4000)
    .map((f) => f.text),
];

const mutated = damaged(
  fc.nat({ max: SEEDS.length - 1 }).map((i) => SEEDS[i]!),
  { slice: 30, noise: 6 },
);

describe('language server under mutated documents', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start(SERVER, { settings: () => ({ rules: {}, validation: { debounceMs: 0 } }) });
  });
  after(() => lsp.dispose());

  it('answers 300 mutated documents with diagnostics inside them, and stays up', async () => {
    const texts = fc.sample(mutated, { numRuns: 300, seed: 42 });
    const uri = pathToFileURL(join(REPO_ROOT, '.lsp-test', 'fuzz.scaling.json')).toString();
    for (const [n, text] of texts.entries()) {
      const published = await lsp.openAndWait(uri, text);
      const doc = TextDocument.create(uri, 'jsonc', 1, text);
      for (const d of published.diagnostics) {
        const start = doc.offsetAt(d.range.start);
        const end = doc.offsetAt(d.range.end);
        assert.ok(start <= end, `document ${n}: ${String(d.code)} range ends before it starts`);
        assert.deepEqual(
          doc.positionAt(end),
          d.range.end,
          `document ${n}: ${String(d.code)} ends outside the document`,
        );
      }
      await lsp.close(uri);
    }
    assert.ok(lsp.alive, 'the server process is alive');
  });
});
