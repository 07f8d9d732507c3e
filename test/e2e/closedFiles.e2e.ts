import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, fromSource, waitForDiagnostics, workspaceFile } from './helpers';

// Closed files are checked too: a *.scaling.json that no editor has open shows in Problems
// what `sagemaker-scaling lint` reports for it, follows changes on disk, and never doubles
// what the language server reports once it is open.

const has = (diagnostics: readonly vscode.Diagnostic[], source: string, code: string) =>
  diagnostics.filter((d) => d.source === source && codeOf(d) === code).length;

const encode = (text: string) => new TextEncoder().encode(text);

const BROKEN = `{
  "ScalableTargets": [
    { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 8, "MaxCapacity": 4 }
  ]
}
`;

async function setting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}

suite('Closed files', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setting('sagemakerScaling', 'validation.closedFiles', undefined);
    await setting('files', 'exclude', undefined);
  });

  test('a closed file with errors shows them, as lint reports them, without being opened', async () => {
    const uri = workspaceFile('closed/broken.scaling.json');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'not open');
    const all = await waitForDiagnostics(
      uri,
      (d) => has(d, 'scaling', 'target.min-le-max') === 1 && has(d, 'json', 'json.schema') === 1,
      'the rule error and the schema error of a closed file',
    );
    const minMax = all.find((d) => codeOf(d) === 'target.min-le-max')!;
    assert.equal(minMax.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(minMax.range.start.line, 7, 'on the MinCapacity line');
    const link = (minMax.code as { target: vscode.Uri }).target;
    assert.equal(link.toString(), `command:sagemakerScaling.showRule?${encodeURIComponent('["target.min-le-max"]')}`);
  });

  test('opened, it is reported once, by the language server, and closing its editor does not double it', async () => {
    const uri = workspaceFile('closed/broken.scaling.json');
    await waitForDiagnostics(uri, (d) => has(d, 'scaling', 'target.min-le-max') === 1, 'the closed-file check');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // The server's finding (with the quick-fix machinery behind it) replaces the closed-file one.
    await waitForDiagnostics(
      uri,
      (d) => has(d, 'scaling', 'target.min-le-max') === 1 && has(d, 'json', 'json.schema') === 0,
      'one min-le-max finding and no closed-file schema finding while open',
    );
    assert.equal(has(vscode.languages.getDiagnostics(uri), 'scaling', 'target.min-le-max'), 1, 'once');
    // VS Code keeps a document an extension opened for a while after its editor closes
    // (the server still has it then); whoever reports it, it is reported once.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(has(vscode.languages.getDiagnostics(uri), 'scaling', 'target.min-le-max'), 1, 'once after closing');
  });

  test('follows the disk: a new broken file shows up, a fix clears it, a deletion removes it', async () => {
    const uri = workspaceFile('closed/new.scaling.json');
    await vscode.workspace.fs.writeFile(uri, encode(BROKEN));
    await waitForDiagnostics(uri, (d) => has(d, 'scaling', 'target.min-le-max') === 1, 'the new file checked');

    await vscode.workspace.fs.writeFile(uri, encode(BROKEN.replace('"MinCapacity": 8', '"MinCapacity": 1')));
    await waitForDiagnostics(uri, (d) => has(d, 'scaling', 'target.min-le-max') === 0, 'the fix seen');

    await vscode.workspace.fs.writeFile(uri, encode(BROKEN));
    await waitForDiagnostics(uri, (d) => has(d, 'scaling', 'target.min-le-max') === 1, 'broken again');
    await vscode.workspace.fs.delete(uri);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'nothing left for a deleted file');
  });

  test('respects files.exclude and the setting that turns it off', async () => {
    const uri = workspaceFile('closed/also-broken.scaling.json');
    await waitForDiagnostics(uri, (d) => has(d, 'scaling', 'target.min-le-max') === 1, 'the closed-file check');

    await setting('files', 'exclude', { '**/closed': true });
    await waitForDiagnostics(uri, (d) => fromSource(d, 'scaling').length === 0, 'nothing for an excluded file');
    await setting('files', 'exclude', undefined);
    await waitForDiagnostics(uri, (d) => has(d, 'scaling', 'target.min-le-max') === 1, 'checked again');

    await setting('sagemakerScaling', 'validation.closedFiles', false);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'nothing when turned off');
  });
});
