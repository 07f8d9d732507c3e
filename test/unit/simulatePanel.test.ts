import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartData, TABLE_LIMIT } from '../../core/simulate/chart';
import {
  CLI_LABELS,
  loadFileTooLarge,
  loadWindow,
  MAX_LOAD_BYTES,
  notSimulatedMessage,
  patternWindow,
  pickTarget,
  readSimulationInputs,
  unusedColumns,
  type InputLabels,
} from '../../core/simulate/options';
import {
  parseReplayDays,
  replayLoad,
  replayQueries,
  replayWindow,
  REPLAY_RETENTION_DAYS,
} from '../../core/simulate/replay';
import { alarm, load, MIN, run, START, stepPolicy, targetTracking, variant, withAlarms } from './simulateHelpers';
import type { PanelControls } from '../../core/simulate/panelMessages';
import { defaultPattern, fileTargets, panelTarget, runForPanel } from '../../core/simulate/panelRun';
import { parsePattern } from '../../core/simulate/patterns';

// The pure helpers the CLI and the editor's panel share: the typed options, the target,
// the window, the chart's data of a run, and replay from CloudWatch's queries and answers.

const PANEL: InputLabels = {
  start: 'Start',
  duration: 'Duration',
  capacity: 'Initial capacity',
  provisioning: 'Provisioning',
  deprovisioning: 'Deprovisioning',
  metricLag: 'Metric lag',
  price: 'Price',
  maxPerInstance: 'Most per instance',
};

