import { spawnSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

// What the simulation tests share: the panel's state through its test hook, waiting for
// the webview to draw, and CloudWatch history put into moto_server by boto3.

export interface Rendered {
  run: number;
  points: number;
  series: string[];
  summary: string[];
  stale: boolean;
}
export interface ResultMessage {
  type: 'result';
  run: number;
  load: string;
  warnings: string[];
  elapsedMs: number;
  data: {
    target: string;
    times: number[];
    demand: (number | null)[];
    inService: number[];
    desired: number[];
    activities: { kind: string; reason: string }[];
    summary: { label: string; value: string }[];
    notes: string[];
  };
}
export interface Snapshot {
  target?: string;
  lastPosted?: { type: string; run?: number; title?: string; problems?: string[] };
  lastResult?: ResultMessage;
  lastRendered?: Rendered;
  visible: boolean;
}

export const snapshot = () => run<Snapshot | undefined>('sagemakerScaling.test.simulation');
export const setControls = (controls: unknown) => run<void>('sagemakerScaling.test.setSimulationControls', controls);

/** Polls the panel's state until `ready` holds (the webview answers asynchronously). */
export async function waitFor(ready: (s: Snapshot) => boolean, what: string, timeoutMs = 45_000): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: Snapshot | undefined;
  while (Date.now() < deadline) {
    last = await snapshot();
    if (last && ready(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last?.lastPosted)?.slice(0, 600)}`);
}

/** A result newer than `after`, drawn by the webview. */
export const drawnAfter = (after: number) => (s: Snapshot) =>
  s.lastPosted?.type === 'result' &&
  (s.lastResult?.run ?? 0) > after &&
  s.lastRendered?.run === s.lastResult?.run &&
  s.lastRendered?.stale === false;

/** A problem newer than `after`, shown by the webview. */
export const problemAfter = (after: number) => (s: Snapshot) =>
  s.lastPosted?.type === 'problem' && (s.lastPosted.run ?? 0) > after && s.lastRendered?.run === s.lastPosted.run;

/** Three hours of Invocations (Sum per minute) for a variant, ending at the last whole minute; `value(m)` for m minutes ago. */
export function putInvocations(endpoint: string, endpointName: string, value: (minutesAgo: number) => number): void {
  const values = Array.from({ length: 180 }, (_, i) => value(i + 1));
  const put = spawnSync(
    'python3',
    [
      '-c',
      `
import boto3, datetime, json, sys
from botocore.config import Config
# boto3 gzips large PutMetricData bodies, which moto_server cannot read: send them plain.
cw = boto3.client('cloudwatch', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(disable_request_compression=True))
dims = [{'Name': 'EndpointName', 'Value': sys.argv[2]}, {'Name': 'VariantName', 'Value': 'AllTraffic'}]
end = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
values = json.loads(sys.argv[3])
data = [{'MetricName': 'Invocations', 'Dimensions': dims, 'Timestamp': end - datetime.timedelta(minutes=i + 1), 'Value': float(v)} for i, v in enumerate(values)]
for i in range(0, len(data), 100): cw.put_metric_data(Namespace='AWS/SageMaker', MetricData=data[i:i + 100])
`,
      endpoint,
      endpointName,
      JSON.stringify(values),
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(put.status, 0, put.stderr);
}

/** A scaling file for a variant of the e2e moto_server: target tracking at 200 invocations per instance. */
export function replayFile(endpointName: string): string {
  return JSON.stringify(
    {
      Region: 'us-east-1',
      ScalableTargets: [
        {
          ServiceNamespace: 'sagemaker',
          ResourceId: `endpoint/${endpointName}/variant/AllTraffic`,
          ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          MinCapacity: 1,
          MaxCapacity: 8,
          ScalingPolicies: [
            {
              PolicyName: 'ipi',
              PolicyType: 'TargetTrackingScaling',
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 200,
                PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
              },
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}
