import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, workspaceFile } from './helpers';
import { drawnAfter, putInvocations, replayFile, setControls, snapshot, waitFor } from './simulation';

// The simulator in restricted mode: the panel runs (its webview needs no trust), and the
// CloudWatch history is read with the user's own AWS settings — the hostile workspace
// settings laid over this workspace (test/e2e/untrusted/.vscode/settings.json) would point
// at another endpoint and profile, and are ignored.

suite('Simulation panel in restricted mode', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is not trusted');
  });

  test('a pattern run, then the endpoint history from the user-level AWS settings', async function () {
    const file = workspaceFile('restricted-replay.scaling.json');
    writeFileSync(file.fsPath, replayFile('e2e-alpha'));
    const document = await openFixture('restricted-replay.scaling.json');
    await vscode.commands.executeCommand('sagemakerScaling.simulate', document.uri);
    const first = await waitFor(drawnAfter(0), 'a pattern run drawn');
    assert.equal(first.lastResult!.data.times.length, 1440);

    const endpoint = process.env.AWS_ENDPOINT_URL;
    if (!endpoint) return this.skip();
    putInvocations(endpoint, 'e2e-alpha', (m) => (m > 60 ? 100 : 900));
    await setControls({ source: 'cloudwatch', pattern: 'constant(1)', days: '1', inputs: {} });
    const replay = await waitFor(
      (x) => drawnAfter(first.lastResult!.run)(x) && /CloudWatch/.test(x.lastResult!.load),
      'the replay drawn',
      60_000,
    );
    assert.match(replay.lastResult!.load, /^CloudWatch, last 1 day \(us-east-1\)$/);
    assert.equal(Math.max(...replay.lastResult!.data.inService), 5);
    assert.ok((await snapshot())!.visible);
  });
});
