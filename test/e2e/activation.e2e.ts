import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitForCodes } from './helpers';

// First of the files (mocha loads them in name order): nothing has called activate() yet,
// so this sees activation by the extension's own activation events.

suite('Activation', () => {
  test('the extension is active once a *.scaling.json is open, and its server reports', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded in the extension host`);
    const document = await openFixture('errors.scaling.json');
    assert.equal(document.languageId, 'jsonc', '*.scaling.json files are JSON with comments');
    await waitForCodes(document.uri, ['target.min-le-max']);
    assert.equal(extension.isActive, true);
  });
});
