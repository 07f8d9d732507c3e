import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeLongLoad } from '../loadFiles';
import { DIST, REPO_ROOT } from '../paths';

// `sagemaker-scaling simulate`, run from the bundled CLI as a user runs it: every bad input
// gets a clear message and the right exit code (0 done, 1 file errors or a policy that
// cannot be simulated, 2 bad usage or unreadable input), never a stack trace or a hang.

const CLI = join(DIST, 'cli.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'simulate', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.signal, null, 'simulate finished in time');
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, 'no crash');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TARGET = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/shop/variant/AllTraffic',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  MinCapacity: 2,
  MaxCapacity: 12,
  ScalingPolicies: [
    {
      PolicyName: 'ipi',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 100,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        ScaleInCooldown: 600,
        ScaleOutCooldown: 60,
      },
    },
  ],
};

const STEP_ON_LATENCY = {
  PolicyName: 'latency',
  PolicyType: 'StepScaling',
  StepScalingPolicyConfiguration: {
    AdjustmentType: 'ChangeInCapacity',
    StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
    Cooldown: 120,
  },
  CloudWatchAlarm: {
    AlarmName: 'shop-latency-high',
    Namespace: 'AWS/SageMaker',
    MetricName: 'ModelLatency',
    Dimensions: [
      { Name: 'EndpointName', Value: 'shop' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 2,
    DatapointsToAlarm: 2,
    Threshold: 200000,
    ComparisonOperator: 'GreaterThanThreshold',
  },
};

// A step policy two alarms trigger (CloudWatchAlarms), each on its own metric and threshold.
const HOT_ALARM = (name: string, metric: string, threshold: number) => ({
  AlarmName: name,
  Namespace: '/aws/sagemaker/Endpoints',
  MetricName: metric,
  Dimensions: [
    { Name: 'EndpointName', Value: 'shop' },
    { Name: 'VariantName', Value: 'AllTraffic' },
  ],
  Statistic: 'Average',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: threshold,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
});
const STEP_ON_CPU_OR_GPU = {
  PolicyName: 'hot',
  PolicyType: 'StepScaling',
  StepScalingPolicyConfiguration: {
    AdjustmentType: 'ChangeInCapacity',
    StepAdjustments: [
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 15, ScalingAdjustment: 1 },
      { MetricIntervalLowerBound: 15, ScalingAdjustment: 2 },
    ],
    Cooldown: 600,
  },
  CloudWatchAlarms: [
    HOT_ALARM('shop-cpu-high', 'CPUUtilization', 70),
    HOT_ALARM('shop-gpu-high', 'GPUUtilization', 80),
  ],
};

function csv(rows: [string, number][], header = 'timestamp,invocations'): string {
  return [header, ...rows.map(([t, v]) => `${t},${v}`)].join('\n') + '\n';
}

function minutes(count: number, value: (i: number) => number): [string, number][] {
  const start = Date.parse('2026-07-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => [new Date(start + i * 60_000).toISOString(), value(i)]);
}

describe('sagemaker-scaling simulate', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    writeFileSync(path('one.scaling.json'), JSON.stringify({ ScalableTargets: [TARGET] }, null, 2));
    writeFileSync(
      path('two.scaling.json'),
      JSON.stringify(
        { ScalableTargets: [TARGET, { ...TARGET, ResourceId: 'endpoint/shop/variant/Canary', ScalingPolicies: [] }] },
        null,
        2,
      ),
    );
    writeFileSync(
      path('latency.scaling.json'),
      JSON.stringify(
        { ScalableTargets: [{ ...TARGET, ScalingPolicies: [...TARGET.ScalingPolicies, STEP_ON_LATENCY] }] },
        null,
        2,
      ),
    );
    writeFileSync(
      path('hot.scaling.json'),
      JSON.stringify({ ScalableTargets: [{ ...TARGET, ScalingPolicies: [STEP_ON_CPU_OR_GPU] }] }, null, 2),
    );
    // CPU 90 in minutes 10–12, GPU 90 in minutes 30–32; 40 and 50 otherwise.
    writeFileSync(
      path('hot.csv'),
      [
        'timestamp,CPUUtilization,GPUUtilization',
        ...minutes(60, (i) => i).map(([t, i]) => `${t},${i >= 10 && i < 13 ? 90 : 40},${i >= 30 && i < 33 ? 90 : 50}`),
      ].join('\n') + '\n',
    );
    writeFileSync(path('errors.scaling.json'), JSON.stringify({ ScalableTargets: [{ ...TARGET, MinCapacity: 20 }] }));
    writeFileSync(path('load.csv'), csv(minutes(120, (i) => (i < 30 ? 200 : 1000))));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the charts, the events and the summary for a load file', () => {
    const r = run(path('one.scaling.json'), '--load', path('load.csv'), '--price', '2');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(
      r.stdout,
      /^endpoint\/shop\/variant\/AllTraffic: 2026-07-01 00:00:00 to 2026-07-01 02:00:00 UTC \(2 h\)/,
    );
    assert.match(r.stdout, /Demand \(invocations per minute/);
    assert.match(r.stdout, /Capacity \(InService/);
    assert.match(
      r.stdout,
      /2026-07-01 00:34:00 {2}scale-out {3}ipi {5}2 → 10 {4}monitor alarm TargetTracking-endpoint\/shop\/variant\/AllTraffic-AlarmHigh-ipi in state ALARM triggered policy ipi/,
    );
    // 2 instances until 00:39, then 10: (2 × 39 + 10 × 81) / 60 = 14.8 instance-hours.
    assert.match(r.stdout, /instance-hours +14\.8 +cost \$29\.60/);
  });

  it('prints one JSON object as the contract says', () => {
    const r = run(path('one.scaling.json'), '--load', path('load.csv'), '--format', 'json', '--duration', '1h');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      target: string;
      start: string;
      end: string;
      stepSeconds: number;
      series: {
        time: string;
        load: { invocations: number };
        metrics: Record<string, number>;
        desired: number;
        inService: number;
        min: number;
        max: number;
        alarms: Record<string, string>;
      }[];
      events: { time: string; kind: string; source: string; from: number; to: number; reason: string }[];
      summary: { instanceHours: number; scaleOuts: number };
    };
    assert.equal(json.target, 'endpoint/shop/variant/AllTraffic');
    assert.equal(json.start, '2026-07-01T00:00:00Z');
    assert.equal(json.end, '2026-07-01T01:00:00Z');
    assert.equal(json.stepSeconds, 10);
    assert.equal(json.series.length, 60);
    assert.deepEqual(json.series[40], {
      time: '2026-07-01T00:40:00Z',
      load: { invocations: 1000 },
      metrics: { InvocationsPerInstance: 100 },
      desired: 10,
      inService: 10,
      min: 2,
      max: 12,
      alarms: {
        'TargetTracking-endpoint/shop/variant/AllTraffic-AlarmHigh-ipi': 'ALARM',
        'TargetTracking-endpoint/shop/variant/AllTraffic-AlarmLow-ipi': 'OK',
      },
    });
    assert.deepEqual(json.events[0], {
      time: '2026-07-01T00:34:00Z',
      kind: 'scale-out',
      source: 'ipi',
      from: 2,
      to: 10,
      reason:
        'monitor alarm TargetTracking-endpoint/shop/variant/AllTraffic-AlarmHigh-ipi in state ALARM triggered policy ipi',
      completesAt: '2026-07-01T00:39:00Z',
    });
  });

  it('prints the per-minute series as CSV', () => {
    const r = run(
      path('one.scaling.json'),
      '--pattern',
      'constant(150)',
      '--start',
      '2026-07-01T00:00:00Z',
      '--duration',
      '10m',
      '--format',
      'csv',
    );
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(
      lines[0],
      'time,invocations,concurrency,desired,inService,min,max,InvocationsPerInstance,TargetTracking-endpoint/shop/variant/AllTraffic-AlarmHigh-ipi,TargetTracking-endpoint/shop/variant/AllTraffic-AlarmLow-ipi',
    );
    assert.equal(lines.length, 11);
    // 75 per instance is below 0.9 × 100: AlarmLow is in ALARM, but one instance would see 150.
    assert.equal(lines[1], '2026-07-01T00:00:00Z,150,,2,2,2,12,75,OK,ALARM');
  });

  it('a pattern with the delays and capacity as options', () => {
    const r = run(
      path('one.scaling.json'),
      '--pattern',
      'step(200, 1000, at=30m)',
      '--start',
      '2026-07-01T00:00:00Z',
      '--duration',
      '1h',
      '--capacity',
      '3',
      '--provisioning',
      '0',
      '--metric-lag',
      '0',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { events: { time: string; from: number; to: number }[] };
    assert.deepEqual(
      json.events.filter((e) => e.from !== e.to).map((e) => `${e.time} ${e.from}→${e.to}`),
      // 200 on 3 instances is below the AlarmLow threshold from the start; 1000 from 00:30 is seen at 00:33.
      ['2026-07-01T00:00:00Z 3→2', '2026-07-01T00:33:00Z 2→10'],
    );
  });

  it("the summary keeps a space between a long metric's name and its value (a real configuration on concurrency)", () => {
    // test/fixtures/wild/02: SageMaker's own example tracking ConcurrentRequestsPerModel,
    // whose "highest ConcurrentRequestsPerModel" fills the summary's label column.
    const r = run(
      join(REPO_ROOT, 'test/fixtures/wild/02-sme-highres-concurrency.scaling.json'),
      '--pattern',
      'concurrency: daily(2, 40, at=14:00)',
      '--start',
      '2026-07-01T00:00:00Z',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}highest ConcurrentRequestsPerModel +\d/m);
    // The labels still line up: every value of the summary starts in one column.
    const summary = r.stdout
      .slice(r.stdout.indexOf('\nSummary\n') + 9)
      .split('\n')
      .filter((line) => line.trim());
    const valueColumns = new Set(summary.map((line) => /^ {2}\S.*? {2,}|^ {2}highest \S+ /.exec(line)?.[0].length));
    assert.equal(valueColumns.size, 1, summary.join('\n'));
  });

  it('a long run prints its text report: 100 days of minutes', () => {
    // The chart's scale was Math.max(...series): past ~120,000 minutes the spread overflowed
    // the stack ("internal error: Maximum call stack size exceeded").
    const r = run(path('one.scaling.json'), '--pattern', 'daily(100, 1000)', '--duration', '100d');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\(100 d\), simulated in 10-second steps/);
    assert.match(r.stdout, /^Summary$/m);
  });

  it('a file with several targets needs --target; a target the file lacks is named', () => {
    const many = run(path('two.scaling.json'), '--pattern', 'constant(5)');
    assert.equal(many.code, 2);
    assert.match(
      many.stderr,
      /has 2 targets: name one with --target \(endpoint\/shop\/variant\/AllTraffic, endpoint\/shop\/variant\/Canary\)/,
    );
    const missing = run(path('one.scaling.json'), '--target', 'endpoint/shop/variant/Nope', '--pattern', 'constant(5)');
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /has no target endpoint\/shop\/variant\/Nope: it has endpoint\/shop\/variant\/AllTraffic/,
    );
    const picked = run(
      path('two.scaling.json'),
      '--target',
      'endpoint/shop/variant/Canary',
      '--pattern',
      'constant(5)',
      '--duration',
      '10m',
    );
    assert.equal(picked.code, 0, picked.stderr);
  });

  it('a file with errors exits 1 with the findings, as lint reports them', () => {
    const r = run(path('errors.scaling.json'), '--pattern', 'constant(5)');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /errors\.scaling\.json:1:\d+ error \S+ /);
    assert.match(r.stderr, /error[s]? in .*errors\.scaling\.json: fix (it|them) first \(see sagemaker-scaling lint\)/);
    assert.equal(r.stdout, '');
  });

  it('a step policy several alarms trigger (CloudWatchAlarms): each alarm scales from its own threshold, and is in the series by name', () => {
    // No metric lag, provisioning 1 minute: CPU 90 is seen at 00:11 by shop-cpu-high (≥ 70:
    // breach 20, the +2 step), 2 → 4, InService at 00:12, the cooldown to 00:22 holds the
    // re-invocations at 00:12 and 00:13. GPU 90 is seen at 00:31 by shop-gpu-high (≥ 80:
    // breach 10, the +1 step), 4 → 5.
    const args = [path('hot.scaling.json'), '--load', path('hot.csv'), '--capacity', '2', '--metric-lag', '0'];
    const r = run(...args, '--provisioning', '1m', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      series: { time: string; alarms: Record<string, string> }[];
      events: { time: string; kind: string; source: string; from: number; to: number; reason: string }[];
      notSimulated: unknown[];
    };
    assert.deepEqual(json.notSimulated, []);
    assert.deepEqual(
      json.events
        .filter((e) => e.kind !== 'not-scaled')
        .map((e) => `${e.time} ${e.kind} ${e.source} ${e.from}→${e.to}: ${e.reason}`),
      [
        '2026-07-01T00:11:00Z scale-out hot 2→4: monitor alarm shop-cpu-high in state ALARM triggered policy hot',
        '2026-07-01T00:31:00Z scale-out hot 4→5: monitor alarm shop-gpu-high in state ALARM triggered policy hot',
      ],
    );
    assert.deepEqual(json.series[11]!.alarms, { 'shop-cpu-high': 'ALARM', 'shop-gpu-high': 'OK' });
    assert.deepEqual(json.series[31]!.alarms, { 'shop-cpu-high': 'OK', 'shop-gpu-high': 'ALARM' });
    const table = run(...args, '--provisioning', '1m', '--format', 'csv');
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /^time,invocations,concurrency,desired,inService,min,max,.*,shop-cpu-high,shop-gpu-high\n/,
    );
  });

  it('a policy on a metric the load does not provide: the run is shown, exit 1 names the column it needs', () => {
    const r = run(path('latency.scaling.json'), '--load', path('load.csv'), '--duration', '10m');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Summary/);
    assert.match(
      r.stderr,
      /policy latency cannot be simulated: its alarm's metric ModelLatency has no source in the load; add a column ModelLatency to the load/,
    );
  });

  it('load files: gaps, order, duplicates, values and units each name the row and column, exit 2', () => {
    const cases: [string, string, RegExp][] = [
      [
        'gap.csv',
        csv([...minutes(3, () => 5), ['2026-07-01T00:10:00.000Z', 5]]),
        /rows 4 and 5 are 8 min apart, a gap of 7 rows .*add the missing rows/,
      ],
      [
        'unsorted.csv',
        csv([
          ['2026-07-01T00:01:00Z', 1],
          ['2026-07-01T00:00:00Z', 1],
        ]),
        /row 3 \(2026-07-01T00:00:00Z\) is earlier than row 2 .*sort the rows by timestamp/,
      ],
      [
        'duplicate.csv',
        csv([
          ['2026-07-01T00:00:00Z', 1],
          ['2026-07-01T00:00:00Z', 2],
        ]),
        /row 3 repeats the timestamp of row 2/,
      ],
      ['negative.csv', csv([['2026-07-01T00:00:00Z', -4]]), /row 2, column invocations: -4 is negative/],
      [
        'text.csv',
        csv([['2026-07-01T00:00:00Z', 'lots' as unknown as number]]),
        /row 2, column invocations: "lots" is not a number/,
      ],
      [
        'unit.csv',
        csv([['2026-07-01T00:00:00Z', 5]], 'timestamp,rps'),
        /"rps" is requests per second.*multiply its values by 60/,
      ],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(path(name), text);
      const r = run(path('one.scaling.json'), '--load', path(name));
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, message, name);
      assert.match(r.stderr, new RegExp(`${name} cannot be read as a load`), name);
    }
  });

  it('a load of 10 million rows fails fast with the limit and the fix', async () => {
    const file = path('huge.csv');
    await writeLongLoad(file, 10_000_000);
    const started = Date.now();
    const r = run(path('one.scaling.json'), '--load', file);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /huge\.csv is \d+ MB; a load file may be at most 64 MB \(about a million rows\): cut it to the days you want to simulate/,
    );
    assert.ok(Date.now() - started < 30_000, 'it answered at once');
    rmSync(file);
  });

  it('bad usage exits 2 with the fix', () => {
    const cases: [string[], RegExp][] = [
      [[path('one.scaling.json')], /needs a load: either --load/],
      [
        [path('one.scaling.json'), '--load', path('load.csv'), '--pattern', 'constant(1)'],
        /needs a load: either --load/,
      ],
      [[path('one.scaling.json'), '--pattern', 'wave(1)'], /--pattern: "wave" is not a pattern/],
      [
        [path('one.scaling.json'), '--pattern', 'constant(1)', '--duration', '1 day'],
        /--duration takes a duration such as 90s/,
      ],
      [[path('one.scaling.json'), '--pattern', 'constant(1)', '--format', 'xml'], /--format takes text, json or csv/],
      [
        [path('one.scaling.json'), '--pattern', 'constant(1)', '--duration', '3650d'],
        /--duration may be at most 366d: simulate a year at a time/,
      ],
      [[path('one.scaling.json'), '--pattern', 'constant(1)', '--capacity', '2.5'], /--capacity takes a whole number/],
      [[path('one.scaling.json'), '--load', path('nope.csv')], /no such load file/],
      [[path('nope.scaling.json'), '--pattern', 'constant(1)'], /no such file/],
      [
        [path('one.scaling.json'), '--load', path('load.csv'), '--start', '2026-06-30T00:00:00Z'],
        /the load covers 2026-07-01T00:00:00Z to 2026-07-01T02:00:00Z, but the simulation runs 2026-06-30T00:00:00Z/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
  });

  it('--from-cloudwatch: bad input exits 2 with the fix, before or without any call to AWS', () => {
    const file = path('one.scaling.json');
    // A clean environment: no credentials, empty AWS files, no instance metadata, and an
    // endpoint on a closed local port, so nothing could leave the machine.
    const empty = path('empty-aws');
    writeFileSync(empty, '');
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: empty,
      AWS_SHARED_CREDENTIALS_FILE: empty,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
    };
    const cases: [string[], RegExp][] = [
      [['--from-cloudwatch', '16'], /--from-cloudwatch 16: CloudWatch keeps 1-minute datapoints for 15 days/],
      [['--from-cloudwatch', '30'], /at most 15 days can be replayed minute by minute/],
      [['--from-cloudwatch', '0'], /--from-cloudwatch takes a number of days from 1 to 15/],
      [['--from-cloudwatch', 'week'], /--from-cloudwatch takes a number of days from 1 to 15/],
      [
        ['--from-cloudwatch', '2', '--pattern', 'constant(1)'],
        /needs a load: either --load .*, --pattern .* or --from-cloudwatch/,
      ],
      [
        ['--pattern', 'constant(1)', '--region', 'us-east-1'],
        /--profile, --region and --endpoint-url go with --from-cloudwatch only/,
      ],
      [['--from-cloudwatch', '2', '--region', 'us-east-9'], /--region.*us-east-9/],
      [
        ['--from-cloudwatch', '2', '--endpoint-url', 'http://127.0.0.1:9'],
        /No AWS credentials found: run aws configure \(or aws sso login for SSO\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = spawnSync(process.execPath, [CLI, 'simulate', file, ...args], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(r.signal, null, args.join(' '));
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('--help prints the usage', () => {
    const r = run('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: sagemaker-scaling simulate <file>/);
  });
});
