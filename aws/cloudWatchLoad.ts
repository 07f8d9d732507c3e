import { paginateGetMetricData, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { parseSageMakerResourceId } from '../core/facts/sagemaker';
import type { TargetState } from '../core/plan/liveState';
import { replayLoad, replayQueries, replayWindow, type LoadParse, type ReplaySeries } from '../core/simulate';
import { describeEndpoint, inferenceComponentExists, listEndpoints, noEndpointMessage } from './endpoints';
import type { AwsClients } from './session';

// Replay from CloudWatch, the I/O half: the endpoint must exist (CloudWatch answers an
// unknown one with no data, which would read as "no traffic"), then one GetMetricData
// request for every metric the target needs, paginated by the SDK's paginator, at a
// 60-second period. core/simulate/replay.ts says what is asked and turns the answers into
// a load.
//
// GetMetricData: up to 500 queries and 100,800 datapoints per call, NextToken for more
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html).

/** A replay that cannot start: the endpoint is not there (the message names those that are). */
export class ReplayTargetError extends Error {}

export interface CloudWatchLoad extends LoadParse {
  /** The window asked for, epoch ms. */
  startMs: number;
  endMs: number;
  /** The GetMetricData calls made (pages). */
  pages: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/:00\.000Z$/, 'Z');
}

/** Why the endpoint is not there, with the names of the region's endpoints. */
async function noEndpoint(clients: AwsClients, name: string, signal?: AbortSignal): Promise<string> {
  const names = (await listEndpoints(clients, signal ? { signal } : {})).map((e) => e.EndpointName);
  return noEndpointMessage(name, clients.settings.region, names);
}

/** Checks the target's endpoint (or inference component) exists; throws ReplayTargetError when it does not. */
async function checkExists(clients: AwsClients, target: TargetState, signal?: AbortSignal): Promise<void> {
  const resource = parseSageMakerResourceId(target.ResourceId);
  if (resource?.kind === 'variant') {
    let details;
    try {
      details = await describeEndpoint(clients, resource.endpointName, signal);
    } catch (error) {
      if ((error as Error).name === 'EndpointNotFoundError')
        throw new ReplayTargetError(await noEndpoint(clients, resource.endpointName, signal));
      throw error;
    }
    if (!details.variants.some((v) => v.VariantName === resource.variantName))
      throw new ReplayTargetError(
        `endpoint ${resource.endpointName} in ${clients.settings.region} has no variant ${resource.variantName}; its variants: ${details.variants.map((v) => v.VariantName).join(', ') || 'none'}`,
      );
  } else if (resource?.kind === 'inference-component') {
    if ((await inferenceComponentExists(clients, resource.name, signal)) === false)
      throw new ReplayTargetError(
        `no inference component named ${resource.name} in ${clients.settings.region}: check the name and the region`,
      );
  }
}

/** The target's last `days` of CloudWatch data as a load (problems when there is none to simulate). */
export async function fetchCloudWatchLoad(
  clients: AwsClients,
  target: TargetState,
  days: number,
  now: Date,
  signal?: AbortSignal,
): Promise<CloudWatchLoad> {
  const request = replayQueries(target);
  const { startMs, endMs } = replayWindow(now, days);
  if ('problem' in request) return { problems: [request.problem], warnings: [], startMs, endMs, pages: 0 };
  await checkExists(clients, target, signal);

  const queries: MetricDataQuery[] = request.queries.map((q) => ({
    Id: q.id,
    MetricStat: {
      Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: q.dimensions },
      Period: 60,
      Stat: q.stat,
    },
    ReturnData: true,
  }));
  const answers = new Map<string, ReplaySeries>(
    request.queries.map((q) => [q.id, { id: q.id, timestamps: [], values: [] }]),
  );
  let pages = 0;
  const paginator = paginateGetMetricData(
    { client: clients.cloudWatch, stopOnSameToken: true },
    {
      MetricDataQueries: queries,
      StartTime: new Date(startMs),
      EndTime: new Date(endMs),
      ScanBy: 'TimestampAscending',
    },
    { abortSignal: signal },
  );
  for await (const page of paginator) {
    pages++;
    for (const result of page.MetricDataResults ?? []) {
      const answer = result.Id ? answers.get(result.Id) : undefined;
      if (!answer) continue;
      const times = result.Timestamps ?? [];
      const values = result.Values ?? [];
      for (let i = 0; i < times.length && i < values.length; i++) {
        answer.timestamps.push(times[i]!.getTime());
        answer.values.push(values[i]!);
      }
      if (result.StatusCode) answer.status = result.StatusCode;
    }
  }
  const where = `from ${iso(startMs)} to ${iso(endMs)} in ${clients.settings.region}`;
  return { ...replayLoad(request, [...answers.values()], where), startMs, endMs, pages };
}