describe('simulation options', () => {
  it('reads every option into the engine parameters', () => {
    const read = readSimulationInputs({
      start: '2026-07-01T06:00:00Z',
      duration: '2d',
      capacity: '3',
      provisioning: '4m',
      deprovisioning: '0',
      metricLag: '90s',
      price: '1.21',
      maxPerInstance: '240',
      legacyNoZero: true,
    });
    assert.ok(!('problem' in read));
    assert.equal(read.startMs, Date.parse('2026-07-01T06:00:00Z'));
    assert.equal(read.durationMs, 2 * 86_400_000);
    assert.deepEqual(read.parameters, {
      legacyNoZero: true,
      initialCapacity: 3,
      provisioningSeconds: 240,
      deprovisioningSeconds: 0,
      metricLagSeconds: 90,
      pricePerInstanceHour: 1.21,
      maxPerInstance: 240,
    });
  });

  it('names the option and the fix, with the CLI flags or the panel labels', () => {
    const cases: [Parameters<typeof readSimulationInputs>[0], RegExp, RegExp][] = [
      [{ duration: '1 day' }, /^--duration takes a duration such as 90s/, /^Duration takes a duration/],
      [{ duration: '0' }, /^--duration must be longer than 0/, /^Duration must be longer than 0/],
      [
        { duration: '400d' },
        /^--duration may be at most 366d: simulate a year at a time/,
        /^Duration may be at most 366d/,
      ],
      [{ capacity: '2.5' }, /^--capacity takes a whole number of instances ≥ 0, not "2.5"/, /^Initial capacity takes/],
      [{ capacity: '-1' }, /^--capacity takes a whole number/, /^Initial capacity takes/],
      [{ provisioning: 'soon' }, /^--provisioning takes a duration/, /^Provisioning takes a duration/],
      [{ price: 'free' }, /^--price takes a price in USD/, /^Price takes a price in USD/],
      [
        { maxPerInstance: '0' },
        /^--max-per-instance takes a number above 0/,
        /^Most per instance takes a number above 0/,
      ],
      [{ start: 'yesterday' }, /^--start takes an ISO-8601 time/, /^Start takes an ISO-8601 time/],
    ];
    for (const [inputs, cli, panel] of cases) {
      const a = readSimulationInputs(inputs, CLI_LABELS);
      const b = readSimulationInputs(inputs, PANEL, true);
      assert.ok('problem' in a && 'problem' in b, JSON.stringify(inputs));
      assert.match(a.problem, cli);
      assert.match(b.problem, panel);
    }
  });

  it('an empty field is left out in the panel and a mistake on the command line', () => {
    assert.deepEqual(readSimulationInputs({ capacity: ' ', price: '' }, PANEL, true), {
      parameters: { legacyNoZero: false },
    });
    const cli = readSimulationInputs({ capacity: '' });
    assert.ok('problem' in cli && /--capacity takes a whole number/.test(cli.problem));
  });

  it('picks the target named, or the only one, and lists them otherwise', () => {
    const a = variant(1, 4, []);
    const b = { ...variant(1, 4, []), ResourceId: 'endpoint/other/variant/AllTraffic' };
    assert.equal((pickTarget([a], undefined, 'f.scaling.json') as { target: unknown }).target, a);
    assert.equal((pickTarget([a, b], b.ResourceId, 'f') as { target: unknown }).target, b);
    assert.deepEqual(pickTarget([a, b], 'endpoint/x/variant/y', 'f'), {
      problem:
        'f has no target endpoint/x/variant/y: it has endpoint/shop/variant/AllTraffic, endpoint/other/variant/AllTraffic',
    });
    assert.deepEqual(pickTarget([], undefined, 'f'), { problem: 'f has no scalable target to simulate' });
    assert.match((pickTarget([a, b], undefined, 'f') as { problem: string }).problem, /has 2 targets: name one/);
  });

  it('keeps a window inside the load, and a pattern at midnight UTC for a day by default', () => {
    const l = load({ invocations: [[100, 120]] });
    assert.deepEqual(loadWindow(l, undefined, undefined), { startMs: START, durationMs: 120 * MIN });
    assert.deepEqual(loadWindow(l, START + 60 * MIN, 30 * MIN), { startMs: START + 60 * MIN, durationMs: 30 * MIN });
    const outside = loadWindow(l, START, 3 * 60 * MIN, { start: 'Start', duration: 'Duration' });
    assert.ok('problem' in outside);
    assert.match(
      outside.problem,
      /the load covers 2026-07-01T00:00:00Z to 2026-07-01T02:00:00Z.*choose Start and Duration/,
    );
    assert.deepEqual(patternWindow(new Date('2026-07-03T17:45:00Z'), undefined, undefined), {
      startMs: Date.parse('2026-07-03T00:00:00Z'),
      durationMs: 86_400_000,
    });
  });

  it('warns about columns no policy reads, refuses huge files unread, and words a policy left out', () => {
    const target = variant(1, 4, [targetTracking('ipi', 100)]);
    assert.deepEqual(unusedColumns(target, load({ invocations: [[1, 1]], CPUUtilization: [[1, 1]] })), [
      "the load's column CPUUtilization is not read by any policy of endpoint/shop/variant/AllTraffic",
    ]);
    assert.equal(loadFileTooLarge('a.csv', MAX_LOAD_BYTES), undefined);
    assert.match(loadFileTooLarge('a.csv', 300 * 1024 * 1024)!, /^a\.csv is 300 MB; a load file may be at most 64 MB/);
    assert.equal(
      notSimulatedMessage({ policy: 'cpu', reason: 'the load has no column CPUUtilization', needs: 'CPUUtilization' }),
      'policy cpu cannot be simulated: the load has no column CPUUtilization; add a column CPUUtilization to the load',
    );
  });
});

