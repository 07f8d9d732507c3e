import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession, type Publish } from '../lspClient';
import { DIST, REPO_ROOT } from '../paths';
import { RULE_FIXTURES_DIR, stripMarkers } from '../ruleFixtures';

// Debounce and stale versions: a burst of edits yields one publish, for the last version.

const SERVER = join(DIST, 'server.js');

function uriOf(name: string): string {
  return pathToFileURL(join(REPO_ROOT, '.lsp-test', `${name}.scaling.json`)).toString();
}

/** A change that rewrites MinCapacity's value (first occurrence) to `value`. */
function setMinCapacity(doc: TextDocument, value: number) {
  const text = doc.getText();
  const at = text.indexOf('"MinCapacity": ') + '"MinCapacity": '.length;
  const end = text.slice(at).search(/[,\s}]/) + at;
  return { range: { start: doc.positionAt(at), end: doc.positionAt(end) }, text: String(value) };
}

/** A ~2 MB file: the min-le-max fixture's target repeated with distinct ids. */
function largeText(targets: number): string {
  const target = (
    i: number,
  ) => `    { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/ep-${i}/variant/AllTraffic", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4,
      "ScalingPolicies": [ { "PolicyName": "invocations-${i}", "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70, "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" }, "ScaleInCooldown": 300, "ScaleOutCooldown": 60 } } ],
      "ScheduledActions": [ { "ScheduledActionName": "morning-${i}", "Schedule": "cron(0 8 * * ? *)", "ScalableTargetAction": { "MinCapacity": 2, "MaxCapacity": 8 } },
                            { "ScheduledActionName": "evening-${i}", "Schedule": "cron(0 20 * * ? *)", "ScalableTargetAction": { "MinCapacity": 1, "MaxCapacity": 4 } } ] }`;
  return `{\n  "ScalableTargets": [\n${Array.from({ length: targets }, (_, i) => target(i)).join(',\n')}\n  ]\n}\n`;
}

/**
 * Sends `count` didChange notifications back to back, then one more change after the
 * burst's publish; returns every publish for the document from the first change up to that
 * last one's. A validation left over from the burst would run before the last change's
 * (its timer started earlier), so it would show up in the list.
 */
async function burst(
  lsp: LspSession,
  uri: string,
  count: number,
  timeoutMs: number,
): Promise<{ last: number; publishes: Publish[] }> {
  const from = lsp.publishes.length;
  const lastVersion = lsp.document(uri).version + count;
  const burstPublished = lsp.publishOf(uri, lastVersion, timeoutMs);
  const sends: Promise<number>[] = [];
  for (let i = 0; i < count; i++) sends.push(lsp.change(uri, [setMinCapacity(lsp.document(uri), i % 2 === 0 ? 9 : 1)]));
  await Promise.all(sends);
  await burstPublished;
  const trailer = lsp.publishOf(uri, lastVersion + 1, timeoutMs);
  await lsp.change(uri, [setMinCapacity(lsp.document(uri), 3)]);
  await trailer;
  return {
    last: lastVersion,
    publishes: lsp.publishes.slice(from).filter((p) => p.uri === uri && p.version !== lastVersion + 1),
  };
}

