import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { writeLongLoad } from '../loadFiles';
import { EXTENSION_ID, openFixture, workspaceFile } from './helpers';
import {
  drawnAfter,
  problemAfter,
  putInvocations,
  replayFile,
  setControls,
  snapshot,
  waitFor,
  type ResultMessage,
} from './simulation';

// The simulator in the editor: the CodeLens and the command open the panel beside the
// file; the extension host runs the engine and posts the chart's data; the webview draws
// it and answers with what it drew ("rendered"), which a test hook returns with the last
// message posted. Edits to the file re-run it; a file with errors keeps the last run,
// greyed; bad loads show the CLI's messages; the CloudWatch history comes from moto_server.

const row = (s: ResultMessage, label: string) => s.data.summary.find((r) => r.label === label)?.value ?? '';

async function replaceValue(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = document.getText().indexOf(from);
  assert.ok(at >= 0, `${from} in ${document.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

suite('Simulation panel', () => {
  const EXAMPLE = 'simulate-example.scaling.json';
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    // The example as users get it, copied into the throw-away workspace.
    const text = readFileSync(join(extension.extensionPath, 'examples/target-tracking.scaling.json'), 'utf8');
    writeFileSync(workspaceFile(EXAMPLE).fsPath, text);
    document = await openFixture(EXAMPLE);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the CodeLens above the target opens the panel beside the file and charts a day', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    const lens = lenses.find((l) => l.command?.command === 'sagemakerScaling.simulate');
    assert.ok(lens?.command, `a Simulate lens; lenses: ${lenses.map((l) => l.command?.title).join(', ')}`);
    assert.match(lens.command.title, /Simulate/);
    assert.equal(
      lens.range.start.line,
      document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('"ServiceNamespace"')) - 1,
    );
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));

    const s = await waitFor(drawnAfter(0), 'the first run drawn');
    const result = s.lastResult!;
    assert.equal(result.data.target, 'endpoint/my-endpoint/variant/AllTraffic');
    assert.equal(result.data.times.length, 1440, 'a day by the minute');
    assert.ok(
      result.data.activities.some(
        (a) => a.kind === 'scale-out' && /AlarmHigh.* in state ALARM triggered policy/.test(a.reason),
      ),
    );
    assert.match(row(result, 'Instance-hours'), /^\d/);
    // What the webview drew: every minute, the capacity lines, the summary.
    assert.equal(s.lastRendered!.points, 1440);
    for (const name of ['Desired', 'InService', 'Min', 'Max', 'InvocationsPerInstance'])
      assert.ok(s.lastRendered!.series.includes(name), `${name} in ${s.lastRendered!.series.join(', ')}`);
    assert.ok(s.lastRendered!.summary.some((line) => line.startsWith('Instance-hours: ')));
    // Beside the file: another tab group holds the panel.
    const groups = vscode.window.tabGroups.all.filter((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /simulation/.test(t.input.viewType)),
    );
    assert.equal(groups.length, 1);
    assert.notEqual(groups[0]!.viewColumn, vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One);
  });

  test('editing TargetValue re-simulates as you type: the chart data and the summary follow', async () => {
    const before = (await snapshot())!;
    const first = before.lastResult!;
    await replaceValue(document, '"TargetValue": 70.0', '"TargetValue": 35.0');
    const after = await waitFor(drawnAfter(first.run), 'a run after the edit');
    const second = after.lastResult!;
    const peak = (r: ResultMessage) => Math.max(...r.data.inService);
    assert.ok(peak(second) > peak(first), `half the target, more instances: ${peak(first)} → ${peak(second)}`);
    assert.notEqual(row(second, 'Instance-hours'), row(first, 'Instance-hours'));
    assert.deepEqual(second.data.demand, first.data.demand, 'the same load');
    assert.notDeepEqual(after.lastRendered!.summary, before.lastRendered!.summary, 'the webview shows the new summary');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the time a re-run takes, 1 day and 14 days (logged, not asserted: npm run bench measures)', async () => {
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const times: string[] = [];
    for (const duration of ['1d', '14d']) {
      const start = (await snapshot())!.lastPosted?.run ?? 0;
      await setControls({ source: 'pattern', pattern: 'daily(50, 500, at=14:00)', days: '1', inputs: { duration } });
      const first = await waitFor(drawnAfter(start), `the ${duration} run`);
      const edits: number[] = [];
      const host: number[] = [];
      let run = first.lastResult!.run;
      for (const [from, to] of [
        ['70.0', '60.0'],
        ['60.0', '50.0'],
        ['50.0', '70.0'],
      ] as const) {
        const edited = Date.now();
        await replaceValue(document, `"TargetValue": ${from}`, `"TargetValue": ${to}`);
        const after = await waitFor(drawnAfter(run), `a ${duration} re-run`);
        edits.push(Date.now() - edited);
        host.push(after.lastResult!.elapsedMs);
        run = after.lastResult!.run;
        assert.equal(after.lastRendered!.points, duration === '1d' ? 1440 : 20160);
      }
      times.push(
        `${duration}: extension host ${host.map((t) => `${t} ms`).join(', ')}; edit to drawn (300 ms debounce included) ${edits.map((t) => `${t} ms`).join(', ')}`,
      );
    }
    // scripts/e2e/run.mjs relays the lines that carry its mark.
    console.log(`${process.env.E2E_LOG_MARK ?? ''}    re-simulation in the panel: ${times.join(' | ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await setControls({ source: 'pattern', pattern: 'daily(50, 500, at=14:00)', days: '1', inputs: {} });
  });

  test('a file with errors keeps the last good run, greyed, and says why', async () => {
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const good = await waitFor((s) => s.lastPosted?.type === 'result', 'a result');
    await replaceValue(document, '"MinCapacity": 1', '"MinCapacity": 12');
    const bad = await waitFor(problemAfter(good.lastResult!.run), 'the problem shown');
    assert.match(bad.lastPosted!.title!, /^1 error in simulate-example\.scaling\.json: fix it first/);
    assert.ok(
      bad.lastPosted!.problems!.some((p) =>
        /:\d+:\d+ error target\.min-le-max MinCapacity 12 is greater than MaxCapacity 10/.test(p),
      ),
    );
    assert.equal(bad.lastRendered!.stale, true, 'the last run is greyed');
    assert.equal(bad.lastResult!.run, good.lastResult!.run, 'the last good run stays');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(drawnAfter(bad.lastPosted!.run!), 'a good run again');
  });

  test('bad loads show the messages of the CLI, never a crash or a hang', async () => {
    const write = (name: string, text: string) => {
      writeFileSync(workspaceFile(name).fsPath, text);
      return workspaceFile(name).fsPath;
    };
    const base = { pattern: 'constant(100)', days: '1', inputs: {} };
    const cases: [string, string, RegExp][] = [
      [
        'gap.csv',
        'timestamp,invocations\n2026-07-01T00:00:00Z,5\n2026-07-01T00:01:00Z,5\n2026-07-01T00:05:00Z,5\n',
        /a gap of 3 rows .*add the missing rows/,
      ],
      [
        'unsorted.csv',
        'timestamp,invocations\n2026-07-01T00:01:00Z,5\n2026-07-01T00:00:00Z,5\n',
        /is earlier than row 2 .*sort the rows by timestamp/,
      ],
      [
        'twice.csv',
        'timestamp,invocations\n2026-07-01T00:00:00Z,5\n2026-07-01T00:00:00Z,6\n',
        /repeats the timestamp of row 2/,
      ],
      ['negative.csv', 'timestamp,invocations\n2026-07-01T00:00:00Z,-5\n', /-5 is negative/],
      ['words.csv', 'timestamp,invocations\n2026-07-01T00:00:00Z,many\n', /"many" is not a number/],
      ['rps.csv', 'timestamp,rps\n2026-07-01T00:00:00Z,5\n', /"rps" is requests per second.*multiply its values by 60/],
    ];
    let last = (await snapshot())!.lastPosted?.run ?? 0;
    for (const [name, text, message] of cases) {
      await setControls({ ...base, source: 'file', file: write(name, text) });
      const s = await waitFor(problemAfter(last), name);
      last = s.lastPosted!.run!;
      assert.equal(s.lastPosted!.title, `${name} cannot be read as a load`, name);
      assert.ok(
        s.lastPosted!.problems!.some((p) => p.startsWith(`${name}: `) && message.test(p)),
        `${name}: ${s.lastPosted!.problems!.join(' | ')}`,
      );
    }

    // 10 million rows: refused by size before it is read, as the CLI refuses it.
    const huge = workspaceFile('huge.csv').fsPath;
    await writeLongLoad(huge, 10_000_000);
    await setControls({ ...base, source: 'file', file: huge });
    const big = await waitFor(problemAfter(last), 'huge.csv');
    last = big.lastPosted!.run!;
    assert.match(big.lastPosted!.problems![0]!, /^huge\.csv is \d+ MB; a load file may be at most 64 MB/);

    // A policy on a metric the load does not provide: the run is shown, the policy named with the column.
    // The step-scaling example with its alarm on the instances' CPU instead.
    const example = readFileSync(
      join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples/step-scaling.scaling.json'),
      'utf8',
    );
    writeFileSync(
      workspaceFile('cpu.scaling.json').fsPath,
      example
        .replace('"Namespace": "AWS/SageMaker"', '"Namespace": "/aws/sagemaker/Endpoints"')
        .replace('"MetricName": "InvocationsPerInstance"', '"MetricName": "CPUUtilization"')
        .replace('"Threshold": 100', '"Threshold": 70'),
    );
    const stepDocument = await openFixture('cpu.scaling.json');
    await vscode.commands.executeCommand('sagemakerScaling.simulate', stepDocument.uri);
    const first = (await snapshot())!.lastPosted?.run ?? 0;
    await setControls({ ...base, source: 'pattern', pattern: 'constant(100)' });
    const cpu = await waitFor(drawnAfter(first), 'the step-scaling run');
    assert.ok(
      cpu.lastResult!.data.notes.includes(
        "policy step-scaling-policy cannot be simulated: its alarm's metric CPUUtilization has no source in the load; add a column CPUUtilization to the load",
      ),
      cpu.lastResult!.data.notes.join(' | '),
    );

    // A target the file lacks.
    await vscode.commands.executeCommand(
      'sagemakerScaling.simulate',
      stepDocument.uri,
      'endpoint/nope/variant/AllTraffic',
    );
    const lacking = await waitFor(problemAfter(cpu.lastResult!.run), 'the missing target');
    assert.match(
      lacking.lastPosted!.title!,
      /^cpu\.scaling\.json has no target endpoint\/nope\/variant\/AllTraffic: it has endpoint\//,
    );
  });

  test("the endpoint's own last day from CloudWatch (moto_server), with the user's settings", async function () {
    const endpoint = process.env.AWS_ENDPOINT_URL;
    if (!endpoint) return this.skip();
    putInvocations(endpoint, 'e2e-alpha', (m) => (m > 60 ? 100 : 900));
    const file = workspaceFile('alpha-replay.scaling.json');
    writeFileSync(file.fsPath, replayFile('e2e-alpha'));
    const replayDocument = await openFixture('alpha-replay.scaling.json');
    await vscode.commands.executeCommand('sagemakerScaling.simulate', replayDocument.uri);
    const before = (await snapshot())!.lastPosted?.run ?? 0;
    await setControls({ source: 'cloudwatch', pattern: 'constant(1)', days: '1', inputs: {} });
    const s = await waitFor(
      (x) => drawnAfter(before)(x) && /CloudWatch/.test(x.lastResult!.load),
      'the replay drawn',
      60_000,
    );
    assert.match(s.lastResult!.load, /^CloudWatch, last 1 day \(us-east-1\)$/);
    assert.equal(s.lastResult!.data.times.length, 180);
    assert.equal(Math.max(...s.lastResult!.data.inService), 5, 'ceil(900 / 200)');
    assert.ok(s.lastResult!.warnings.some((w) => /traffic that was served/.test(w)));

    // Beyond CloudWatch's retention: the CLI's message.
    await setControls({ source: 'cloudwatch', pattern: 'constant(1)', days: '20', inputs: {} });
    const refused = await waitFor(problemAfter(s.lastResult!.run), 'the refusal');
    assert.match(refused.lastPosted!.title!, /CloudWatch keeps 1-minute datapoints for 15 days/);
  });
});