describe('chart data of a run', () => {
  const target = variant(1, 10, [targetTracking('ipi', 100, { ScaleOutCooldown: 60, ScaleInCooldown: 60 })]);
  const result = run(
    target,
    load({
      invocations: [
        [100, 30],
        [700, 60],
        [100, 90],
      ],
    }),
    180,
    {
      provisioningSeconds: 120,
      pricePerInstanceHour: 2,
    },
  );
  const data = chartData(result);

  it('one x per minute in epoch seconds, demand and capacities as plain arrays', () => {
    assert.equal(data.times.length, 180);
    assert.equal(data.times[0], START / 1000);
    assert.equal(data.times[1]! - data.times[0]!, 60);
    assert.equal(data.demandName, 'invocations per minute');
    assert.equal(data.demand[0], 100);
    assert.equal(data.demand[40], 700);
    assert.deepEqual(
      [data.desired.length, data.inService.length, data.min.length, data.max.length],
      [180, 180, 180, 180],
    );
    assert.equal(Math.max(...data.inService), 7);
    assert.deepEqual(
      data.metrics.map((m) => m.name),
      ['InvocationsPerInstance'],
    );
    // JSON-safe: no NaN, no typed arrays.
    assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
  });

  it('activities are markers with AWS cause, alarm states are runs of time', () => {
    assert.ok(data.activities.length >= 2);
    const out = data.activities.find((a) => a.kind === 'scale-out')!;
    assert.match(out.reason, /monitor alarm TargetTracking-.*AlarmHigh.* in state ALARM triggered policy ipi/);
    assert.equal(out.from, 1);
    assert.equal(out.to, 7);
    assert.ok(out.completesAt! > out.time);
    const high = data.alarms.find((a) => /AlarmHigh/.test(a.name))!;
    const alarm = high.runs.filter((r) => r.state === 'ALARM');
    assert.ok(alarm.length >= 1);
    assert.ok(alarm[0]!.from >= START / 1000 + 30 * 60 && alarm[0]!.to > alarm[0]!.from);
    assert.ok(alarm[0]!.from <= out.time, 'the alarm was in ALARM when it triggered the scale-out');
  });

  it('the summary carries instance-hours and cost, activities and the time to catch up', () => {
    const row = (label: string) => data.summary.find((r) => r.label === label)?.value;
    assert.match(row('Instance-hours')!, /^\d+(\.\d+)? \(\$\d+\.\d\d\)$/);
    assert.match(row('Scaling activities')!, /^1 out, \d+ in, 0 scheduled/);
    assert.match(row('Time to catch up')!, /^1 time: from 2026-07-01 00:30: \d+ min \(7 needed\)/);
    assert.equal(row('Under-provisioned'), 'give the most one instance serves to count it');
    assert.match(row('Over-provisioned')!, /^\d+(\.\d+)? min$/);
  });

  it('the text table lists the minutes capacity changed, from the first', () => {
    assert.equal(data.table[0]!.time, START / 1000);
    assert.ok(data.table.length >= 3 && data.table.length < 20);
    for (let i = 1; i < data.table.length; i++) {
      const [a, b] = [data.table[i - 1]!, data.table[i]!];
      assert.ok(a.desired !== b.desired || a.inService !== b.inService || a.min !== b.min || a.max !== b.max);
    }
    assert.equal(data.tableOmitted, 0);
    assert.ok(TABLE_LIMIT >= 1000);
  });

  it('names a policy that was not simulated and why', () => {
    const cpu = stepPolicy('cpu', { metric: 'CPUUtilization', threshold: 70, steps: [[0, undefined, 1]] });
    const result = run(variant(1, 4, [cpu]), load({ invocations: [[10, 10]] }), 10);
    const r = chartData(result);
    assert.equal(result.notSimulated.length, 1);
    assert.equal(r.notes[0], notSimulatedMessage(result.notSimulated[0]!));
    assert.match(r.notes[0]!, /add a column CPUUtilization to the load/);
  });
});

