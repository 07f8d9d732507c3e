import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { E2E_REGION as REGION } from '../aws/e2eMoto';
import {
  answerQuestionsAgainstMoto,
  completionsAt,
  labelOf,
  codeOf,
  openFixture,
  path,
  prompts,
  readBackWithBoto3 as boto3,
  run,
  waitForDiagnostics,
  workspaceFile,
  type Outcome,
} from './helpers';

// The extension in a workspace the user has not trusted (restricted mode), as when a cloned
// repository is opened: scripts/e2e/run.mjs --untrusted turns workspace trust on, never
// asks, and lays test/e2e/untrusted over the fixture workspace — a .vscode/settings.json
// that points the AWS settings elsewhere and turns prune on. The files are still checked
// and AWS can still be read, but nothing is written to AWS, and none of those settings
// takes effect. What AWS holds afterwards is read back with boto3, outside the editor.
//
// Several layers keep those settings out, and these tests hold the sum of them: the AWS
// settings are machine-scoped (VS Code ignores them in workspace files) and read at user
// level only (client/settings.ts); the package's restrictedConfigurations; and the
// extension's own isTrusted checks before apply, delete and prune. Removing the layers in
// turn fails the tests: the refusals without the isTrusted checks, the plan once prune is
// neither restricted nor checked, the tree once the AWS settings are neither
// machine-scoped nor read at user level.

const file = workspaceFile;

suite(
  'Restricted mode: an untrusted workspace is checked and read, never applied, and its settings are ignored',
  function () {
    suiteSetup(() =>
      assert.equal(vscode.workspace.isTrusted, false, 'run.mjs --untrusted opens the workspace in restricted mode'),
    );
    answerQuestionsAgainstMoto({ skipWithoutMoto: false }); // the language server's test needs no AWS

    test('the language server checks the files as in a trusted workspace', async () => {
      const document = await openFixture('errors.scaling.json');
      const diagnostics = await waitForDiagnostics(
        document.uri,
        (all) => all.some((d) => d.source === 'scaling'),
        'diagnostics from source scaling',
      );
      assert.ok(
        diagnostics.some(
          (d) =>
            d.source === 'scaling' &&
            codeOf(d) === 'target.min-le-max' &&
            d.severity === vscode.DiagnosticSeverity.Error,
        ),
        `target.min-le-max among: ${diagnostics.map((d) => codeOf(d)).join(', ')}`,
      );
    });

    test("the workspace's AWS settings are not read: the tree lists the endpoints of the extension's own endpoint and region", async function () {
      if (!process.env.AWS_ENDPOINT_URL) this.skip();
      const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('.vscode/settings.json')));
      assert.match(
        settings,
        /"sagemakerScaling\.aws\.region": "eu-west-3"/,
        'the overlay .vscode/settings.json is in place',
      );
      // With the workspace's endpoint (a closed port) or region (no endpoints there) the
      // tree would show an error or nothing.
      const alpha = await path('e2e-alpha');
      assert.equal(alpha.description, 'InService');
      await path('e2e-beta');
    });

    test('completion of a ResourceId reads nothing from AWS', async function () {
      if (!process.env.AWS_ENDPOINT_URL) this.skip();
      const document = await vscode.workspace.openTextDocument(file('aws/beta.scaling.json'));
      await vscode.window.showTextDocument(document);
      const position = document.positionAt(document.getText().indexOf('"endpoint/e2e-beta') + 1);
      const labels = (await completionsAt(document.uri, position)).map(labelOf);
      assert.ok(!labels.some((l) => /e2e-alpha/.test(l)), `no endpoint of the account: ${labels.join(', ')}`);
    });

    test('Apply to AWS is refused before any AWS call, and AWS is unchanged', async function () {
      if (!process.env.AWS_ENDPOINT_URL) this.skip();
      const outcome = await run<Outcome>('sagemakerScaling.applyFile', file('aws/beta.scaling.json'));
      assert.deepEqual([outcome.status, outcome.message], ['refused', 'untrusted workspace']);
      assert.deepEqual(await prompts(), [], 'nothing was asked');
      assert.deepEqual(boto3('e2e-beta').targets, [], 'e2e-beta is still bare');
    });

    test('Delete… in the tree is refused, and the scheduled action stays', async function () {
      if (!process.env.AWS_ENDPOINT_URL) this.skip();
      const action = await path('e2e-alpha', 'AllTraffic', 'Scalable target', 'Scheduled actions', 'alpha-evening');
      const outcome = await run<Outcome>('sagemakerScaling.deleteScheduledAction', action.node);
      assert.deepEqual([outcome.status, outcome.message], ['refused', 'untrusted workspace']);
      const policy = await path('e2e-alpha', 'AllTraffic', 'Scalable target', 'Scaling policies', 'alpha-invocations');
      assert.equal((await run<Outcome>('sagemakerScaling.deletePolicy', policy.node)).status, 'refused');
      const live = boto3('e2e-alpha');
      assert.deepEqual(
        live.actions.map((a) => a.ScheduledActionName),
        ['alpha-evening'],
      );
      assert.deepEqual(
        live.policies.map((p) => p.PolicyName),
        ['alpha-invocations'],
      );
    });

    test('Show Plan still works, and ignores the workspace\'s "apply.prune": a live action missing from the file is kept, not deleted', async function () {
      if (!process.env.AWS_ENDPOINT_URL) this.skip();
      const plan = await run<Outcome>('sagemakerScaling.planFile', file('alpha-kept.scaling.json'));
      assert.equal(plan.status, 'noChanges', plan.message);
      assert.match(plan.message, /1 live object is not in the file and kept \(prune to delete\)/);
      assert.equal(plan.region, REGION);
    });
  },
);
