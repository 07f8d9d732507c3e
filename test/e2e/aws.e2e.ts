import * as assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { E2E_REGION as REGION } from '../aws/e2eMoto';
import { seedEndpoint, testClients } from '../aws/moto';
import { variantKey } from '../aws/scalingFiles';
import {
  MOTO_ACCOUNT as ACCOUNT,
  answerQuestionsAgainstMoto,
  completionsAt,
  labelOf,
  answer,
  child,
  children,
  codeOf,
  path,
  prompts,
  readBackWithBoto3,
  run,
  stopAnswering,
  waitFor,
  waitForDiagnostics,
  workspaceFile,
  type Outcome,
} from './helpers';

// The AWS side inside VS Code, against the moto_server that scripts/e2e/run.mjs starts and
// seeds (test/aws/e2eMoto.ts: endpoints e2e-alpha, scaled, and e2e-beta, bare). The
// extension finds it through its environment (AWS_ENDPOINT_URL, AWS_REGION, test
// credentials), never through the user's settings. Modal questions are answered through
// the hidden test commands; what reached AWS is read back with boto3, outside the editor.

const BETA_KEY = variantKey('e2e-beta');
const DELTA_KEY = variantKey('e2e-delta');

const file = workspaceFile;
const readText = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

const boto3 = () => readBackWithBoto3('e2e-beta');

