import * as vscode from 'vscode';
import { liveToDocument } from '../core/plan/liveDocument';
import { exists } from './files';
import { writeAtomically } from './fetch';
import { planFile, type PlanDeps } from './plan';
import { confirm } from './prompts';
import type { TreeNode } from './tree/nodes';
import type { EndpointsTreeProvider } from './tree/provider';

// The commands of the view's drift marks: Show Plan on a drifted endpoint, variant or
// target (the plan of the file that names it), and Fetch Untracked Endpoints to Files (every
// live target no file names, one file per endpoint, from the drift read: no further call).

export interface DriftOutcome {
  status: 'written' | 'nothing' | 'cancelled' | 'refused';
  message: string;
  files?: string[];
}

/** sagemakerScaling.showDriftPlan: the plan of the file that names the node's drifted targets. */
export async function showDriftPlan(tree: EndpointsTreeProvider, deps: PlanDeps, arg: unknown): Promise<unknown> {
  const node = arg as TreeNode | undefined;
  const mark = node ? tree.driftIndex()?.markOf(node) : undefined;
  const file = mark?.files[0];
  if (!file) {
    const message = 'No scaling file of the workspace names this: there is no plan to show.';
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing', message };
  }
  return planFile(deps, vscode.Uri.parse(file));
}

/** A file name in the folder that does not exist yet: name.scaling.json, else name-2.scaling.json, … */
async function freeName(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  for (let i = 1; ; i++) {
    const uri = vscode.Uri.joinPath(folder, `${name}${i === 1 ? '' : `-${i}`}.scaling.json`);
    if (!(await exists(uri))) return uri;
  }
}

/** sagemakerScaling.fetchUntracked: every endpoint with targets no file names, into files at once. */
export async function fetchUntracked(tree: EndpointsTreeProvider, log: vscode.LogOutputChannel): Promise<DriftOutcome> {
  if (!tree.driftIndex()) await tree.getChildren(); // the view may not have been opened yet
  const index = await tree.driftReady();
  if (!index) {
    const message = 'The live state could not be read: see the log, then refresh the view.';
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }
  const groups = index.untracked();
  if (groups.size === 0) {
    const message = `Every scalable target in ${index.region} is in a scaling file of the workspace.`;
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing', message };
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    const message = 'Open a folder first: the files are written into it.';
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }
  const planned: [vscode.Uri, string, number][] = [];
  for (const [name, targets] of groups) {
    const uri = await freeName(folder, name);
    const text = liveToDocument(targets, {
      region: index.region,
      header: `Fetched from Application Auto Scaling in ${index.region} on ${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')} (${name}).`,
    });
    planned.push([uri, text, targets.length]);
  }
  const n = planned.length;
  const answer = await confirm(
    `Fetch ${n} untracked endpoint${n === 1 ? '' : 's'} of ${index.region} into ${n === 1 ? 'a file' : 'files'} in ${vscode.workspace.asRelativePath(folder)}?`,
    planned
      .map(
        ([uri, , count]) =>
          `• ${vscode.workspace.asRelativePath(uri)}: ${count} scalable target${count === 1 ? '' : 's'}`,
      )
      .join('\n'),
    'Fetch',
  );
  if (answer !== 'Fetch') return { status: 'cancelled', message: 'not confirmed' };
  const written: string[] = [];
  for (const [uri, text] of planned) {
    // Never over a file: one may have appeared while the question was open.
    if (await exists(uri)) continue;
    await writeAtomically(uri, text);
    written.push(vscode.workspace.asRelativePath(uri));
  }
  log.info(`Fetched ${written.length} untracked endpoint${written.length === 1 ? '' : 's'} to ${written.join(', ')}`);
  await tree.filesChanged();
  const message = `Fetched ${written.length} endpoint${written.length === 1 ? '' : 's'} to ${written.join(', ')}.`;
  void vscode.window.showInformationMessage(message);
  return { status: 'written', message, files: written };
}
