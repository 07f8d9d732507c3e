import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspSession, type Publish } from '../lspClient';
import { DIST, REPO_ROOT } from '../paths';
import { RULE_FIXTURES_DIR, stripMarkers } from '../ruleFixtures';

// No input crashes or hangs the server: after each hostile document the server must still
// answer, which a valid document's diagnostics prove.

const SERVER = join(DIST, 'server.js');
const VALID_BAD = stripMarkers(readFileSync(join(RULE_FIXTURES_DIR, 'target.min-le-max', 'bad.jsonc'), 'utf8')).text;

let counter = 0;
function uriOf(name: string): string {
  return pathToFileURL(join(REPO_ROOT, '.lsp-test', `${name}-${++counter}.scaling.json`)).toString();
}

/** The codes of diagnostics, limited to `code` (rules added later may fire on these texts too). */
function codesOf(diagnostics: Diagnostic[], code: string): string[] {
  return diagnostics.map((d) => String(d.code)).filter((c) => c === code);
}

/** Every diagnostic range lies inside the document, start before end, positions in UTF-16 units. */
function assertRangesInside(text: string, diagnostics: Diagnostic[]): void {
  const doc = TextDocument.create('file:///x', 'jsonc', 1, text);
  for (const d of diagnostics) {
    const start = doc.offsetAt(d.range.start);
    const end = doc.offsetAt(d.range.end);
    assert.ok(start <= end, `range ends before it starts: ${JSON.stringify(d.range)}`);
    assert.deepEqual(doc.positionAt(start), d.range.start, `start outside the document: ${JSON.stringify(d.range)}`);
    assert.deepEqual(doc.positionAt(end), d.range.end, `end outside the document: ${JSON.stringify(d.range)}`);
    assert.equal(d.source, 'scaling');
  }
}

/** A ~10 MB document: valid targets, the last one with MinCapacity above MaxCapacity. */
function tenMegabytes(): { text: string; line: number } {
  const target = (i: number, min: number) =>
    `    {\n      "ServiceNamespace": "sagemaker",\n      "ResourceId": "endpoint/endpoint-${i}/variant/AllTraffic",\n      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",\n      "MinCapacity": ${min},\n      "MaxCapacity": 4,\n      "ScalingPolicies": [ { "PolicyName": "invocations-${i}", "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70, "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" } } } ]\n    }`;
  const targets: string[] = [];
  let size = 0;
  while (size < 10 * 1024 * 1024) {
    const t = target(targets.length, 1);
    targets.push(t);
    size += t.length + 2;
  }
  targets.push(target(targets.length, 9));
  const text = `{\n  "ScalableTargets": [\n${targets.join(',\n')}\n  ]\n}\n`;
  const line = text.slice(0, text.lastIndexOf('"MinCapacity": 9')).split('\n').length - 1;
  return { text, line };
}

