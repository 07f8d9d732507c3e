import { keyText, type DesiredState, type LiveState, type TargetKey } from './liveState';
import { planChanges } from './plan';

// Drift at a glance: each live target against the workspace's scaling files, as the Auto
// Scaling view marks it. A target is in sync (the file's plan is empty), drifted (the plan
// has changes, or live objects the file does not list), not in any file, or in a file but
// missing live. Pure: the editor reads the files and AWS, this compares.

export type TargetDrift =
  | { status: 'inSync'; file: string }
  | { status: 'drifted'; file: string; differences: number }
  | { status: 'untracked' }
  | { status: 'missing'; file: string };

export type DriftStatus = TargetDrift['status'];

/** A scaling file of the workspace, read. */
export interface WorkspaceScalingFile {
  /** Its URI or path, as the caller names files. */
  file: string;
  desired: DesiredState;
}

/**
 * The drift of every target the files name or AWS has (by keyText). `liveKeys` are every
 * target AWS has in the region; `live` the live state of those and of the files' targets.
 * A target two files name counts for the first.
 */
export function driftOf(
  files: readonly WorkspaceScalingFile[],
  live: LiveState,
  liveKeys: readonly TargetKey[],
): Map<string, TargetDrift> {
  const drift = new Map<string, TargetDrift>();
  const liveByKey = new Map(live.targets.map((t) => [keyText(t), t]));
  for (const { file, desired } of files) {
    for (const target of desired.targets) {
      const key = keyText(target);
      if (drift.has(key)) continue;
      const found = liveByKey.get(key);
      if (!found) {
        drift.set(key, { status: 'missing', file });
        continue;
      }
      const plan = planChanges({ targets: [target] }, { ...live, targets: [found] }, { prune: false });
      const differences = plan.changes.length + plan.unmanaged.length;
      drift.set(key, differences === 0 ? { status: 'inSync', file } : { status: 'drifted', file, differences });
    }
  }
  for (const key of liveKeys) if (!drift.has(keyText(key))) drift.set(keyText(key), { status: 'untracked' });
  return drift;
}

/** Several targets' drift as one mark (a variant's two dimensions, an endpoint's variants). */
export interface DriftSummary {
  status: DriftStatus;
  /** Differences over the drifted targets. */
  differences: number;
  /** The files that name the targets, in order. */
  files: string[];
  /** Targets counted. */
  targets: number;
}

// The mark that matters most wins: a difference to apply, then a file AWS lacks, then
// something no file holds.
const ORDER: readonly DriftStatus[] = ['drifted', 'missing', 'untracked', 'inSync'];

export function summarizeDrift(drifts: readonly TargetDrift[]): DriftSummary | undefined {
  if (drifts.length === 0) return undefined;
  const status = ORDER.find((s) => drifts.some((d) => d.status === s))!;
  const files = [...new Set(drifts.flatMap((d) => ('file' in d ? [d.file] : [])))];
  const differences = drifts.reduce((sum, d) => sum + (d.status === 'drifted' ? d.differences : 0), 0);
  return { status, differences, files, targets: drifts.length };
}

/** The mark in words: "in sync", "drifted: 3 differences", "not in a file", "in a file, missing live". */
export function driftWords(summary: DriftSummary): string {
  switch (summary.status) {
    case 'inSync':
      return 'in sync';
    case 'drifted':
      return `drifted: ${summary.differences} difference${summary.differences === 1 ? '' : 's'}`;
    case 'untracked':
      return 'not in a file';
    case 'missing':
      return 'in a file, missing live';
  }
}
