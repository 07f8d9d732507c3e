import * as vscode from 'vscode';
import { applyPlan, renderApplyResult, type ApplyResult } from '../aws/apply';
import { fetchCallerIdentity } from '../aws/identity';
import { summarizeForConfirmation } from '../core/plan/planSummary';
import { fetchLiveState } from '../aws/fetchLive';
import type { AwsClients } from '../aws/session';
import { keyText, type DesiredState, type LiveState } from '../core/plan/liveState';
import type { Plan } from '../core/plan/planTypes';
import { driftSince, snapshotTargets, touchedTargets, type Drift } from '../core/plan/savedPlan';
import { notifyWithLogs } from './commands';
import {
  fileName,
  keptNote,
  preparePlan,
  refreshPlanDiff,
  showPlanDiff,
  showPlanText,
  targetFile,
  type PlanDeps,
} from './plan';
import { confirm } from './prompts';

// Apply to AWS: the file as saved, checked (its errors and the live checks block), planned,
// shown as a diff, confirmed in a modal that names the account, the region and the number
// of changes, then sent under a cancellable progress notification. Afterwards the log says
// exactly what was applied and what not, and the tree is refreshed.

/** The result of Apply to AWS, for callers and tests. */
export interface ApplyOutcome {
  status: 'refused' | 'cancelled' | 'declined' | 'noChanges' | 'applied' | 'failed';
  message: string;
  /** Changes in the plan. */
  changes?: number;
  /** Changes AWS accepted. */
  applied?: number;
  account?: string;
  region?: string;
}

/** The button of a confirmation too short for its plan: opens the whole plan, then asks again. */
const SHOW_ALL = 'Show All in the Plan';

/** The targets of a plan whose live state is no longer what the plan was computed from. */
async function driftSinceShown(
  clients: AwsClients,
  plan: Plan,
  desired: DesiredState,
  shown: LiveState,
): Promise<Drift[]> {
  // In memory the states' text compares as well as a hash of it would.
  const same = (text: string) => text;
  const touched = new Set(touchedTargets(plan).map(keyText));
  // Read as the plan read them (the file's targets), so the same alarms are found.
  const now = await fetchLiveState(
    clients,
    desired.targets.filter((t) => touched.has(keyText(t))),
  );
  return driftSince(snapshotTargets(plan, shown, same), now, same);
}

/** Refuses in an untrusted workspace: a cloned repository must not be applied by opening it. */
export function refuseUntrusted(what: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window
    .showErrorMessage(
      `${what} is disabled in an untrusted workspace: trust this workspace first.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return true;
}

/** sagemakerScaling.applyFile. `afterApply` runs when something may have changed on AWS (the tree refreshes). */
export async function applyFile(deps: PlanDeps, arg: unknown, afterApply: () => void): Promise<ApplyOutcome> {
  const verb = 'Apply to AWS';
  if (refuseUntrusted(verb)) return { status: 'refused', message: 'untrusted workspace' };
  const uri = targetFile(arg);
  if (!uri) {
    const message = `${verb}: open a *.scaling.json file, or right-click one in the Explorer.`;
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }
  const name = fileName(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) {
    const choice = await confirm(
      `${name} has unsaved changes.`,
      'Apply sends the file as saved. Save it first?',
      'Save and Apply',
    );
    if (choice !== 'Save and Apply') return { status: 'declined', message: 'not saved' };
    if (!(await document.save())) {
      const message = `${verb}: ${name} could not be saved.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'refused', message };
    }
  }

  const prepared = await preparePlan(deps, document, verb);
  if ('status' in prepared) return prepared;
  const { plan, region, lease } = prepared;
  const clients = lease.clients;
  try {
    if (plan.changes.length === 0) {
      const message = `No changes: AWS matches the file.${keptNote(plan)}`;
      void vscode.window.showInformationMessage(message);
      return { status: 'noChanges', message, changes: 0, region };
    }
    await showPlanDiff(deps, prepared);
    const account = prepared.account ?? (await fetchCallerIdentity(clients)).Account;
    const n = plan.changes.length;
    const question = `Apply ${n} change${n === 1 ? '' : 's'} to account ${account} in region ${region}?`;
    const summary = summarizeForConfirmation(plan, { file: name });
    let answer: string | undefined;
    for (;;) {
      answer = summary.complete
        ? await confirm(question, summary.text, 'Apply')
        : await confirm(question, summary.text, 'Apply', SHOW_ALL);
      if (answer !== SHOW_ALL) break;
      await showPlanText(deps, prepared);
    }
    if (answer !== 'Apply') {
      deps.log.info(`Apply of ${name} to ${account} in ${region}: not confirmed`);
      return { status: 'declined', message: 'not confirmed', changes: n, account, region };
    }

    // AWS may have changed while the diff was on screen: the plan's targets are read again,
    // and nothing is written unless they are as planned (the check of apply --plan).
    const drift = await driftSinceShown(clients, plan, prepared.desired, prepared.live);
    if (drift.length > 0) {
      const what = drift.map((d) => `${d.target.ResourceId} ${d.what}`).join('; ');
      const message = `Apply to AWS refused: AWS changed since the plan was shown (${what}). Nothing was written: show the plan again.`;
      deps.log.warn(message);
      void vscode.window.showErrorMessage(message);
      return { status: 'refused', message, changes: n, account, region };
    }

    deps.log.info(`Applying ${n} change${n === 1 ? '' : 's'} of ${name} to account ${account} in ${region}`);
    let result: ApplyResult;
    try {
      result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Applying ${name} to ${account} in ${region}`,
          cancellable: true,
        },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await applyPlan(clients, plan, {
              live: prepared.live,
              signal: controller.signal,
              onProgress: ({ change, index, total, state }) => {
                if (state === 'started') progress.report({ message: `${index + 1}/${total}: ${change.summary}` });
                else if (state === 'applied') progress.report({ increment: 100 / total });
                deps.log.info(`[${index + 1}/${total}] ${state} ${change.summary}`);
              },
            });
          } finally {
            subscription.dispose();
          }
        },
      );
    } finally {
      afterApply();
    }
    await refreshPlanDiff(deps, prepared);

    const report = renderApplyResult(result);
    deps.log.info(`Apply of ${name} to ${account} in ${region}:\n${report}`);
    const applied = result.applied.length;
    const base = { changes: n, applied, account, region };
    if (result.cancelled) {
      const message = `Apply cancelled after ${applied} of ${n} changes to ${account} in ${region}. ${result.notAttempted.length} not sent; run Apply again to send what is missing.`;
      notifyWithLogs(deps.log, 'warning', message);
      return { status: 'cancelled', message, ...base };
    }
    if (result.failed) {
      const message = `Apply to AWS stopped after ${applied} of ${n} changes in ${region}: ${result.failed.change.summary} failed: ${result.failed.message} ${result.notAttempted.length} change${result.notAttempted.length === 1 ? ' was' : 's were'} not sent. Fix the cause and apply again.`;
      notifyWithLogs(deps.log, 'error', message);
      return { status: 'failed', message, ...base };
    }
    const message = `Applied ${applied} change${applied === 1 ? '' : 's'} of ${name} to account ${account} in ${region}.`;
    notifyWithLogs(deps.log, 'info', message);
    return { status: 'applied', message, ...base };
  } finally {
    lease.release();
  }
}