describe('language server: debounce and stale versions', () => {
  let lsp: LspSession;
  const debounce = new Map<string, number>();

  before(async () => {
    // Each document gets its own debounce through workspace/configuration's scopeUri; none
    // set means the server's default.
    lsp = await LspSession.start(SERVER, {
      settings: (scopeUri) => ({
        rules: {},
        validation: scopeUri && debounce.has(scopeUri) ? { debounceMs: debounce.get(scopeUri) } : {},
      }),
    });
  });
  after(() => lsp.dispose());

  it('a burst of didChange within the debounce publishes once, for the last version', async () => {
    const uri = uriOf('burst');
    debounce.set(uri, 50);
    const text = stripMarkers(readFileSync(join(RULE_FIXTURES_DIR, 'target.min-le-max', 'bad.jsonc'), 'utf8')).text;
    await lsp.openAndWait(uri, text);

    const { last, publishes } = await burst(lsp, uri, 10, 5_000);
    assert.equal(last, 11);
    assert.deepEqual(
      publishes.map((p) => p.version),
      [11],
      'one publish for the burst, for its last version',
    );
    // Version 11 set MinCapacity to 1 (≤ MaxCapacity 2): no finding from an older text.
    assert.deepEqual(codes(publishes[0]!), []);
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen; were that debounced, an
  // opened file would wait the full debounce before its first diagnostics.
  it('didOpen validates at once, whatever the debounce', async () => {
    const uri = uriOf('slow-debounce');
    debounce.set(uri, 5_000);
    try {
      const published = await lsp.openAndWait(uri, '{ "ScalableTargets": [] }', 1_000);
      assert.equal(published.version, 1);
    } finally {
      await lsp.close(uri);
    }
  });

  it('a large file with the default debounce queues one validation for a burst of 20 edits', async () => {
    const uri = uriOf('large-burst');
    const text = largeText(2_000);
    assert.ok(text.length > 1_500_000, `${text.length} characters`);
    const opened = await lsp.openAndWait(uri, text, 20_000);
    assert.deepEqual(codes(opened), []);

    const { last, publishes } = await burst(lsp, uri, 20, 20_000);
    assert.equal(last, 21);
    assert.deepEqual(
      publishes.map((p) => p.version),
      [21],
    );
    // The 20th edit (i = 19) set the first target's MinCapacity to 1: no finding.
    assert.deepEqual(codes(publishes[0]!), []);
    await lsp.close(uri);
  });

  it('closing a document cancels its pending validation', async () => {
    const uri = uriOf('close-pending');
    debounce.set(uri, 100);
    const text = stripMarkers(readFileSync(join(RULE_FIXTURES_DIR, 'target.min-le-max', 'bad.jsonc'), 'utf8')).text;
    await lsp.openAndWait(uri, text);
    const from = lsp.publishes.length;
    await lsp.change(uri, [setMinCapacity(lsp.document(uri), 7)]); // v2, due in 100 ms
    const cleared = lsp.nextPublish(uri);
    await lsp.close(uri);
    const clear = await cleared;
    assert.deepEqual(clear.diagnostics, []);
    assert.equal(clear.version, undefined);

    // Reopen at once and edit with a longer debounce; the trailing edit of burst() keeps us
    // listening well past the closed document's 100 ms, so a validation it left behind would
    // show up as an extra publish of the reopened document.
    debounce.set(uri, 150);
    const reopened = await lsp.openAndWait(uri, text);
    assert.deepEqual(codes(reopened), ['target.min-le-max']);
    const { publishes } = await burst(lsp, uri, 1, 5_000);
    // burst()'s single edit set MinCapacity to 9, above MaxCapacity 2.
    assert.deepEqual(
      publishes.map((p) => [p.version, codes(p)]),
      [[2, ['target.min-le-max']]],
    );
    const seen = lsp.publishes
      .slice(from)
      .filter((p) => p.uri === uri && p.version !== 3)
      .map((p) => p.version ?? 'cleared');
    assert.deepEqual(seen, ['cleared', 1, 2]);
    await lsp.close(uri);
  });

  // A request that started on a document before it was closed (here a codeAction waiting
  // for the settings) finishes after it was reopened; its analysis of the old text must not
  // be cached for the reopened document, which VS Code opens at version 1 again.
  it("a document closed and reopened at the same version never gets the old text's findings", async () => {
    const uri = uriOf('reopen-same-version');
    debounce.set(uri, 0);
    const bad = stripMarkers(readFileSync(join(RULE_FIXTURES_DIR, 'target.min-le-max', 'bad.jsonc'), 'utf8')).text;
    assert.deepEqual(codes(await lsp.openAndWait(uri, bad)), ['target.min-le-max']);

    const held = holdSettings(lsp);
    await lsp.changeSettings(lsp.settings);
    await held.asked; // the server dropped its settings and waits for ours
    const actions = lsp.codeActions({
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      context: { diagnostics: [] },
    });
    const cleared = lsp.nextPublish(uri, (p) => p.version === undefined);
    await lsp.close(uri);
    await cleared;
    const reopened = lsp.publishOf(uri, 1, 5_000);
    await lsp.open(uri, '{ "ScalableTargets": [] }\n');
    held.release();
    await actions;
    assert.deepEqual(codes(await reopened), [], 'findings of the text before the close');
    await lsp.close(uri);
  });
});

/** Holds workspace/configuration answers until released; `asked` resolves at the first request. */
function holdSettings(lsp: LspSession): { asked: Promise<void>; release: () => void } {
  const original = lsp.settings;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let asked!: () => void;
  const askedPromise = new Promise<void>((resolve) => {
    asked = resolve;
  });
  lsp.settings = async (scopeUri) => {
    asked();
    await gate;
    return original(scopeUri);
  };
  return {
    asked: askedPromise,
    release: () => {
      lsp.settings = original;
      release();
    },
  };
}

/** The codes of a publish, limited to the rule these tests drive (later rules may fire too). */
function codes(p: Publish, code = 'target.min-le-max'): string[] {
  return p.diagnostics.map((d) => String(d.code)).filter((c) => c === code);
}
