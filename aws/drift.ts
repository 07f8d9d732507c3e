import type { WorkspaceScalingFile } from '../core/plan/drift';
import { keyText, type LiveState, type TargetKey } from '../core/plan/liveState';
import { fetchLiveState } from './fetchLive';
import { listScalableTargets } from './liveReads';
import type { AwsClients } from './session';

// One read of drift for the Auto Scaling view: every SageMaker scalable target of the
// region, and the live state of those and of every target the workspace's files name, with
// the batched reads (aws/liveReads.ts): calls by pages, whatever the number of targets.

/** What drift is computed from (core/plan/drift.ts, driftOf): every live key, and the live state of those and the files' targets. */
export interface DriftBasis {
  liveKeys: TargetKey[];
  live: LiveState;
}

/** One read for the drift of the region's SageMaker targets and of the files' targets. */
export async function readDriftBasis(
  clients: AwsClients,
  files: readonly WorkspaceScalingFile[],
  signal?: AbortSignal,
): Promise<DriftBasis> {
  const liveKeys = await listScalableTargets(clients, 'sagemaker', signal);
  const fileTargets = files.flatMap((f) => f.desired.targets);
  const named = new Set(fileTargets.map(keyText));
  const live = await fetchLiveState(clients, [...fileTargets, ...liveKeys.filter((k) => !named.has(keyText(k)))], {
    signal,
  });
  return { liveKeys, live };
}
