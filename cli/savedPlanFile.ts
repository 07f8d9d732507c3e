import { version } from '../package.json';
import { accountOf } from '../aws/identity';
import { sealSavedPlan, snapshotTargets, type SavedPlan, type SavedPlanFile } from '../core/plan/savedPlan';
import { sha256 } from './hash';
import type { PreparedPlans } from './plan';

// The saved plan on disk: hashes (SHA-256, Node's crypto) and the account of each session;
// plan writes it with cli/atomicWrite.ts, so a plan file is whole or absent.

/** The saved plan of prepared files: their changes and the live state of every target they touch. */
export async function savedPlanOf(prepared: PreparedPlans, prune: boolean, now: Date): Promise<SavedPlan> {
  const files: SavedPlanFile[] = [];
  for (const f of prepared.files) {
    files.push({
      file: f.file,
      sha256: sha256(f.text),
      region: f.clients.settings.region,
      account: await accountOf(f.clients),
      prune,
      changes: f.plan.changes,
      unmanaged: f.plan.unmanaged,
      touched: snapshotTargets(f.plan, f.live, sha256),
    });
  }
  return sealSavedPlan({ createdAt: now.toISOString(), toolVersion: version, files }, sha256);
}
