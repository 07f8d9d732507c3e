// Replay from CloudWatch, the pure half: which metrics to ask GetMetricData for, over which
// window, and how the answers become a load. aws/cloudWatchLoad.ts makes the calls.
//
// - Demand is the variant's (or inference component's) `Invocations`, Sum per minute:
//   total requests already, used as it is.
// - A policy on concurrency needs total requests in flight, but CloudWatch has them per
//   instance (ConcurrentRequestsPerModel) or per copy: replayed as-is against a fleet of
//   another size they would be wrong. They are multiplied back by the instance count of
//   each minute, taken as Invocations ÷ InvocationsPerInstance (the count CloudWatch itself
//   divided by).
// - Any other metric a policy or alarm names (CPUUtilization, a backlog, …) is fed as-is,
//   with the alarm's or customized metric's own namespace, dimensions and statistic.
// - Periods without a datapoint stay gaps: a missing datapoint for a metric; for demand,
//   a minute the endpoint reported nothing (the load reader warns with the count).
//
// Retention caps the window: CloudWatch keeps 1-minute datapoints for 15 days
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html,
// "Data points with a period of 60 seconds (1-minute) are available for 15 days").
import { parseSageMakerResourceId } from '../facts/sagemaker';
import { policyAlarms } from '../plan/alarmActions';
import type { TargetState } from '../plan/liveState';
import { parseMetricData, type LoadParse } from './load';
import { isoTime } from './duration';
import { requiredColumns } from './requirements';
import { CONCURRENCY, INVOCATIONS, MINUTE_MS } from './types';

/** The most days of 1-minute datapoints CloudWatch keeps. */
export const REPLAY_RETENTION_DAYS = 15;
const DAY_MS = 86_400_000;

/** One GetMetricData query, in the API's terms (MetricStat with a 60-second period). */
export interface ReplayQuery {
  /** GetMetricData's Id: lowercase letters, digits and _, starting with a letter. */
  id: string;
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  /** Sum, Average, Maximum, p99, … */
  stat: string;
  /** The load column it becomes (before concurrency is made total). */
  column: string;
}

/** What one query answered, all pages together. */
export interface ReplaySeries {
  id: string;
  timestamps: number[];
  values: number[];
  /** GetMetricData's StatusCode of the last page. */
  status?: string;
}

/** What a replay reads for a target. */
export interface ReplayRequest {
  /** The endpoint to check exists first (undefined for an inference component). */
  endpointName?: string;
  /** What the replay is of, for messages: "endpoint shop, variant AllTraffic". */
  resource: string;
  queries: ReplayQuery[];
}

/** Reads the number of days to replay; `problem` explains the limit. */
export function parseReplayDays(text: string, label = '--from-cloudwatch'): { days: number } | { problem: string } {
  const trimmed = text.trim();
  const days = Number(trimmed);
  if (trimmed === '' || !/^\d+(\.\d+)?$/.test(trimmed) || !Number.isFinite(days) || days <= 0)
    return {
      problem: `${label} takes a number of days from 1 to ${REPLAY_RETENTION_DAYS} (fractions such as 0.5 allowed), not "${text}"`,
    };
  if (days > REPLAY_RETENTION_DAYS)
    return {
      problem: `${label} ${trimmed}: CloudWatch keeps 1-minute datapoints for ${REPLAY_RETENTION_DAYS} days, so at most ${REPLAY_RETENTION_DAYS} days can be replayed minute by minute; ask for ${REPLAY_RETENTION_DAYS} or fewer (or export coarser data with aws cloudwatch get-metric-data and pass it with --load)`,
    };
  return { days };
}

/** The last `days` up to the last whole minute before `now` (the current minute is still being filled). */
export function replayWindow(now: Date, days: number): { startMs: number; endMs: number } {
  const endMs = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  return { startMs: endMs - Math.round((days * DAY_MS) / MINUTE_MS) * MINUTE_MS, endMs };
}

function dimensionsOf(value: unknown): { Name: string; Value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (d): d is { Name: string; Value: string } =>
      typeof d === 'object' && d !== null && typeof d.Name === 'string' && typeof d.Value === 'string',
  );
}

