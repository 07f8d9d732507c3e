import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchCloudWatchLoad, ReplayTargetError } from '../../aws/cloudWatchLoad';
import type { AwsClients, CallRecord } from '../../aws/session';
import { desiredFromText } from '../../core/plan/desired';
import { cleanEnv, runCli, TEST_KEYS } from './cliProcess';
import { startFaultProxy } from './faultProxy';
import { motoAvailable, putVariantMetrics, seedEndpoint, testClients } from './moto';
import { motoForSuite } from './motoSuite';

// Replay from CloudWatch through the real SDK over HTTP: moto_server holds metric data that
// boto3 put there (PutMetricData), and both fetchCloudWatchLoad and the bundled CLI's
// `simulate --from-cloudwatch` read it back with GetMetricData (the SDK's paginator).

const REGION = 'us-east-1';
const MINUTE = 60_000;

/** Three hours ending at the last whole minute: 200 requests a minute, 1,500 from the 90th minute, minutes 100 and 101 missing. */
function history(now: number): { at: number; invocations: number }[] {
  const end = Math.floor(now / MINUTE) * MINUTE;
  const rows = [];
  for (let m = 180; m >= 1; m--) {
    const index = 180 - m;
    if (index === 100 || index === 101) continue;
    rows.push({ at: end - m * MINUTE, invocations: index < 90 ? 200 : 1500 });
  }
  return rows;
}

/** The same data as aws cloudwatch get-metric-data prints it, read by boto3 (not our code). */
const EXPORT_METRICS = `
import boto3, json, sys, datetime
endpoint, region, start, end = sys.argv[1:5]
cw = boto3.client('cloudwatch', endpoint_url=endpoint, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing')
dims = [{'Name': 'EndpointName', 'Value': 'shop'}, {'Name': 'VariantName', 'Value': 'AllTraffic'}]
r = cw.get_metric_data(MetricDataQueries=[{'Id': 'inv', 'Label': 'Invocations', 'MetricStat': {'Metric': {'Namespace': 'AWS/SageMaker', 'MetricName': 'Invocations', 'Dimensions': dims}, 'Period': 60, 'Stat': 'Sum'}}],
  StartTime=datetime.datetime.fromisoformat(start), EndTime=datetime.datetime.fromisoformat(end))
print(json.dumps({'MetricDataResults': r['MetricDataResults']}, default=lambda o: o.isoformat()))
`;

const FILE = {
  Region: REGION,
  ScalableTargets: [
    {
      ServiceNamespace: 'sagemaker',
      ResourceId: 'endpoint/shop/variant/AllTraffic',
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: 1,
      MaxCapacity: 6,
      ScalingPolicies: [
        {
          PolicyName: 'ipi',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 400,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
            ScaleOutCooldown: 60,
            ScaleInCooldown: 300,
          },
        },
      ],
    },
  ],
};

