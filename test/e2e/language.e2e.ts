import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  completionsAt,
  labelOf,
  WAIT_MS,
  codeOf,
  fromSource,
  openFixture,
  positionAfter,
  rangeOf,
  showRange,
  valueRange,
  waitForCodes,
  waitForDiagnostics,
} from './helpers';

// The language features as VS Code serves them: our server's diagnostics, quick fix and
// completion, VS Code's JSON support with our schema, and the schedule hover.

/** Reverts the document's unsaved edits, so each test starts from the fixture. */
async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

function assertRange(actual: vscode.Range, expected: vscode.Range, what: string): void {
  assert.ok(actual.isEqual(expected), `${what}: range ${showRange(actual)}, expected ${showRange(expected)}`);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

suite('Language features', () => {
  suiteSetup(async () => {
    // The language client registers its providers when activate() has started it.
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  teardown(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty) await revert(document);
  });

  test('diagnostics from source scaling carry the rule codes, ranges and documentation links', async () => {
    const document = await openFixture('errors.scaling.json');
    const all = await waitForCodes(document.uri, ['target.min-le-max', 'policy.name-unique', 'format.read-only-field']);
    const ours = fromSource(all, 'scaling');
    const byCode = (code: string) => {
      const found = ours.filter((d) => codeOf(d) === code);
      assert.equal(found.length, 1, `one ${code} diagnostic`);
      return found[0]!;
    };

    const minMax = byCode('target.min-le-max');
    assert.equal(minMax.severity, vscode.DiagnosticSeverity.Error);
    assertRange(minMax.range, valueRange(document, 'MinCapacity', '8'), 'target.min-le-max on the MinCapacity value');
    assert.match(minMax.message, /MinCapacity 8 is greater than MaxCapacity 4/);
    assert.ok(
      minMax.relatedInformation?.some((r) => r.location.range.isEqual(valueRange(document, 'MaxCapacity', '4'))) ??
        false,
      'related information points at MaxCapacity',
    );

    const duplicate = byCode('policy.name-unique');
    assert.equal(duplicate.severity, vscode.DiagnosticSeverity.Error);
    assertRange(
      duplicate.range,
      valueRange(document, 'PolicyName', '"invocations"', 1),
      'policy.name-unique on the second name',
    );

    const readOnly = byCode('format.read-only-field');
    assert.equal(readOnly.severity, vscode.DiagnosticSeverity.Information);
    const arnMember = new vscode.Range(
      rangeOf(document, '"PolicyARN"').start,
      valueRange(document, 'PolicyARN', '"arn:', 0).end,
    );
    assertRange(readOnly.range, arnMember, 'format.read-only-field on the whole PolicyARN member');
    assert.deepEqual(readOnly.tags, [vscode.DiagnosticTag.Unnecessary], 'a read-only field is shown faded');

    for (const diagnostic of ours) {
      const code = diagnostic.code;
      assert.ok(
        typeof code === 'object' &&
          code.target.scheme === 'command' &&
          code.target.path === 'sagemakerScaling.showRule',
        `${codeOf(diagnostic)} links to its rule's page: ${typeof code === 'object' ? code.target.toString() : code}`,
      );
      assert.deepEqual(JSON.parse(code.target.query), [codeOf(diagnostic)]);
    }
  });

  test("following a diagnostic's code link opens that rule's page, rendered", async () => {
    const document = await openFixture('errors.scaling.json');
    const all = await waitForCodes(document.uri, ['target.min-le-max']);
    const diagnostic = fromSource(all, 'scaling').find((d) => codeOf(d) === 'target.min-le-max')!;
    const target = (diagnostic.code as { target: vscode.Uri }).target;
    // What the Problems panel does with a command link (its opener runs the command with the link's arguments).
    const args = JSON.parse(target.query) as unknown[];
    const page = await vscode.commands.executeCommand<vscode.Uri>(target.path, ...args);
    assert.match(page.path, /\/docs\/rules\/target\.min-le-max\.md$/);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(page)), /^# target\.min-le-max\n/);
    const preview = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /target\.min-le-max\.md/.test(t.label));
    // The preview's tab may open after the command resolves: wait for the tab event.
    const tab =
      preview() ??
      (await new Promise<vscode.Tab | undefined>((resolve) => {
        const timer = setTimeout(() => done(undefined), WAIT_MS);
        const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
          if (preview()) done(preview());
        });
        function done(found: vscode.Tab | undefined): void {
          clearTimeout(timer);
          subscription.dispose();
          resolve(found);
        }
      }));
    assert.ok(tab, 'a Markdown preview of the page is open');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('diagnostics follow edits: an edit that breaks a rule shows it, undoing the edit clears it', async () => {
    const document = await openFixture('valid.scaling.json');
    const edit = new vscode.WorkspaceEdit();
    const min = rangeOf(document, '"MinCapacity": 1');
    edit.replace(document.uri, new vscode.Range(min.end.translate(0, -1), min.end), '20');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForCodes(document.uri, ['target.min-le-max']);

    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(
      document.uri,
      (all) => fromSource(all, 'scaling').length === 0,
      'no scaling diagnostics after undo',
    );
    assert.equal(document.isDirty, false, 'undo restored the file');
  });

  test('the quick fix removes a read-only PolicyARN and clears its diagnostic', async () => {
    const document = await openFixture('errors.scaling.json');
    const all = await waitForCodes(document.uri, ['format.read-only-field', 'target.min-le-max']);
    const readOnly = fromSource(all, 'scaling').find((d) => codeOf(d) === 'format.read-only-field')!;

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      readOnly.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && /PolicyARN/.test(a.title));
    assert.ok(fix?.edit, `a quick fix for PolicyARN among: ${actions.map((a) => a.title).join(', ') || '(none)'}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true, 'the only fix is the preferred one (Ctrl+. applies it)');

    const arnLine = document.lineAt(readOnly.range.start.line).rangeIncludingLineBreak;
    const expected =
      document.getText(new vscode.Range(new vscode.Position(0, 0), arnLine.start)) +
      document.getText().slice(document.offsetAt(arnLine.end));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = await waitForDiagnostics(
      document.uri,
      (d) => !fromSource(d, 'scaling').some((x) => codeOf(x) === 'format.read-only-field'),
      'format.read-only-field to clear',
    );
    assert.equal(document.getText(), expected, 'the fix removes the PolicyARN line and nothing else');
    assert.ok(
      fromSource(after, 'scaling').some((d) => codeOf(d) === 'target.min-le-max'),
      'the other findings stay',
    );
    assert.ok(
      !after.some((d) => d.source !== 'scaling' && d.severity === vscode.DiagnosticSeverity.Error),
      'the edit leaves valid JSON (no syntax or schema error)',
    );
  });

  test("completion of members follows the policy's type: a target-tracking policy is not offered another kind's keys", async () => {
    const document = await openFixture('valid.scaling.json');
    const labelsAt = async (after: string): Promise<string[]> => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, positionAfter(document, after), '\n "');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const items = await completionsAt(document.uri, positionAfter(document, `${after}\n "`));
      await vscode.commands.executeCommand('undo');
      return items.map(labelOf);
    };
    const inPolicy = await labelsAt('"PolicyType": "TargetTrackingScaling",');
    for (const key of ['StepScalingPolicyConfiguration', 'PredictiveScalingPolicyConfiguration', 'CloudWatchAlarm'])
      assert.ok(!inPolicy.includes(key), `${key} is not offered in a target-tracking policy: ${inPolicy.join(', ')}`);
    const inConfig = await labelsAt('"TargetValue": 70.0,');
    assert.ok(inConfig.includes('DisableScaleIn'), inConfig.join(', '));
    assert.ok(
      !inConfig.includes('CustomizedMetricSpecification'),
      `next to a predefined metric: ${inConfig.join(', ')}`,
    );
  });

  test('completion of PredefinedMetricType proposes the SageMaker metrics that fit the target, first and unfiltered', async () => {
    const document = await openFixture('valid.scaling.json');
    const position = positionAfter(document, '"PredefinedMetricType": "');
    const items = await completionsAt(document.uri, position);
    // Ours are the items the server marks "fits <dimension>"; VS Code's JSON support adds
    // the schema's own enum after them.
    const ours = items.filter((item) => /^fits /.test(item.detail ?? ''));
    assert.deepEqual(
      ours.map(labelOf).sort(),
      ['SageMakerVariantConcurrentRequestsPerModelHighResolution', 'SageMakerVariantInvocationsPerInstance'],
      `the server's metric types for sagemaker:variant:DesiredInstanceCount; all labels: ${items.map(labelOf).join(', ')}`,
    );
    // What the suggest widget shows: VS Code filters each item by the text between the start
    // of its range and the cursor (here the opening quote) against filterText or label, and
    // sorts equal matches by sortText or label.
    for (const item of ours) {
      const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
      const typed = range ? document.getText(new vscode.Range(range.start, position)) : '';
      assert.ok(
        (item.filterText ?? labelOf(item)).startsWith(typed),
        `${labelOf(item)} survives VS Code's filter for the typed ${JSON.stringify(typed)} (filterText ${JSON.stringify(item.filterText)})`,
      );
    }
    // The schema still offers every metric type AWS knows (in an anyOf beside any string, so that an unknown one is the rule's finding alone).
    const labels = new Set(items.map((item) => labelOf(item).replace(/^"|"$/g, '')));
    for (const type of ['DynamoDBReadCapacityUtilization', 'SageMakerVariantProvisionedConcurrencyUtilization'])
      assert.ok(labels.has(type), `the schema's ${type} is offered; all labels: ${[...labels].join(', ')}`);
    const sortKey = (item: vscode.CompletionItem): string => (item.sortText ?? labelOf(item)).toLowerCase();
    const others = items.filter((item) => !ours.includes(item));
    for (const item of ours) {
      const before = others.filter((other) => sortKey(other) < sortKey(item)).map(labelOf);
      assert.deepEqual(
        before,
        [],
        `${labelOf(item)} (sortText ${JSON.stringify(item.sortText)}) sorts before the schema's proposals`,
      );
    }
  });

  test("an unknown PredefinedMetricType is one diagnostic, ours with the type meant, none from VS Code's JSON support", async () => {
    const document = await openFixture('valid.scaling.json');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(document, 'SageMakerVariantInvocationsPerInstance'), 'InvocationsPerInstance');
    // A misspelt member beside it: once VS Code's JSON support reports it, the schema has judged this text.
    edit.insert(document.uri, rangeOf(document, '"MaxCapacity": 10,').end, ' "MaxCapacty": 2,');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const value = rangeOf(document, '"InvocationsPerInstance"');
    const sentinel = rangeOf(document, '"MaxCapacty"');
    const all = await waitForDiagnostics(
      document.uri,
      (d) =>
        d.some((x) => x.source !== 'scaling' && x.range.intersection(sentinel) !== undefined) &&
        d.some((x) => codeOf(x) === 'tt.predefined-enum'),
      "the schema's diagnostic on the misspelt member and ours on the metric type",
      WAIT_MS * 2,
    );
    const onValue = all.filter((x) => x.range.intersection(value) !== undefined);
    assert.deepEqual(
      onValue.map((x) => `${x.source} ${codeOf(x)}`),
      ['scaling tt.predefined-enum'],
      onValue.map((x) => x.message).join('\n'),
    );
    assert.match(onValue[0]!.message, /Did you mean SageMakerVariantInvocationsPerInstance\?/);
  });

  test("the schema is applied: a misspelt member gets a diagnostic from VS Code's JSON support", async () => {
    const document = await openFixture('misspelt.scaling.json');
    const member = rangeOf(document, '"ScheduledActons"');
    const all = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => x.source !== 'scaling' && x.range.intersection(member) !== undefined),
      'a schema diagnostic on "ScheduledActons"',
      WAIT_MS * 2,
    );
    const schema = all.find((x) => x.source !== 'scaling' && x.range.intersection(member) !== undefined)!;
    assert.match(
      schema.message,
      /ScheduledActons.*not allowed/,
      "the JSON language features' message for a member the schema does not allow",
    );
    assert.equal(schema.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('hover on a Schedule shows the schedule in words and its next run times', async () => {
    const document = await openFixture('schedule.scaling.json');
    const position = positionAfter(document, '"Schedule": "cron(0 8');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      position,
    );
    const text = hoverText(hovers);
    const runs = text.match(/\d{4}-\d{2}-\d{2}[T ]08:00/g) ?? [];
    assert.ok(
      runs.length >= 2,
      `the hover lists the next runs at 08:00 Europe/Berlin; hover text:\n${text || '(no hover)'}`,
    );
  });
});