describe('language server: hostile input over LSP', () => {
  let lsp: LspSession;

  before(async () => {
    lsp = await LspSession.start(SERVER, { settings: () => ({ rules: {}, validation: { debounceMs: 0 } }) });
  });
  after(() => lsp.dispose());

  /** Opens `text`, returns its first publish, then proves the server still serves a valid document. */
  async function survive(name: string, text: string, timeoutMs = 10_000): Promise<Publish> {
    const uri = uriOf(name);
    const published = await lsp.openAndWait(uri, text, timeoutMs);
    assertRangesInside(text, published.diagnostics);
    await lsp.close(uri);

    const probe = uriOf(`${name}-probe`);
    const after = await lsp.openAndWait(probe, VALID_BAD);
    assert.deepEqual(
      codesOf(after.diagnostics, 'target.min-le-max'),
      ['target.min-le-max'],
      `the server answers after ${name}`,
    );
    await lsp.close(probe);
    assert.ok(lsp.alive, `the server process is alive after ${name}`);
    return published;
  }

  it('invalid JSON', async () => {
    for (const [name, text] of [
      ['truncated', VALID_BAD.slice(0, VALID_BAD.indexOf('"MaxCapacity"') + 16)],
      ['garbage', '}{ ]] "ScalableTargets" :: [ ,,, { "MinCapacity": } '],
      ['unterminated-string', '{ "ScalableTargets": [ { "ResourceId": "endpoint/a'],
      ['unterminated-comment', '{ /* "ScalableTargets": [] '],
      [
        'bad-escapes',
        '{ "ScalableTargets": [ { "ResourceId": "endpoint/\\uZZZZ/variant/\\q", "MinCapacity": 3, "MaxCapacity": 1 } ] }',
      ],
      ['wrong-types', '{ "ScalableTargets": { "MinCapacity": "ten" }, "Region": 42 }'],
      [
        'targets-wrong-items',
        '{ "ScalableTargets": [ null, 1, "x", [], { "ScalingPolicies": 7, "ScheduledActions": [ null ] } ] }',
      ],
      [
        'huge-numbers',
        '{ "ScalableTargets": [ { "MinCapacity": 1e400, "MaxCapacity": -1e400 }, { "MinCapacity": 123456789012345678901234567890, "MaxCapacity": 0.000000001 } ] }',
      ],
    ] as const) {
      await survive(name, text);
    }
  });

  it('an empty or blank document gets format.empty', async () => {
    for (const [name, text] of [
      ['empty', ''],
      ['blank', '  \n\t\r\n '],
      ['only-comment', '// nothing here yet\n'],
    ] as const) {
      const published = await survive(name, text);
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['format.empty'],
        name,
      );
    }
  });

  it('a document that is an array, a number, a string, null or true', async () => {
    for (const [name, text] of [
      ['array', '[ { "ScalableTargets": [] }, 1, 2 ]'],
      ['number', '42'],
      ['string', '"ScalableTargets"'],
      ['null', 'null'],
      ['true', 'true'],
    ] as const) {
      const published = await survive(name, text);
      assert.deepEqual(published.diagnostics, [], name);
    }
  });

  it('a 10 MB document, with the finding at its end on the right line', async () => {
    const { text, line } = tenMegabytes();
    assert.ok(text.length >= 10 * 1024 * 1024);
    const published = await survive('ten-megabytes', text, 20_000);
    const mine = published.diagnostics.filter((d) => d.code === 'target.min-le-max');
    assert.deepEqual(
      mine.map((d) => d.range),
      [{ start: { line, character: 21 }, end: { line, character: 22 } }],
    );
  });

  it('non-ASCII and odd Unicode text', async () => {
    const base = VALID_BAD;
    for (const [name, text] of [
      ['bom', `\uFEFF${base}`],
      [
        'emoji-keys',
        '{ "🚀": "👩‍👩‍👧‍👦", "ScalableTargets": [ { "ResourceId": "endpoint/名前/variant/𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "ServiceNamespace": "sagemaker", "MinCapacity": 1, "MaxCapacity": 2 } ] }',
      ],
      [
        'lone-surrogates',
        `{ "ScalableTargets": [ { "ResourceId": "endpoint/\uD800x/variant/\uDFFF", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "ServiceNamespace": "sagemaker" } ] } \uD83D`,
      ],
      ['control-characters', `{ "ScalableTargets": [ { "ResourceId": "a\u0000b\u0007c", "\u0000": 1 } ] }\u0000\u0001`],
      [
        'separators-and-bidi',
        `{ "Region": "us-east-1\u2028\u2029", "ScalableTargets": [ { "ResourceId": "\u202Eendpoint/x/variant/y\u202C", "MinCapacity": 5, "MaxCapacity": 1 } ] }`,
      ],
      [
        'combining',
        `{ "ScalableTargets": [ { "ResourceId": "endpoint/e\u0301\u0301\u0301/variant/a\u20DD", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "ServiceNamespace": "sagemaker", "MinCapacity": 1, "MaxCapacity": 1 } ] }`,
      ],
      ['crlf-and-cr', base.replace(/\n/g, '\r\n').replace('"MaxCapacity"', '\r"MaxCapacity"')],
      ['noncharacters', `{ "ScalableTargets": [] } // \uFFFE\uFFFF\uFDD0 \u{10FFFF}`],
    ] as const) {
      await survive(name, text);
    }
  });

  it('a BOM and CRLF line ends do not shift the reported positions', async () => {
    const text = `\uFEFF${VALID_BAD.replace(/\n/g, '\r\n')}`;
    const published = await survive('bom-crlf-positions', text);
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'target.min-le-max').map((d) => d.range),
      [{ start: { line: 6, character: 21 }, end: { line: 6, character: 23 } }],
    );
  });

  it('a finding inside a non-ASCII name covers exactly that name, in UTF-16 units', async () => {
    const text =
      '{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/été-🚀/variant/AllTraffic", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 2 } ] }';
    const published = await survive('non-ascii-name', text);
    const mine = published.diagnostics.filter((d) => d.code === 'target.resourceid-format.sm-variant');
    assert.equal(mine.length, 1, JSON.stringify(published.diagnostics));
    const start = text.indexOf('été-🚀');
    assert.deepEqual(mine[0]!.range, {
      start: { line: 0, character: start },
      end: { line: 0, character: start + 'été-🚀'.length },
    });
    assert.equal('été-🚀'.length, 6, 'the rocket counts as two UTF-16 code units');
  });

  it('200,000 nested [ and 200,000 nested {"a":', async () => {
    const brackets = await survive('nested-brackets', '['.repeat(200_000));
    assert.deepEqual(
      brackets.diagnostics.map((d) => [d.code, d.range]),
      [['format.too-deep', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }]],
    );
    const closed = await survive('nested-closed', `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    assert.deepEqual(
      closed.diagnostics.map((d) => d.code),
      ['format.too-deep'],
    );
    const objects = await survive('nested-objects', '{"ScalableTargets":'.repeat(100_000));
    assert.deepEqual(
      objects.diagnostics.map((d) => d.code),
      ['format.too-deep'],
    );
  });

  it('code actions on hostile documents answer without failing', async () => {
    for (const text of ['', '42', '['.repeat(200_000), '{ "ScalableTargets": [ { "PolicyARN": ']) {
      const uri = uriOf('code-action');
      await lsp.openAndWait(uri, text);
      const end = TextDocument.create(uri, 'jsonc', 1, text).positionAt(text.length);
      const actions = await lsp.codeActions({
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end },
        context: { diagnostics: [] },
      });
      assert.ok(Array.isArray(actions));
      await lsp.close(uri);
    }
    // A request for a document the server never saw.
    assert.deepEqual(
      await lsp.codeActions({
        textDocument: { uri: uriOf('never-opened') },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      }),
      [],
    );
    assert.ok(lsp.alive);
  });

  it('the server exits cleanly after all that', async () => {
    assert.equal(await lsp.shutdown(), 0);
  });
});
