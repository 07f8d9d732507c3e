import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { E2E_REGION as REGION } from '../aws/e2eMoto';
import {
  MOTO_ACCOUNT as ACCOUNT,
  answer,
  answerQuestionsAgainstMoto,
  codeOf,
  prompts,
  readBackWithBoto3,
  run,
  waitForDiagnostics,
  workspaceFile,
  type Outcome,
} from './helpers';

// What a reviewer sees before anything is sent, against the moto_server of aws.e2e.ts
// (test/aws/e2eMoto.ts): the plan's diff, where red means deleted and nothing else; the
// confirmation, with old → new values grouped by target, and for a long plan a summary and
// the whole plan on request; and which account and region, named in the diff's title.
// Every confirmation here is declined, so AWS keeps its seed (read back with boto3).

/** The open diff editor of a plan, and both its sides' text. */
async function planDiff(): Promise<{ tab: vscode.Tab; live: string; desired: string }> {
  const tab = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'sagemaker-scaling-plan');
  assert.ok(tab, 'the plan is shown in a diff editor');
  const input = tab.input as vscode.TabInputTextDiff;
  const text = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();
  return { tab, live: await text(input.original), desired: await text(input.modified) };
}

/** The lines of `a` that `b` lacks: what the diff editor colours on `a`'s side. */
function onlyIn(a: string, b: string): string[] {
  const other = new Set(b.split('\n'));
  return a
    .split('\n')
    .filter((line) => !other.has(line))
    .map((line) => line.trim());
}

suite('AWS: reviewing a plan before it is applied', function () {
  answerQuestionsAgainstMoto();
  setup(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test("the plan's diff shows a kept scheduled action on both sides, and its title names profile, region and account", async () => {
    const outcome = await run<Outcome>('sagemakerScaling.planFile', workspaceFile('aws/alpha-review.scaling.json'));
    assert.equal(outcome.status, 'changes', outcome.message);
    const { tab, live, desired } = await planDiff();
    assert.equal(
      tab.label,
      `alpha-review.scaling.json: AWS default chain · ${REGION} · ${ACCOUNT} ↔ file (0 create, 2 update, 0 delete, 1 kept)`,
    );
    // alpha-evening is live, not in the file, and apply keeps it: the same on both sides.
    for (const side of [live, desired])
      assert.match(side, /\/\/ kept: [^\n]*\n\s*"ScheduledActionName": "alpha-evening"/);
    assert.deepEqual(onlyIn(live, desired), ['"MaxCapacity": 4,', '"TargetValue": 70,'], 'red: what changes');
    assert.deepEqual(onlyIn(desired, live), ['"MaxCapacity": 8,', '"TargetValue": 90,'], 'green: what changes');
  });

  test("Show Plan warns, as the CLI's plan does, that a kept live scheduled action undoes the file's MaxCapacity", async () => {
    const uri = workspaceFile('aws/alpha-review.scaling.json');
    const outcome = await run<Outcome>('sagemakerScaling.planFile', uri);
    assert.equal(outcome.status, 'changes', outcome.message);
    const isKept = (d: vscode.Diagnostic) => d.source === 'scaling-live' && codeOf(d) === 'sched.live-undoes-target';
    const all = await waitForDiagnostics(uri, (d) => d.some(isKept), "the kept action's warning");
    const warning = all.find(isKept)!;
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(
      document.lineAt(warning.range.start.line).text.trim(),
      '"MaxCapacity": 8,',
      "on the file's MaxCapacity",
    );
    assert.match(
      warning.message,
      /^Scheduled action "alpha-evening" is live on this target but not in the file, so apply keeps it \(it prunes only when asked\), and it sets MaxCapacity to 2 /,
    );
  });

  test('the confirmation lists old → new values grouped by target, naming the target once', async () => {
    await answer(null);
    const declined = await run<Outcome>('sagemakerScaling.applyFile', workspaceFile('aws/alpha-review.scaling.json'));
    assert.equal(declined.status, 'declined');
    const [question] = await prompts();
    assert.equal(question?.message, `Apply 2 changes to account ${ACCOUNT} in region ${REGION}?`);
    assert.equal(
      question?.detail,
      [
        'alpha-review.scaling.json: 0 to create, 2 to update, 0 to delete; 1 live object not in the file is kept.',
        '',
        'endpoint/e2e-alpha/variant/AllTraffic (DesiredInstanceCount)',
        '  ~ MaxCapacity 4 → 8',
        '  ~ policy "alpha-invocations": TargetValue 70 → 90',
        '  = scheduled action "alpha-evening" kept (not in the file)',
      ].join('\n'),
    );
    assert.deepEqual(
      readBackWithBoto3('e2e-alpha').targets.map((t) => t.MaxCapacity),
      [4],
      'declined: nothing sent',
    );
  });

  test('a long plan is summed up in the confirmation, and "Show All in the Plan" opens all of it', async () => {
    await answer('Show All in the Plan', null);
    const declined = await run<Outcome>('sagemakerScaling.applyFile', workspaceFile('aws/gamma-many.scaling.json'));
    assert.equal(declined.status, 'declined');
    const asked = await prompts();
    assert.deepEqual(
      asked.map((p) => [p.kind, p.answer]),
      [
        ['confirm', 'Show All in the Plan'],
        ['confirm', undefined],
      ],
      'asked again after showing the plan',
    );
    const detail = asked[0]!.detail ?? '';
    assert.ok(detail.split('\n').length <= 12, `a summary, not ${detail.split('\n').length} lines:\n${detail}`);
    assert.match(detail, /endpoint\/e2e-gamma\/variant\/AllTraffic \(DesiredInstanceCount\): 16 to create; 1 kept/);

    const shown = vscode.window.visibleTextEditors
      .map((e) => e.document)
      .find((d) => /gamma-many\.plan\.txt$/.test(d.uri.path));
    assert.ok(shown, 'the whole plan is open in an editor');
    for (let i = 0; i < 16; i++)
      assert.match(
        shown.getText(),
        new RegExp(`\\+ create scheduled action "gamma-hour-${String(i).padStart(2, '0')}"`),
      );
    assert.deepEqual(readBackWithBoto3('e2e-gamma').actions, [], 'declined: nothing sent');
  });
});
