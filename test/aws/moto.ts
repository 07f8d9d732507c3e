import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import {
  DescribeScalableTargetsCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  type AsyncInferenceConfig,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import {
  createClients,
  staticCredentials,
  type AwsClients,
  type CallRecord,
  type RetryOptions,
} from '../../aws/session';
import { variantKey } from './scalingFiles';

// A real moto_server for the AWS tier: started on a free loopback port, warmed up, and
// stopped (its whole process group) after the suite. The SDK talks HTTP to it.

export interface Moto {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Regions for a test (or a bench run) that wants one to itself: moto keeps each region's
 * state apart. All are regions the SDK knows (bench:fleet checks with aws/regions.ts).
 */
export const MOTO_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'sa-east-1',
  'me-central-1',
  'af-south-1',
  'ap-east-1',
  'eu-south-1',
  'il-central-1',
  'ap-northeast-3',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-south-2',
  'eu-central-2',
  'eu-south-2',
  'me-south-1',
  'ca-west-1',
  'mx-central-1',
  'ap-southeast-5',
  'ap-southeast-7',
  'us-gov-west-1',
  'us-gov-east-1',
];

/** Retries that keep a suite fast: the same strategy, tiny delays. */
export const FAST_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 2, throttlingBaseDelayMs: 5, maxDelayMs: 50 };

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/** Whether moto_server is on PATH (the tier needs it; CI installs it). */
export function motoAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
}

/** Starts moto_server, waits until it answers an Application Auto Scaling call, and returns it. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 500); // moto keeps nothing worth a graceful shutdown
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not listen on ${port} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const endpoint = `http://127.0.0.1:${port}`;
  // The first Application Auto Scaling call loads moto's backend (about a second): pay it here.
  const clients = await testClients(endpoint, 'us-east-1');
  try {
    await clients.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
  } finally {
    clients.destroy();
  }
  return { endpoint, port, stop };
}

/** What `promise` rejected with, for assertions on the error; undefined when it resolved. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Session clients against an endpoint with test credentials and fast retries; every call is pushed to `calls`. */
export function testClients(
  endpoint: string,
  region: string,
  calls?: CallRecord[],
  retry: RetryOptions = FAST_RETRY,
): Promise<AwsClients> {
  return createClients(
    { region, endpointUrl: endpoint },
    {
      credentials: staticCredentials('testing', 'testing'),
      retry,
      ...(calls ? { log: (_line: string, record: CallRecord) => calls.push(record) } : {}),
    },
  );
}

/** Creates a model, an endpoint configuration and an InService endpoint (moto makes it InService at once). */
export async function seedEndpoint(
  clients: AwsClients,
  name: string,
  variants: Partial<ProductionVariant>[] = [{}],
  config: { AsyncInferenceConfig?: AsyncInferenceConfig } = {},
): Promise<void> {
  const model = `${name}-model`;
  await clients.sageMaker.send(
    new CreateModelCommand({
      ModelName: model,
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/sagemaker-test',
      PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/model:latest' },
    }),
  );
  await clients.sageMaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${name}-config`,
      ProductionVariants: variants.map(
        (v, i) =>
          ({
            VariantName: i === 0 ? 'AllTraffic' : `Variant${i + 1}`,
            ModelName: model,
            ...(v.ServerlessConfig ? {} : { InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }),
            ...v,
          }) as ProductionVariant,
      ),
      ...config,
    }),
  );
  await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-config` }));
}

/**
 * An endpoint whose variant is registered (MinCapacity 1, MaxCapacity 4) with a scheduled
 * action someone added by hand and no file lists: `weekday-cap` sets MaxCapacity 4 at 08:00
 * Berlin time on weekdays. A file that raises MaxCapacity and keeps it (no prune) is undone
 * by it every weekday: sched.live-undoes-target.
 */