describe('replay from CloudWatch (the pure half)', () => {
  it('takes 1 to 15 days and refuses more with the retention', () => {
    assert.deepEqual(parseReplayDays('14'), { days: 14 });
    assert.deepEqual(parseReplayDays('0.5'), { days: 0.5 });
    for (const bad of ['0', '-1', 'two', '', '1e3'])
      assert.match((parseReplayDays(bad) as { problem: string }).problem, /takes a number of days from 1 to 15/, bad);
    const more = parseReplayDays('16') as { problem: string };
    assert.match(more.problem, /CloudWatch keeps 1-minute datapoints for 15 days/);
    assert.equal(REPLAY_RETENTION_DAYS, 15);
  });

  it('the window ends at the last whole minute', () => {
    assert.deepEqual(replayWindow(new Date('2026-07-15T12:34:56Z'), 1), {
      startMs: Date.parse('2026-07-14T12:34:00Z'),
      endMs: Date.parse('2026-07-15T12:34:00Z'),
    });
  });

  it('asks for Invocations, the per-instance pair for concurrency, and each other metric where its alarm reads it', () => {
    const cpu = stepPolicy('cpu', {
      metric: 'CPUUtilization',
      threshold: 70,
      steps: [[0, undefined, 1]],
      statistic: 'Maximum',
    });
    (cpu.CloudWatchAlarm as Record<string, unknown>).Namespace = '/aws/sagemaker/Endpoints';
    (cpu.CloudWatchAlarm as Record<string, unknown>).Dimensions = [
      { Name: 'EndpointName', Value: 'shop' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ];
    const target = variant(1, 8, [
      targetTracking('ipi', 100),
      targetTracking('crpm', 5, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
      cpu,
    ]);
    const request = replayQueries(target);
    assert.ok(!('problem' in request));
    assert.equal(request.endpointName, 'shop');
    assert.deepEqual(
      request.queries.map(
        (q) => `${q.id} ${q.namespace} ${q.metricName} ${q.stat} ${q.dimensions.map((d) => d.Value).join('/')}`,
      ),
      [
        'invocations AWS/SageMaker Invocations Sum shop/AllTraffic',
        'per_capacity AWS/SageMaker InvocationsPerInstance Sum shop/AllTraffic',
        'concurrency_per_capacity AWS/SageMaker ConcurrentRequestsPerModel Average shop/AllTraffic',
        'metric_3 /aws/sagemaker/Endpoints CPUUtilization Maximum shop/AllTraffic',
      ],
    );
    const component = replayQueries({
      ...variant(0, 4, [targetTracking('ipc', 10, {}, 'SageMakerInferenceComponentInvocationsPerCopy')]),
      ResourceId: 'inference-component/ranker',
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
    });
    assert.ok(!('problem' in component));
    assert.deepEqual(component.queries[0]!.dimensions, [{ Name: 'InferenceComponentName', Value: 'ranker' }]);
  });

  it("asks for the metric of every alarm of a step policy's CloudWatchAlarms, where that alarm reads it", () => {
    // The replay must fetch what each alarm watches: a GPU alarm second in the list is as
    // much the policy's trigger as the CPU alarm first in it.
    const hot = withAlarms(stepPolicy('hot', { metric: 'CPUUtilization', threshold: 70, steps: [[0, undefined, 1]] }), {
      ...alarm('gpu-high', { metric: 'GPUUtilization', threshold: 80, statistic: 'Maximum' }),
      Namespace: '/aws/sagemaker/Endpoints',
    });
    const request = replayQueries(variant(1, 8, [targetTracking('ipi', 100), hot]));
    assert.ok(!('problem' in request));
    assert.deepEqual(
      request.queries.map((q) => `${q.namespace} ${q.metricName} ${q.stat}`),
      [
        'AWS/SageMaker Invocations Sum',
        'AWS/SageMaker CPUUtilization Average',
        '/aws/sagemaker/Endpoints GPUUtilization Maximum',
      ],
    );
  });

  it('turns per-instance concurrency back into total demand with the count of each minute, and keeps gaps', () => {
    const target = variant(1, 8, [
      targetTracking('crpm', 5, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
    ]);
    const request = replayQueries(target);
    assert.ok(!('problem' in request));
    const t = (m: number) => START + m * MIN;
    const parsed = replayLoad(
      request,
      [
        // Minute 2 has no Invocations datapoint: a gap.
        { id: 'invocations', timestamps: [t(0), t(1), t(3)], values: [600, 900, 1200] },
        { id: 'per_capacity', timestamps: [t(0), t(1), t(3)], values: [300, 300, 300] },
        { id: 'concurrency_per_capacity', timestamps: [t(0), t(1), t(2), t(3)], values: [2, 3, 3, 4] },
      ],
      'in the test',
    );
    assert.deepEqual(parsed.problems, []);
    const byName = new Map(parsed.load!.columns.map((c) => [c.name, c]));
    assert.deepEqual([...byName.get('concurrency')!.values], [4, 9, 9, 16]); // × 2, 3, 3 (held), 4 instances
    assert.deepEqual([...byName.get('invocations')!.values], [600, 900, 0, 1200]);
    assert.match(parsed.warnings.join('\n'), /invocations\) has 1 period without a datapoint/);
  });

  it('no Invocations datapoint at all is a problem that names the endpoint and the window', () => {
    const request = replayQueries(variant(1, 4, [targetTracking('ipi', 100)]));
    assert.ok(!('problem' in request));
    const parsed = replayLoad(request, [{ id: 'invocations', timestamps: [], values: [] }], 'from A to B in eu-west-1');
    assert.deepEqual(parsed.problems, [
      'CloudWatch has no Invocations datapoints for endpoint shop, variant AllTraffic from A to B in eu-west-1: check the region and the name, or pick days when the endpoint had traffic',
    ]);
  });
});

describe("the panel's run (core/simulate/panelRun.ts)", () => {
  const target = variant(2, 12, [targetTracking('ipi', 120)]);
  const controls = (over: Partial<PanelControls> = {}): PanelControls => ({
    source: 'pattern',
    pattern: 'constant(200)',
    days: '7',
    inputs: {},
    ...over,
  });
  const NOW = new Date('2026-07-03T17:45:00Z');

  it('a first pattern around the target: a day between half the floor and 60 % of Max, and a spike', () => {
    assert.equal(defaultPattern(target), 'daily(120, 960, at=14:00) + spike(240, at=9h, for=20m)');
    assert.equal(
      defaultPattern(
        variant(1, 4, [targetTracking('c', 5, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution')]),
      ),
      'concurrency: daily(3, 15, at=14:00)',
    );
    assert.equal(defaultPattern(undefined), 'daily(50, 300, at=14:00) + spike(200, at=9h, for=20m)');
    for (const t of [target, undefined]) assert.ok(parsePattern(defaultPattern(t)).columns, 'it reads');
  });

  it('runs a pattern over today, named by the pattern, with the warnings of unused columns', () => {
    const run = runForPanel(
      target,
      controls({ pattern: 'constant(200); CPUUtilization: constant(30)' }),
      undefined,
      NOW,
    );
    assert.ok(run.ok);
    assert.equal(run.data.times[0], Date.parse('2026-07-03T00:00:00Z') / 1000);
    assert.equal(run.data.times.length, 1440);
    assert.equal(run.load, 'pattern constant(200); CPUUtilization: constant(30)');
    assert.deepEqual(run.warnings, [
      "the load's column CPUUtilization is not read by any policy of endpoint/shop/variant/AllTraffic",
    ]);
  });

  it('says what stops a run, in the words of the CLI with the fields named', () => {
    const bad = (c: PanelControls, prepared?: Parameters<typeof runForPanel>[2]) => {
      const run = runForPanel(target, c, prepared, NOW);
      assert.ok(!run.ok);
      return run;
    };
    assert.deepEqual(bad(controls({ inputs: { provisioning: 'soon' } })), {
      ok: false,
      title: 'An option does not read',
      problems: ['Provisioning delay takes a duration such as 90s, 5m, 6h or 2d, not "soon"'],
    });
    assert.match(bad(controls({ pattern: 'wave(1)' })).problems[0]!, /"wave" is not a pattern/);
    assert.equal(bad(controls({ source: 'file' })).title, 'Choose a load file');
    assert.deepEqual(
      bad(controls({ source: 'file' }), { problems: ['a.csv: row 3 …'], warnings: [], description: 'a.csv' }),
      { ok: false, title: 'a.csv cannot be read as a load', problems: ['a.csv: row 3 …'] },
    );
    const l = load({ invocations: [[100, 60]] });
    assert.match(
      bad(controls({ source: 'file', inputs: { duration: '2h' } }), {
        load: l,
        problems: [],
        warnings: [],
        description: 'a.csv',
      }).problems[0]!,
      /the load covers .* choose Start and Duration within the load/,
    );
  });

  it('a load file runs over its span; a target the file lacks is named', () => {
    const l = load({ invocations: [[100, 60]] });
    const run = runForPanel(
      target,
      controls({ source: 'file' }),
      { load: l, problems: [], warnings: ['w'], description: 'a.csv' },
      NOW,
    );
    assert.ok(run.ok);
    assert.equal(run.data.times.length, 60);
    assert.deepEqual(run.warnings, ['w']);
    const text = JSON.stringify({ ScalableTargets: [target] });
    assert.deepEqual(panelTarget(fileTargets(text), 'endpoint/x/variant/y', 'f.scaling.json'), {
      problem: 'f.scaling.json has no target endpoint/x/variant/y: it has endpoint/shop/variant/AllTraffic',
    });
    assert.equal(
      (panelTarget(fileTargets(text), undefined, 'f') as { target: { ResourceId: string } }).target.ResourceId,
      target.ResourceId,
    );
  });
});
