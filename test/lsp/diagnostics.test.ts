import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../lspClient';
import { DIST, REPO_ROOT } from '../paths';
import { loadRuleFixtures, RULE_FIXTURES_DIR, stripMarkers } from '../ruleFixtures';

// The bundled server over a real LSP connection: didOpen/didChange/didClose, settings
// pulled through workspace/configuration, code actions, shutdown.

const SERVER = join(DIST, 'server.js');
const RULE_PAGES = pathToFileURL(join(REPO_ROOT, 'docs', 'rules')).toString();

function badFixture(code: string): { text: string; ranges: { start: number; end: number }[] } {
  return stripMarkers(readFileSync(join(RULE_FIXTURES_DIR, code, 'bad.jsonc'), 'utf8'));
}

function uriOf(name: string): string {
  return pathToFileURL(join(REPO_ROOT, '.lsp-test', `${name}.scaling.json`)).toString();
}

function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The document range of an offset range, as the server must compute it (UTF-16 positions). */
function toRange(text: string, r: { start: number; end: number }): Range {
  const doc = TextDocument.create('file:///x', 'jsonc', 1, text);
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

/**
 * The diagnostics of one code. Tests look only at the rule they exercise, so a rule added
 * later that also fires on a fixture does not break them.
 */
function only(diagnostics: Diagnostic[], code = 'target.min-le-max'): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

describe('language server: diagnostics over LSP', () => {
  let lsp: LspSession;
  let rules: Record<string, string> = {};

  before(async () => {
    lsp = await LspSession.start(SERVER, { settings: () => ({ rules, validation: { debounceMs: 0 } }) });
  });
  after(() => lsp.dispose());

  it('initialize announces incremental sync and quick fixes', () => {
    const caps = lsp.initializeResult?.capabilities;
    assert.deepEqual(caps?.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(caps?.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(lsp.initializeResult?.serverInfo?.name, 'sagemaker-scaling');
  });

  it('didOpen publishes a finding with its exact range, source, related information and docs link', async () => {
    const uri = uriOf('min-le-max');
    const { text } = badFixture('target.min-le-max');
    const published = await lsp.openAndWait(uri, text);

    assert.equal(published.version, 1);
    const mine = only(published.diagnostics);
    assert.equal(mine.length, 1, JSON.stringify(published.diagnostics));
    const [d] = mine as [Diagnostic];
    assert.equal(d.code, 'target.min-le-max');
    assert.equal(d.source, 'scaling');
    assert.equal(d.severity, 1);
    // "MinCapacity": 10 on line 6, MaxCapacity's 2 on line 7 (0-based), 21 characters in.
    assert.deepEqual(d.range, range(6, 21, 6, 23));
    assert.match(d.message, /MinCapacity 10 is greater than MaxCapacity 2/);
    assert.deepEqual(d.relatedInformation, [
      { location: { uri, range: range(7, 21, 7, 22) }, message: 'MaxCapacity is 2 here' },
    ]);
    assert.deepEqual(d.codeDescription, { href: `${RULE_PAGES}/target.min-le-max.md` });
    assert.ok(lsp.configurationRequests.includes(uri), 'the server asked for the settings of this document');
    await lsp.close(uri);
  });

  it('every bad rule fixture gets its code on exactly the ⟦marked⟧ ranges', async () => {
    for (const fixture of loadRuleFixtures().filter((f) => f.kind === 'bad')) {
      const uri = uriOf(`fixture-${fixture.code}-${fixture.name}`);
      const published = await lsp.openAndWait(uri, fixture.text);
      const mine = published.diagnostics.filter((d) => d.code === fixture.code);
      assert.deepEqual(
        mine.map((d) => d.range),
        fixture.expected.map((r) => toRange(fixture.text, r)),
        `${fixture.code}/${fixture.name}`,
      );
      for (const d of published.diagnostics) assert.equal(d.source, 'scaling');
      await lsp.close(uri);
    }
  });

  it('an incremental didChange is applied and republished for the new version', async () => {
    const uri = uriOf('incremental');
    const { text } = badFixture('target.min-le-max');
    await lsp.openAndWait(uri, text);

    // Insert a comment line above MinCapacity: the finding moves down a line.
    let published = lsp.publishOf(uri, 2);
    assert.equal(
      await lsp.change(uri, [{ range: range(6, 0, 6, 0), text: '      // pinned by capacity planning\n' }]),
      2,
    );
    let result = await published;
    assert.deepEqual(codes(only(result.diagnostics)), ['target.min-le-max']);
    assert.deepEqual(only(result.diagnostics)[0]!.range, range(7, 21, 7, 23));
    assert.deepEqual(only(result.diagnostics)[0]!.relatedInformation?.[0]?.location.range, range(8, 21, 8, 22));

    // Raise MaxCapacity from 2 to 20 by a range edit inside the number: the finding goes.
    published = lsp.publishOf(uri, 3);
    await lsp.change(uri, [{ range: range(8, 22, 8, 22), text: '0' }]);
    result = await published;
    assert.deepEqual(only(result.diagnostics), []);
    assert.match(lsp.document(uri).getText(), /"MaxCapacity": 20\n/);

    // Two edits in one notification, applied in order.
    published = lsp.publishOf(uri, 4);
    await lsp.change(uri, [
      { range: range(8, 21, 8, 23), text: '3' },
      { range: range(7, 21, 7, 23), text: '4' },
    ]);
    result = await published;
    assert.deepEqual(codes(only(result.diagnostics)), ['target.min-le-max']);
    assert.match(only(result.diagnostics)[0]!.message, /MinCapacity 4 is greater than MaxCapacity 3/);
    await lsp.close(uri);
  });

  it('a rule re-graded or turned off in settings applies after didChangeConfiguration', async () => {
    const uri = uriOf('settings');
    const { text } = badFixture('target.min-le-max');
    const first = await lsp.openAndWait(uri, text);
    assert.deepEqual(codes(only(first.diagnostics)), ['target.min-le-max']);
    const asked = lsp.configurationRequests.length;

    let next = lsp.nextPublish(uri);
    rules = { 'target.min-le-max': 'warning' };
    await lsp.changeSettings(() => ({ rules, validation: { debounceMs: 0 } }));
    let result = await next;
    assert.equal(result.version, 1);
    assert.deepEqual(codes(only(result.diagnostics)), ['target.min-le-max']);
    assert.equal(only(result.diagnostics)[0]!.severity, 2);
    assert.ok(lsp.configurationRequests.length > asked, 'the server pulled the settings again');

    next = lsp.nextPublish(uri);
    rules = { 'target.min-le-max': 'off' };
    await lsp.changeSettings(() => ({ rules, validation: { debounceMs: 0 } }));
    result = await next;
    assert.deepEqual(only(result.diagnostics), []);

    // Still off for a later edit; back on once the setting is removed.
    next = lsp.publishOf(uri, 2);
    await lsp.change(uri, [{ range: range(0, 0, 0, 0), text: '// edited\n' }]);
    assert.deepEqual(only((await next).diagnostics), []);
    next = lsp.nextPublish(uri);
    rules = {};
    await lsp.changeSettings(() => ({ rules, validation: { debounceMs: 0 } }));
    assert.deepEqual(codes(only((await next).diagnostics)), ['target.min-le-max']);
    await lsp.close(uri);
  });

  it('codeAction on a read-only PolicyARN offers a quick fix whose edit removes it', async () => {
    const uri = uriOf('read-only');
    const { text, ranges } = badFixture('format.read-only-field');
    const published = await lsp.openAndWait(uri, text);
    const diagnostic = published.diagnostics.find((d) => d.code === 'format.read-only-field');
    assert.ok(diagnostic, JSON.stringify(published.diagnostics));
    assert.deepEqual(diagnostic.range, toRange(text, ranges[0]!));
    assert.equal(diagnostic.severity, 3);
    assert.deepEqual(diagnostic.tags, [1], 'marked unnecessary');

    // The cursor inside the member, as VS Code asks when the light bulb shows.
    const cursor = { line: diagnostic.range.start.line, character: diagnostic.range.start.character + 3 };
    const actions = (await lsp.codeActions({
      textDocument: { uri },
      range: { start: cursor, end: cursor },
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [action] = actions as [CodeAction];
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.title, 'Remove read-only PolicyARN');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [diagnostic]);
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits?.length, 'the action carries edits for this document');

    const fixed = TextDocument.applyEdits(lsp.document(uri), edits);
    assert.doesNotMatch(fixed, /PolicyARN/);
    const errors: ParseError[] = [];
    const value = parse(fixed, errors, { allowTrailingComma: false }) as {
      ScalableTargets: { ScalingPolicies: Record<string, unknown>[] }[];
    };
    assert.deepEqual(errors, [], 'the fixed text is still valid JSON');
    assert.deepEqual(Object.keys(value.ScalableTargets[0]!.ScalingPolicies[0]!), [
      'PolicyName',
      'PolicyType',
      'TargetTrackingScalingPolicyConfiguration',
    ]);

    // Applying it clears the finding.
    const next = lsp.publishOf(uri, 2);
    await lsp.change(uri, [{ text: fixed }]);
    assert.deepEqual(only((await next).diagnostics, 'format.read-only-field'), []);

    // Away from the member there is no such fix.
    const elsewhere = (await lsp.codeActions({
      textDocument: { uri },
      range: range(0, 0, 0, 1),
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(
      elsewhere.filter((a) => a.title.startsWith('Remove read-only')),
      [],
    );
    await lsp.close(uri);
  });

  it('codeAction offers no fix that would add syntax errors to a document being typed', async () => {
    const action = (
      tail: string,
    ) => `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4,
      "ScheduledActions": [ { "ScheduledActionName": "morning", "Schedule": "cron(0 8 ? * MON-FRI *)",
        "ScalableTargetAction": { "MinCapacity": 2 }${tail}
      } ] } ] }`;
    const fixesFor = async (name: string, text: string) => {
      const uri = uriOf(name);
      const diagnostic = (await lsp.openAndWait(uri, text)).diagnostics.find((d) => d.code === 'tz.utc-default');
      assert.ok(diagnostic, 'tz.utc-default is reported');
      const actions = (await lsp.codeActions({
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      await lsp.close(uri);
      return actions.map((a) => a.title);
    };
    const title = 'Add "Timezone": "UTC" (keeps the times)';
    assert.deepEqual(await fixesFor('utc-clean', action('')), [title]);
    // "EndTime" with its value typed over: the fix would append into the broken text.
    assert.deepEqual(await fixesFor('utc-broken', action(',\n        "EndTime"dTime": "2027-01-01T00:00:00Z"')), []);
  });

  it("didClose clears the document's diagnostics", async () => {
    const uri = uriOf('close');
    const { text } = badFixture('target.min-le-max');
    assert.equal(only((await lsp.openAndWait(uri, text)).diagnostics).length, 1);
    const cleared = lsp.nextPublish(uri);
    await lsp.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('positions count UTF-16 code units after non-ASCII text on the same line', async () => {
    const uri = uriOf('unicode-positions');
    // 🚀 is two UTF-16 code units, é one; the finding's character offset must count so.
    const text =
      '{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/x/variant/y", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", /* 🚀 é */ "MinCapacity": 5, "MaxCapacity": 1 } ] }';
    const published = await lsp.openAndWait(uri, text);
    const d = published.diagnostics.find((x) => x.code === 'target.min-le-max');
    assert.ok(d, JSON.stringify(published.diagnostics));
    const start = text.indexOf('"MinCapacity": 5') + '"MinCapacity": '.length;
    assert.deepEqual(d.range, range(0, start, 0, start + 1));
    assert.equal(text.slice(start, start + 1), '5');
    await lsp.close(uri);
  });

  it('shutdown then exit ends the server process with code 0', async () => {
    assert.equal(await lsp.shutdown(), 0);
    assert.equal(lsp.stderr, '', 'nothing written to stderr');
  });
});