export async function seedWeekdayCap(clients: AwsClients, endpoint: string): Promise<void> {
  await seedEndpoint(clients, endpoint);
  const key = variantKey(endpoint);
  await clients.autoScaling.send(new RegisterScalableTargetCommand({ ...key, MinCapacity: 1, MaxCapacity: 4 }));
  await clients.autoScaling.send(
    new PutScheduledActionCommand({
      ...key,
      ScheduledActionName: 'weekday-cap',
      Schedule: 'cron(0 8 ? * MON-FRI *)',
      Timezone: 'Europe/Berlin',
      ScalableTargetAction: { MaxCapacity: 4 },
    }),
  );
}

const BOTO3_DESCRIBE = `
import boto3, json, sys
endpoint, region, namespace, resource_id, dimension = sys.argv[1:6]
alarm_names = sys.argv[6:]
kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing')
aas = boto3.client('application-autoscaling', **kw)
cw = boto3.client('cloudwatch', **kw)
same = lambda o: o['ResourceId'] == resource_id and o['ScalableDimension'] == dimension
out = {
  'targets': [t for t in aas.describe_scalable_targets(ServiceNamespace=namespace, ResourceIds=[resource_id])['ScalableTargets'] if same(t)],
  'policies': [p for p in aas.describe_scaling_policies(ServiceNamespace=namespace, ResourceId=resource_id, ScalableDimension=dimension)['ScalingPolicies'] if same(p)],
  'actions': [a for a in aas.describe_scheduled_actions(ServiceNamespace=namespace, ResourceId=resource_id, ScalableDimension=dimension)['ScheduledActions'] if same(a)],
  'alarms': cw.describe_alarms(AlarmNames=alarm_names)['MetricAlarms'] if alarm_names else [],
}
print(json.dumps(out, default=lambda o: o.isoformat()))
`;

const BOTO3_PUT_METRICS = `
import boto3, datetime, json, sys
from botocore.config import Config
endpoint, region, endpoint_name = sys.argv[1:4]
points = json.loads(sys.stdin.read())
# boto3 gzips large PutMetricData bodies, which moto_server cannot read: send them plain.
cw = boto3.client('cloudwatch', endpoint_url=endpoint, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(disable_request_compression=True))
dims = [{'Name': 'EndpointName', 'Value': endpoint_name}, {'Name': 'VariantName', 'Value': 'AllTraffic'}]
at = lambda ms: datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
data = [dict({'MetricName': p['metric'], 'Dimensions': dims, 'Timestamp': at(p['at']), 'Value': float(p['value'])}, **({'Unit': p['unit']} if 'unit' in p else {})) for p in points]
for i in range(0, len(data), 500): cw.put_metric_data(Namespace='AWS/SageMaker', MetricData=data[i:i + 500])
`;

/** One AWS/SageMaker datapoint of a variant: `at` in epoch milliseconds. */
export interface VariantMetricPoint {
  metric: string;
  at: number;
  value: number;
  unit?: string;
}

/** Puts datapoints of an endpoint's AllTraffic variant into moto_server with boto3 (PutMetricData), in order. */
export function putVariantMetrics(
  endpoint: string,
  region: string,
  endpointName: string,
  points: VariantMetricPoint[],
) {
  const put = spawnSync('python3', ['-c', BOTO3_PUT_METRICS, endpoint, region, endpointName], {
    input: JSON.stringify(points),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(put.status, 0, put.stderr);
}

/** What an independent client (boto3, not our code) reads back for one target. */
export interface Boto3View {
  targets: Record<string, unknown>[];
  policies: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  alarms: Record<string, unknown>[];
}

/** Describes one target with boto3 in a python3 child process. */
export function describeWithBoto3(
  endpoint: string,
  region: string,
  key: { ServiceNamespace: string; ResourceId: string; ScalableDimension: string },
  alarmNames: string[] = [],
): Boto3View {
  const result = spawnSync(
    'python3',
    [
      '-c',
      BOTO3_DESCRIBE,
      endpoint,
      region,
      key.ServiceNamespace,
      key.ResourceId,
      key.ScalableDimension,
      ...alarmNames,
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (result.status !== 0) throw new Error(`boto3 describe failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Boto3View;
}