/** The queries for a target: Invocations always, the per-instance pair for concurrency, and each other metric its policies read. */
export function replayQueries(target: TargetState): ReplayRequest | { problem: string } {
  const resource = parseSageMakerResourceId(target.ResourceId);
  if (target.ServiceNamespace !== 'sagemaker' || !resource)
    return { problem: `${target.ResourceId} is not a SageMaker variant or inference component: nothing to replay` };
  const own =
    resource.kind === 'variant'
      ? [
          { Name: 'EndpointName', Value: resource.endpointName },
          { Name: 'VariantName', Value: resource.variantName },
        ]
      : [{ Name: 'InferenceComponentName', Value: resource.name }];
  const sagemaker = (id: string, metricName: string, stat: string, column: string): ReplayQuery => ({
    id,
    namespace: 'AWS/SageMaker',
    metricName,
    dimensions: own,
    stat,
    column,
  });
  const perCapacity = resource.kind === 'variant' ? 'InvocationsPerInstance' : 'InvocationsPerCopy';
  const concurrencyMetric = resource.kind === 'variant' ? 'ConcurrentRequestsPerModel' : 'ConcurrentRequestsPerCopy';
  const queries: ReplayQuery[] = [sagemaker('invocations', 'Invocations', 'Sum', INVOCATIONS)];
  const needed = requiredColumns(target);
  if (needed.has(CONCURRENCY))
    queries.push(
      sagemaker('per_capacity', perCapacity, 'Sum', perCapacity),
      sagemaker('concurrency_per_capacity', concurrencyMetric, 'Average', concurrencyMetric),
    );
  // Open-loop metrics: the first policy or alarm that names each says where it lives (any
  // alarm of a step policy: each of its CloudWatchAlarms is simulated on its own metric).
  const open = [...needed].filter((c) => c !== INVOCATIONS && c !== CONCURRENCY);
  for (const name of open) {
    for (const policy of target.ScalingPolicies) {
      const custom = policy.TargetTrackingScalingPolicyConfiguration?.CustomizedMetricSpecification as
        Record<string, unknown> | undefined;
      const alarm = policyAlarms(policy).find((a) => a.MetricName === name);
      const source =
        custom?.MetricName === name
          ? { namespace: custom.Namespace, dimensions: custom.Dimensions, stat: custom.Statistic }
          : alarm?.MetricName === name
            ? {
                namespace: alarm.Namespace,
                dimensions: alarm.Dimensions,
                stat: alarm.ExtendedStatistic ?? alarm.Statistic,
              }
            : undefined;
      if (!source) continue;
      queries.push({
        id: `metric_${queries.length}`,
        namespace: typeof source.namespace === 'string' ? source.namespace : 'AWS/SageMaker',
        metricName: name,
        dimensions: dimensionsOf(source.dimensions),
        stat: typeof source.stat === 'string' ? source.stat : 'Average',
        column: name,
      });
      break;
    }
  }
  return {
    ...(resource.kind === 'variant' ? { endpointName: resource.endpointName } : {}),
    resource:
      resource.kind === 'variant'
        ? `endpoint ${resource.endpointName}, variant ${resource.variantName}`
        : `inference component ${resource.name}`,
    queries,
  };
}

/**
 * The answers as a load, read by the same code as an exported get-metric-data file (so a
 * replay and `--load` of the same data simulate alike). `where` names the window and
 * region for messages.
 */
export function replayLoad(request: ReplayRequest, answers: readonly ReplaySeries[], where: string): LoadParse {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const invocations = byId.get('invocations');
  if (!invocations || invocations.timestamps.length === 0)
    return {
      problems: [
        `CloudWatch has no Invocations datapoints for ${request.resource} ${where}: check the region and the name, or pick days when the endpoint had traffic`,
      ],
      warnings: [],
    };
  const results: { Id: string; Label: string; Timestamps: string[]; Values: number[]; StatusCode: string }[] = [];
  const warnings: string[] = [];
  for (const query of request.queries) {
    const answer = byId.get(query.id);
    if (!answer) continue;
    if (answer.status === 'PartialData')
      warnings.push(`CloudWatch answered ${query.metricName} only in part (PartialData): the rest is missing data`);
    if (query.id === 'per_capacity') continue;
    if (query.id === 'concurrency_per_capacity') {
      const total = totalConcurrency(invocations, byId.get('per_capacity'), answer);
      if (typeof total === 'string') return { problems: [total], warnings };
      results.push({ Id: 'concurrency', Label: CONCURRENCY, ...total, StatusCode: 'Complete' });
      continue;
    }
    if (answer.timestamps.length === 0) {
      warnings.push(`CloudWatch has no ${query.metricName} datapoints ${where}: its alarms see missing data`);
      continue;
    }
    results.push({
      Id: query.id,
      Label: query.column,
      Timestamps: answer.timestamps.map(isoTime),
      Values: answer.values,
      StatusCode: 'Complete',
    });
  }
  const parsed = parseMetricData({ MetricDataResults: results });
  return { ...parsed, warnings: [...warnings, ...parsed.warnings] };
}

/**
 * Total requests in flight per minute: the per-instance mean × the instance count of that
 * minute (Invocations ÷ InvocationsPerInstance, rounded), the last count known carried
 * over minutes without traffic.
 */
function totalConcurrency(
  invocations: ReplaySeries,
  perCapacity: ReplaySeries | undefined,
  concurrency: ReplaySeries,
): { Timestamps: string[]; Values: number[] } | string {
  const counts: [number, number][] = [];
  const ipi = new Map<number, number>();
  perCapacity?.timestamps.forEach((t, i) => ipi.set(t, perCapacity.values[i]!));
  invocations.timestamps.forEach((t, i) => {
    const per = ipi.get(t);
    const total = invocations.values[i]!;
    if (per !== undefined && per > 0 && total > 0) counts.push([t, Math.max(1, Math.round(total / per))]);
  });
  counts.sort((a, b) => a[0] - b[0]);
  const order = concurrency.timestamps.map((t, i) => [t, concurrency.values[i]!] as const).sort((a, b) => a[0] - b[0]);
  if (counts.length === 0 && order.some(([, v]) => v > 0))
    return 'CloudWatch has requests in flight but no minute with both Invocations and InvocationsPerInstance, so the instance count (needed to turn the per-instance concurrency back into total demand) is unknown: replay days with traffic, or export the data with an instances column and pass it with --load';
  const Timestamps: string[] = [];
  const Values: number[] = [];
  let j = 0;
  for (const [t, v] of order) {
    while (j + 1 < counts.length && counts[j + 1]![0] <= t) j++;
    Timestamps.push(isoTime(t));
    Values.push(Math.round(v * (counts[j]?.[1] ?? 1) * 1000) / 1000);
  }
  return { Timestamps, Values };
}
