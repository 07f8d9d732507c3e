import { E2E_REGION } from '../aws/e2eMoto';
import { putVariantMetrics } from '../aws/moto';
import { run } from './helpers';

const MINUTE = 60_000;

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
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  const points = Array.from({ length: 180 }, (_, i) => ({
    metric: 'Invocations',
    at: end - (i + 1) * MINUTE,
    value: value(i + 1),
  }));
  putVariantMetrics(endpoint, E2E_REGION, endpointName, points);
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
