import * as vscode from 'vscode';
import { applyPlan, renderApplyResult } from '../aws/apply';
import { fetchCallerIdentity } from '../aws/identity';
import { targetKeyLabel } from '../core/plan/plan';
import type { Change, Plan } from '../core/plan/planTypes';
import type { AwsSession } from './aws';
import { refuseUntrusted } from './apply';
import { notifyWithLogs } from './commands';
import { confirmByName } from './prompts';
import type { PolicyNode, ScheduledActionNode } from './tree/nodes';

// Delete… on a policy or a scheduled action in the tree: a confirmation naming the object,
// the account and the region that takes the object's name typed out (nothing is deleted
// by Enter alone), then the deletion sent as a one-change plan through
// aws/apply.ts (so it is logged and reported like any apply). A step policy's alarms go
// with it, as prune removes them; target tracking's own alarms are AWS's to remove.

/** The result of a delete, for callers and tests. */
export interface DeleteOutcome {
  status: 'refused' | 'declined' | 'deleted' | 'failed';
  message: string;
  account?: string;
  region?: string;
}

function deletionPlan(node: PolicyNode | ScheduledActionNode): {
  plan: Plan;
  what: string;
  name: string;
  extra: string;
} {
  const target = node.target.key;
  const label = targetKeyLabel(target);
  if (node.kind === 'scheduledAction') {
    const name = node.action.ScheduledActionName;
    const change: Change = {
      kind: 'deleteScheduledAction',
      target,
      actionName: name,
      summary: `delete scheduled action "${name}" on ${label}`,
    };
    return { plan: { changes: [change], unmanaged: [] }, what: `scheduled action "${name}"`, name, extra: '' };
  }
  const name = node.policy.PolicyName;
  const alarms = node.policy.PolicyType === 'StepScaling' ? node.alarmNames : [];
  const changes: Change[] = alarms.map((alarmName): Change => ({
    kind: 'deleteAlarm',
    target,
    policyName: name,
    alarmName,
    summary: `delete alarm "${alarmName}" of policy "${name}" on ${label}`,
  }));
  changes.push({ kind: 'deletePolicy', target, policyName: name, summary: `delete policy "${name}" on ${label}` });
  const extra =
    alarms.length > 0
      ? ` The CloudWatch alarm${alarms.length === 1 ? '' : 's'} that trigger${alarms.length === 1 ? 's' : ''} it (${alarms.join(', ')}) ${alarms.length === 1 ? 'is' : 'are'} deleted too.`
      : '';
  return { plan: { changes, unmanaged: [] }, what: `scaling policy "${name}"`, name, extra };
}

/** sagemakerScaling.deletePolicy and deleteScheduledAction. `afterDelete` refreshes the tree. */
export async function deleteFromTree(
  session: AwsSession,
  log: vscode.LogOutputChannel,
  arg: unknown,
  afterDelete: () => void,
): Promise<DeleteOutcome> {
  if (refuseUntrusted('Deleting from AWS')) return { status: 'refused', message: 'untrusted workspace' };
  const node = arg as PolicyNode | ScheduledActionNode | undefined;
  if (!node || (node.kind !== 'policy' && node.kind !== 'scheduledAction')) {
    const message = 'Delete: choose a scaling policy or a scheduled action in the Auto Scaling view.';
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }
  const { plan, what, name, extra } = deletionPlan(node);
  // The node's data came from its region; the deletion goes there.
  const lease = await session.lease(node.origin.region);
  const clients = lease.clients;
  const region = clients.settings.region;
  try {
    // The session's account when it is known already (the tree and the status bar ask for it).
    const account = (await session.account(clients)) ?? (await fetchCallerIdentity(clients)).Account;
    const confirmed = await confirmByName(
      `Delete ${what} of ${node.target.key.ResourceId} in account ${account}, region ${region}?`,
      `This deletes it from Application Auto Scaling now; a file that lists it puts it back when applied.${extra}`,
      name,
    );
    if (!confirmed) return { status: 'declined', message: 'not confirmed', account, region };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting ${what}` },
      () => applyPlan(clients, plan),
    );
    afterDelete();
    log.info(`Delete ${what} of ${node.target.key.ResourceId} in ${account}/${region}:\n${renderApplyResult(result)}`);
    if (result.failed) {
      const message = `Deleting ${what} failed: ${result.failed.message}`;
      notifyWithLogs(log, 'error', message);
      return { status: 'failed', message, account, region };
    }
    const message = `Deleted ${what} of ${node.target.key.ResourceId} in ${region}.`;
    void vscode.window.showInformationMessage(message);
    return { status: 'deleted', message, account, region };
  } finally {
    lease.release();
  }
}