suite('AWS: the tree, fetch, plan and apply against moto_server', function () {
  answerQuestionsAgainstMoto();

  test('the tree lists the seeded endpoints → variant → scalable target → policy, scheduled action, activity', async () => {
    // The drift marks arrive from a background read: waited for here, so the labels are final.
    assert.equal(await run<boolean>('sagemakerScaling.test.driftReady'), true, 'drift was read');
    const roots = await children();
    const names = roots.map((r) => r.label);
    assert.ok(names.includes('e2e-alpha') && names.includes('e2e-beta'), `both seeded endpoints: ${names.join(', ')}`);
    const alpha = roots.find((r) => r.label === 'e2e-alpha')!;
    // aws/alpha-review.scaling.json names e2e-alpha with a higher max and target value, and
    // without its scheduled action: three differences.
    assert.equal(alpha.contextValue, 'endpoint.drifted');
    assert.equal(alpha.description, 'InService · drifted: 3 differences');

    const variant = await child(alpha, 'AllTraffic');
    assert.equal(variant.contextValue, 'variant.drifted');
    assert.match(variant.description, /^ml\.m5\.large · \d+\/\d+ instances · drifted: 3 differences$/);

    // Key figures first, so that a narrow side bar still shows them.
    const target = await child(variant, 'Scalable target');
    assert.equal(target.contextValue, 'scalableTarget.drifted');
    assert.equal(target.description, 'min 1 · max 4 · instances · drifted: 3 differences');
    // aws/beta.scaling.json names e2e-beta's variant, which has no scalable target yet.
    const beta = roots.find((r) => r.label === 'e2e-beta')!;
    assert.deepEqual(
      [beta.description, beta.contextValue],
      ['InService · in a file, missing live', 'endpoint.missing'],
    );

    const policy = await child(await child(target, 'Scaling policies'), 'alpha-invocations');
    assert.equal(policy.contextValue, 'policy.targetTracking');
    assert.equal(policy.description, '70 InvocationsPerInstance');

    const actions = await child(target, 'Scheduled actions');
    const action = await child(actions, 'alpha-evening');
    assert.equal(action.contextValue, 'scheduledAction');
    assert.match(
      action.description,
      /^min 1, max 2 · at 20:00 every day, Europe\/Berlin · next \w{3} \d{4}-\d\d-\d\d 20:00 \+0[12]:00$/,
    );

    // moto has no DescribeScalingActivities: a placeholder says so instead of an error.
    const activityFolder = await child(target, 'Recent scaling activity');
    const activity = await children(activityFolder);
    assert.deepEqual(
      activity.map((a) => [a.label, a.contextValue]),
      [['Scaling activity unavailable', 'placeholder']],
    );
    // Scheduled actions and activity look different: neither shares an icon with the other.
    const actionIcons = new Set([actions.icon, action.icon]);
    assert.ok(!actionIcons.has(activityFolder.icon), `icons: ${actions.icon}, ${action.icon}, ${activityFolder.icon}`);

    // Tooltips name the full metric and say what a person needs, never our internal fields.
    assert.match(policy.tooltip, /SageMakerVariantInvocationsPerInstance/);
    for (const node of [variant, target, policy, action])
      assert.doesNotMatch(node.tooltip, /resourceId|"kind"|policyFacts|\$metadata/, `${node.label}: ${node.tooltip}`);

    const bare = await children(await path('e2e-beta', 'AllTraffic'));
    assert.deepEqual(
      bare.map((b) => [b.label, b.contextValue]),
      [['Not auto scaled: no scalable target', 'placeholder']],
    );
  });

  test("a step policy's intervals are shown in the metric's units, from the alarm's threshold", async () => {
    const policy = await path('e2e-gamma', 'AllTraffic', 'Scalable target', 'Scaling policies', 'gamma-latency');
    assert.equal(policy.contextValue, 'policy.stepScaling');
    // Threshold 200,000 µs (ModelLatency is in microseconds); steps +0…100,000 and +100,000….
    assert.equal(policy.description, 'ModelLatency 200–300 ms: +25 %, ≥ 300 ms: +50 %');
    assert.match(policy.tooltip, /e2e-gamma-latency-high/);
    assert.match(policy.tooltip, /ModelLatency > 200 ms/);
  });

  test('Fetch writes the endpoint as a *.scaling.json, opens it, and never overwrites unsaved edits', async () => {
    const alpha = await path('e2e-alpha');
    const uri = file('e2e-alpha.scaling.json');
    await answer(uri.toString());
    const fetched = await run<Outcome>('sagemakerScaling.fetchToFile', alpha.node);
    assert.equal(fetched.status, 'written', fetched.message);
    assert.equal((await prompts())[0]?.kind, 'save');

    const text = await readText(uri);
    assert.match(text.split('\n')[0]!, /^\/\/ Fetched from Application Auto Scaling in us-east-1 on \d{4}-\d\d-\d\dT/);
    const document = parseJsonc(text) as {
      Region: string;
      ScalableTargets: {
        ResourceId: string;
        MinCapacity: number;
        MaxCapacity: number;
        ScalingPolicies: { PolicyName: string }[];
        ScheduledActions: { ScheduledActionName: string }[];
      }[];
    };
    assert.equal(document.Region, REGION);
    assert.deepEqual(
      document.ScalableTargets.map((t) => [t.ResourceId, t.MinCapacity, t.MaxCapacity]),
      [['endpoint/e2e-alpha/variant/AllTraffic', 1, 4]],
    );
    assert.deepEqual(
      document.ScalableTargets[0]!.ScalingPolicies.map((p) => p.PolicyName),
      ['alpha-invocations'],
    );
    assert.deepEqual(
      document.ScalableTargets[0]!.ScheduledActions.map((a) => a.ScheduledActionName),
      ['alpha-evening'],
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the fetched file is open');

    // Unsaved edits in the open file: fetch refuses and writes nothing.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '// my edit\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.isDirty,
      'the open file has unsaved edits',
    );
    await answer(uri.toString());
    const refused = await run<Outcome>('sagemakerScaling.fetchToFile', alpha.node);
    assert.equal(refused.status, 'refused');
    assert.match(refused.message, /unsaved changes/);
    assert.equal(await readText(uri), text, 'the file on disk is untouched');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // An existing file is replaced only after a confirmation.
    await answer(uri.toString(), 'Replace');
    const replaced = await run<Outcome>('sagemakerScaling.fetchToFile', alpha.node);
    assert.equal(replaced.status, 'written');
    assert.match((await prompts())[1]?.message ?? '', /e2e-alpha\.scaling\.json exists/);

    // Fetch, then plan: nothing to change.
    const plan = await run<Outcome>('sagemakerScaling.planFile', uri);
    assert.equal(plan.status, 'noChanges', plan.message);
  });

  test('Apply shows the plan, asks naming account, region and changes, and writes to AWS', async () => {
    const uri = file('aws/beta.scaling.json');
    await answer('Apply');
    const applied = await run<Outcome>('sagemakerScaling.applyFile', uri);
    assert.equal(applied.status, 'applied', applied.message);
    assert.deepEqual([applied.changes, applied.applied, applied.account, applied.region], [4, 4, ACCOUNT, REGION]);
    const [question] = await prompts();
    assert.equal(question?.message, `Apply 4 changes to account ${ACCOUNT} in region ${REGION}?`);
    assert.match(
      question?.detail ?? '',
      /^beta\.scaling\.json: 4 to create, 0 to update, 0 to delete\.\n\nendpoint\/e2e-beta\/variant\/AllTraffic \(DesiredInstanceCount\)\n {2}\+ target: min 2, max 6\n/,
    );

    // The diff shown before the question now shows what AWS has after apply: no difference left.
    const diff = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff);
    assert.ok(diff, 'the plan is shown in a diff editor');
    assert.match(diff.label, /^beta\.scaling\.json: AWS .* ↔ file \(no changes\)$/);
    const input = diff.input as vscode.TabInputTextDiff;
    assert.equal(input.modified.scheme, 'sagemaker-scaling-plan');
    const desiredSide = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.match(desiredSide, /"beta-invocations"/);
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), desiredSide);

    // What AWS has now, read by boto3.
    const view = boto3();
    assert.deepEqual(
      view.targets.map((t) => [t.MinCapacity, t.MaxCapacity]),
      [[2, 6]],
    );
    assert.deepEqual(
      view.policies.map((p) => [
        p.PolicyName,
        (p.TargetTrackingScalingPolicyConfiguration as { TargetValue: number }).TargetValue,
      ]),
      [['beta-invocations', 120]],
    );
    assert.deepEqual(view.actions.map((a) => [a.ScheduledActionName, a.Schedule, a.Timezone]).sort(), [
      ['beta-evening', 'cron(0 20 ? * MON-FRI *)', 'Europe/Berlin'],
      ['beta-morning', 'cron(0 8 ? * MON-FRI *)', 'Europe/Berlin'],
    ]);

    // Again: nothing to change, nothing asked.
    await answer();
    const again = await run<Outcome>('sagemakerScaling.applyFile', uri);
    assert.equal(again.status, 'noChanges');
    assert.deepEqual(await prompts(), []);
  });

  test('Apply of an edited file: saved first, a declined confirmation sends nothing, a confirmed one sends one change', async () => {
    const uri = file('aws/beta.scaling.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const at = document.getText().indexOf('"TargetValue": 120');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(document.positionAt(at), document.positionAt(at + '"TargetValue": 120'.length)),
      '"TargetValue": 90',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);

    await answer('Save and Apply', null);
    const declined = await run<Outcome>('sagemakerScaling.applyFile', uri);
    assert.equal(declined.status, 'declined');
    assert.equal(declined.changes, 1);
    assert.equal(document.isDirty, false, 'saved before the plan');
    assert.equal(
      (boto3().policies[0]!.TargetTrackingScalingPolicyConfiguration as { TargetValue: number }).TargetValue,
      120,
      'declined: AWS unchanged',
    );

    await answer('Apply');
    const applied = await run<Outcome>('sagemakerScaling.applyFile', uri);
    assert.deepEqual([applied.status, applied.changes, applied.applied], ['applied', 1, 1]);
    assert.equal(
      (boto3().policies[0]!.TargetTrackingScalingPolicyConfiguration as { TargetValue: number }).TargetValue,
      90,
    );
  });

  test('a file with errors, or whose endpoint does not exist, is refused before anything is written', async () => {
    await answer();
    const errors = await run<Outcome>('sagemakerScaling.applyFile', file('errors.scaling.json'));
    assert.equal(errors.status, 'refused');
    assert.match(errors.message, /errors\.scaling\.json has \d+ errors; fix them first/);

    const missing = file('aws/missing.scaling.json');
    const refused = await run<Outcome>('sagemakerScaling.applyFile', missing);
    assert.equal(refused.status, 'refused');
    assert.match(
      refused.message,
      /1 live check failed in us-east-1 \(line \d+: Endpoint "e2e-missing" does not exist in us-east-1/,
    );
    const live = await waitForDiagnostics(
      missing,
      (all) => all.some((d) => d.source === 'scaling-live'),
      'the live-check diagnostic',
    );
    const diagnostic = live.find((d) => d.source === 'scaling-live')!;
    assert.equal(codeOf(diagnostic), 'sm.endpoint-exists');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(await prompts(), [], 'no confirmation was asked');
  });

  test("completion of a ResourceId offers the account's variants that fit the target's dimension", async () => {
    const document = await vscode.workspace.openTextDocument(file('aws/beta.scaling.json'));
    await vscode.window.showTextDocument(document);
    const position = document.positionAt(document.getText().indexOf('"endpoint/e2e-beta') + 1);
    const items = await completionsAt(document.uri, position);
    const live = items.filter((i) => / variant of e2e-/.test(i.detail ?? ''));
    assert.deepEqual(
      live.map(labelOf).sort(),
      [
        'endpoint/e2e-alpha/variant/AllTraffic',
        'endpoint/e2e-beta/variant/AllTraffic',
        'endpoint/e2e-gamma/variant/AllTraffic',
      ],
      `all: ${items.map((i) => `${labelOf(i)} (${i.detail})`).join(', ')}`,
    );
    assert.match(live[0]!.detail ?? '', /^ml\.m5\.large variant of e2e-\w+ · us-east-1$/);
  });

  test('an unknown endpoint is refused at plan time with the closest name of the region', async () => {
    await answer();
    const uri = file('aws/typo.scaling.json');
    const refused = await run<Outcome>('sagemakerScaling.planFile', uri);
    assert.equal(refused.status, 'refused');
    assert.match(refused.message, /Endpoint "e2e-alpah" does not exist in us-east-1; did you mean e2e-alpha\?/);
    const live = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => d.source === 'scaling-live'),
      'the live-check diagnostic',
    );
    assert.match(live.find((d) => d.source === 'scaling-live')!.message, /did you mean e2e-alpha\?/);
  });

  test('Delete… on the real confirmation: Enter alone deletes nothing, Escape keeps it', async () => {
    await run('sagemakerScaling.test.refreshTree');
    const target = await path('e2e-beta', 'AllTraffic', 'Scalable target');
    const action = await child(await child(target, 'Scheduled actions'), 'beta-morning');
    await stopAnswering(); // no queued answers: the real input box
    const outcome = run<Outcome>('sagemakerScaling.deleteScheduledAction', action.node);
    await waitFor(async () => (await prompts()).some((p) => p.kind === 'type-to-confirm'), 'the confirmation');
    // What Enter does in the input box, with nothing typed; then what Escape does.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal((await outcome).status, 'declined');
    const [question] = await prompts();
    assert.equal(question?.answer, undefined, 'Enter accepted nothing: only Escape closed it');
    assert.match(question?.detail ?? '', /Type beta-morning to confirm|puts it back when applied/);
    assert.deepEqual(
      boto3()
        .actions.map((a) => a.ScheduledActionName)
        .sort(),
      ['beta-evening', 'beta-morning'],
    );
  });

  test('the tree shows what was applied; Delete… removes a scheduled action once its name is typed, after a confirmation naming it, the account and the region', async () => {
    await run('sagemakerScaling.test.refreshTree');
    await run('sagemakerScaling.test.driftReady');
    const target = await path('e2e-beta', 'AllTraffic', 'Scalable target');
    assert.equal(target.description, 'min 2 · max 6 · instances · in sync');
    const action = await child(await child(target, 'Scheduled actions'), 'beta-morning');

    await answer('beta-mornin');
    const misspelt = await run<Outcome>('sagemakerScaling.deleteScheduledAction', action.node);
    assert.equal(misspelt.status, 'declined', 'a name typed wrong deletes nothing');
    assert.equal(boto3().actions.length, 2);

    await answer('beta-morning');
    const deleted = await run<Outcome>('sagemakerScaling.deleteScheduledAction', action.node);
    assert.equal(deleted.status, 'deleted', deleted.message);
    const [question] = await prompts();
    assert.equal(question?.kind, 'type-to-confirm');
    assert.match(
      question?.message ?? '',
      /^Delete scheduled action "beta-morning" of endpoint\/e2e-beta\/variant\/AllTraffic in account 123456789012, region us-east-1\?$/,
    );
    assert.deepEqual(
      boto3().actions.map((a) => a.ScheduledActionName),
      ['beta-evening'],
    );
  });
  test('drift at a glance: each endpoint against the files, Show Plan from a drifted one, untracked endpoints fetched at once', async () => {
    // beta-morning was deleted by hand above; e2e-alpha is still drifted from the first file
    // that names it (aws/alpha-review.scaling.json), e2e-gamma from aws/gamma-many.scaling.json
    // (16 actions to create, one kept); a new endpoint, e2e-delta, is in no file.
    const seed = await testClients(process.env.AWS_ENDPOINT_URL!, REGION);
    try {
      await seedEndpoint(seed, 'e2e-delta');
      await seed.autoScaling.send(
        new RegisterScalableTargetCommand({ ...DELTA_KEY, MinCapacity: 1, MaxCapacity: 3 } as never),
      );
    } finally {
      seed.destroy();
    }
    await run('sagemakerScaling.test.refreshTree');
    assert.equal(await run<boolean>('sagemakerScaling.test.driftReady'), true);
    const marks = Object.fromEntries((await children()).map((r) => [r.label, [r.description, r.contextValue]]));
    assert.deepEqual(marks['e2e-alpha'], ['InService · drifted: 3 differences', 'endpoint.drifted']);
    assert.deepEqual(marks['e2e-beta'], ['InService · drifted: 1 difference', 'endpoint.drifted']);
    assert.deepEqual(marks['e2e-gamma'], ['InService · drifted: 17 differences', 'endpoint.drifted']);
    assert.deepEqual(marks['e2e-delta'], ['InService · not in a file', 'endpoint.untracked']);

    const beta = await path('e2e-beta');
    const plan = await run<Outcome>('sagemakerScaling.showDriftPlan', beta.node);
    assert.deepEqual([plan.status, plan.changes], ['changes', 1], plan.message);

    await answer('Fetch');
    const fetched = await run<Outcome & { files?: string[] }>('sagemakerScaling.fetchUntracked');
    assert.equal(fetched.status, 'written', fetched.message);
    assert.deepEqual(fetched.files, ['e2e-delta.scaling.json']);
    assert.match((await prompts())[0]?.message ?? '', /^Fetch 1 untracked endpoint of us-east-1 into a file in /);
    const delta = await path('e2e-delta');
    assert.deepEqual([delta.description, delta.contextValue], ['InService · in sync', 'endpoint.inSync']);
    const deltaPlan = await run<Outcome>('sagemakerScaling.planFile', file('e2e-delta.scaling.json'));
    assert.equal(deltaPlan.status, 'noChanges', deltaPlan.message);
  });

  test('Apply re-reads AWS after the confirmation and refuses, writing nothing, when it changed since the diff', async () => {
    const uri = file('aws/beta.scaling.json');
    await answer('hold:Apply');
    const pending = run<Outcome>('sagemakerScaling.applyFile', uri);
    // The confirmation is open: someone raises MaxCapacity meanwhile.
    for (let i = 0; i < 200 && (await prompts()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.match((await prompts())[0]?.message ?? '', /^Apply 1 change to account/);
    const other = await testClients(process.env.AWS_ENDPOINT_URL!, REGION);
    try {
      await other.autoScaling.send(new RegisterScalableTargetCommand({ ...BETA_KEY, MaxCapacity: 7 } as never));
    } finally {
      other.destroy();
    }
    await run('sagemakerScaling.test.releaseAnswer');
    const outcome = await pending;
    assert.equal(outcome.status, 'refused', outcome.message);
    assert.match(
      outcome.message,
      /AWS changed since the plan was shown \(endpoint\/e2e-beta\/variant\/AllTraffic changed: MaxCapacity\)\. Nothing was written/,
    );
    const view = boto3();
    assert.deepEqual(
      view.actions.map((a) => a.ScheduledActionName),
      ['beta-evening'],
      'the missing action was not created',
    );
    assert.equal(view.targets[0]!.MaxCapacity, 7);
  });
});