describe('replay from CloudWatch', { skip: motoAvailable() ? false : 'moto_server is not on PATH' }, () => {
  const moto = motoForSuite();
  let clients: AwsClients;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const calls: CallRecord[] = [];
  const now = Date.now();
  const rows = history(now);

  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runCli(['simulate', ...args], { cwd: dir, env: { ...env, ...extra } });

  before(async () => {
    clients = await moto.session(REGION, calls);
    await seedEndpoint(clients, 'shop');
    putVariantMetrics(
      moto.endpoint,
      REGION,
      'shop',
      rows.flatMap((r) => [
        { metric: 'Invocations', at: r.at, value: r.invocations, unit: 'None' },
        { metric: 'CPUUtilization', at: r.at, value: 35, unit: 'Percent' },
      ]),
    );
    dir = mkdtempSync(join(tmpdir(), 'scaling-replay-'));
    writeFileSync(join(dir, 'shop.scaling.json'), JSON.stringify(FILE, null, 2));
    // A clean environment: only what the test gives (no credentials unless a run passes
    // TEST_KEYS), never the machine's AWS settings.
    env = cleanEnv(dir, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads Invocations (Sum, 60 s) through the paginator; a gap is a minute without a datapoint', async () => {
    const target = desiredFromText(JSON.stringify(FILE))!.targets[0]!;
    calls.length = 0;
    const replay = await fetchCloudWatchLoad(clients, target, 1, new Date(now));
    assert.deepEqual(replay.problems, []);
    assert.equal(replay.endMs - replay.startMs, 86_400_000);
    assert.ok(replay.pages >= 1);
    assert.deepEqual(
      calls.map((c) => `${c.service} ${c.operation} ${c.outcome}`),
      ['SageMaker DescribeEndpoint ok', 'SageMaker DescribeEndpointConfig ok', 'CloudWatch GetMetricData ok'],
    );
    const invocations = replay.load!.columns.find((c) => c.name === 'invocations')!;
    assert.equal(invocations.intervalMs, MINUTE);
    assert.equal(invocations.times[0], rows[0]!.at, 'the load starts at the first datapoint');
    assert.equal(invocations.times.length, 180, 'every minute of the three hours, the gap included');
    assert.equal(invocations.values[0], 200);
    assert.equal(invocations.values[90], 1500);
    assert.deepEqual([invocations.values[100], invocations.values[101]], [0, 0]);
    assert.match(replay.warnings.join('\n'), /\(invocations\) has 2 periods without a datapoint: read as no traffic/);
  });

  it('follows NextToken page by page: two pages of GetMetricData make one load (moto answers in one, so a proxy serves them)', async () => {
    // moto_server never paginates GetMetricData: the proxy answers the two calls with pages
    // as CloudWatch would (the first PartialData with a NextToken), and passes the rest to moto.
    const proxy = await startFaultProxy(moto.endpoint);
    const paged = await testClients(proxy.endpoint, REGION);
    try {
      const end = Math.floor(now / MINUTE) * MINUTE;
      const minutes = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => (end - (120 - from - i) * MINUTE) / 1000);
      const page = (times: number[], value: number, next?: string) => ({
        MetricDataResults: [
          {
            Id: 'invocations',
            Label: 'Invocations',
            Timestamps: times,
            Values: times.map(() => value),
            StatusCode: next ? 'PartialData' : 'Complete',
          },
        ],
        Messages: [],
        ...(next ? { NextToken: next } : {}),
      });
      proxy.add({ operation: 'GetMetricData', fault: { kind: 'canned', body: page(minutes(0, 60), 300, 'page-2') } });
      proxy.add({ operation: 'GetMetricData', fault: { kind: 'canned', body: page(minutes(60, 120), 900) } });
      const target = desiredFromText(JSON.stringify(FILE))!.targets[0]!;
      const replay = await fetchCloudWatchLoad(paged, target, 1, new Date(now));
      assert.deepEqual(replay.problems, []);
      assert.equal(replay.pages, 2);
      assert.deepEqual(
        proxy.seen.filter((s) => s.operation === 'GetMetricData').map((s) => s.outcome),
        ['canned', 'canned'],
      );
      const invocations = replay.load!.columns.find((c) => c.name === 'invocations')!;
      assert.equal(invocations.values.length, 120, 'both pages, in order');
      assert.deepEqual(
        [invocations.values[0], invocations.values[59], invocations.values[60], invocations.values[119]],
        [300, 300, 900, 900],
      );
      assert.doesNotMatch(replay.warnings.join('\n'), /PartialData/, 'the last page is Complete');
    } finally {
      paged.destroy();
      await proxy.close();
    }
  });

  it('an endpoint that does not exist is named, with the one meant', async () => {
    const target = desiredFromText(JSON.stringify(FILE).replace('endpoint/shop/', 'endpoint/shopp/'))!.targets[0]!;
    await assert.rejects(
      fetchCloudWatchLoad(clients, target, 1, new Date(now)),
      (error: unknown) =>
        error instanceof ReplayTargetError &&
        error.message === 'no endpoint named shopp in us-east-1: did you mean shop?',
    );
  });

  it('simulate --from-cloudwatch runs the history through the file, as --load does with the same data exported', async () => {
    const aws = ['--endpoint-url', moto.endpoint];
    const replay = await run(['shop.scaling.json', '--from-cloudwatch', '1', '--format', 'json', ...aws], TEST_KEYS);
    assert.equal(replay.code, 0, replay.stderr);
    assert.match(replay.stderr, /CloudWatch: .*\(invocations\) has 2 periods without a datapoint/);
    const simulated = JSON.parse(replay.stdout) as {
      start: string;
      series: { load: { invocations: number }; inService: number }[];
      events: { kind: string; reason: string }[];
      summary: { scaleOuts: number };
    };
    assert.equal(Date.parse(simulated.start), rows[0]!.at);
    assert.equal(simulated.series.length, 180);
    assert.equal(simulated.series[95]!.load.invocations, 1500);
    assert.ok(simulated.summary.scaleOuts >= 1, 'the step to 1,500 a minute scales out');
    assert.equal(Math.max(...simulated.series.map((s) => s.inService)), 4, 'ceil(1500 / 400)');

    // The same minutes exported by boto3 as get-metric-data JSON give the same run (whole
    // minutes, as CloudWatch aligns periods; moto_server starts them where StartTime says).
    const end = Math.floor(now / MINUTE) * MINUTE;
    const exported = spawnSync(
      'python3',
      [
        '-c',
        EXPORT_METRICS,
        moto.endpoint,
        REGION,
        new Date(end - 86_400_000).toISOString(),
        new Date(end).toISOString(),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(exported.status, 0, exported.stderr);
    writeFileSync(join(dir, 'export.json'), exported.stdout);
    const fromFile = await run(['shop.scaling.json', '--load', 'export.json', '--format', 'json']);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const a = JSON.parse(fromFile.stdout) as typeof simulated;
    assert.deepEqual(a.summary, simulated.summary);
    assert.deepEqual(a.events, simulated.events);
  });

  it('bad replays exit 2 with the fix: beyond retention, no such endpoint, no credentials, no data', async () => {
    const aws = ['--endpoint-url', moto.endpoint];
    const beyond = await run(['shop.scaling.json', '--from-cloudwatch', '16', ...aws], TEST_KEYS);
    assert.equal(beyond.code, 2);
    assert.match(beyond.stderr, /--from-cloudwatch 16: CloudWatch keeps 1-minute datapoints for 15 days/);

    writeFileSync(join(dir, 'other.scaling.json'), JSON.stringify(FILE).replace('endpoint/shop/', 'endpoint/shopp/'));
    const missing = await run(['other.scaling.json', '--from-cloudwatch', '1', ...aws], TEST_KEYS);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no endpoint named shopp in us-east-1: did you mean shop\?/);

    const anonymous = await run(['shop.scaling.json', '--from-cloudwatch', '1', ...aws]);
    assert.equal(anonymous.code, 2);
    assert.match(anonymous.stderr, /credentials/i);
    assert.doesNotMatch(anonymous.stderr, /\n\s+at /, 'no stack trace');

    // An endpoint with no traffic: nothing to replay, said with the endpoint and the window.
    await seedEndpoint(clients, 'quiet');
    writeFileSync(join(dir, 'quiet.scaling.json'), JSON.stringify(FILE).replace('endpoint/shop/', 'endpoint/quiet/'));
    const quiet = await run(['quiet.scaling.json', '--from-cloudwatch', '1', ...aws], TEST_KEYS);
    assert.equal(quiet.code, 2);
    assert.match(
      quiet.stderr,
      /CloudWatch has no Invocations datapoints for endpoint quiet, variant AllTraffic from .* in us-east-1/,
    );
  });
});
