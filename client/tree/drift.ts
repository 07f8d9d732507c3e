import * as vscode from 'vscode';
import { readDriftBasis, type DriftBasis } from '../../aws/drift';
import type { AwsClients } from '../../aws/session';
import {
  driftOf,
  driftWords,
  summarizeDrift,
  type DriftSummary,
  type TargetDrift,
  type WorkspaceScalingFile,
} from '../../core/plan/drift';
import { desiredFromText } from '../../core/plan/desired';
import { keyText } from '../../core/plan/liveState';
import type { TreeNode } from './nodes';

// Drift at a glance for the Auto Scaling view: the workspace's *.scaling.json files of the
// view's region, and one background read of AWS per refresh (aws/drift.ts, the batched
// reads). A file saved afterwards is compared again with what that read found, without
// another call.

export const SCALING_FILES = '**/*.scaling.json';

/** The workspace's scaling files of a region (their Region, else the configured one). */
export async function workspaceScalingFiles(region: string): Promise<WorkspaceScalingFile[]> {
  const uris = await vscode.workspace.findFiles(SCALING_FILES, '**/node_modules/**');
  const files: WorkspaceScalingFile[] = [];
  for (const uri of uris.sort((a, b) => a.toString().localeCompare(b.toString()))) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open && !open.isDirty ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      continue; // unreadable: the Problems panel says why when it is opened
    }
    const desired = desiredFromText(text);
    if (!desired || desired.targets.length === 0) continue;
    if ((desired.Region || region) !== region) continue;
    files.push({ file: uri.toString(), desired });
  }
  return files;
}

/** The drift of one read: by target, and by resource id for the view's variants and endpoints. */
export class DriftIndex {
  private readonly byResource = new Map<string, TargetDrift[]>();

  constructor(
    readonly region: string,
    readonly basis: DriftBasis,
    readonly files: WorkspaceScalingFile[],
    readonly byTarget: Map<string, TargetDrift> = driftOf(files, basis.live, basis.liveKeys),
  ) {
    for (const [key, drift] of byTarget) {
      const resourceId = key.split(' ')[1]!;
      this.byResource.set(resourceId, [...(this.byResource.get(resourceId) ?? []), drift]);
    }
  }

  /** The same live state against the files as they are now. */
  withFiles(files: WorkspaceScalingFile[]): DriftIndex {
    return new DriftIndex(this.region, this.basis, files);
  }

  /** The mark of a node: a target's own, a variant's or inference component's targets', an endpoint's variants'. */
  markOf(node: TreeNode): DriftSummary | undefined {
    if ('origin' in node && node.origin.region !== this.region) return undefined;
    switch (node.kind) {
      case 'scalableTarget': {
        const drift = this.byTarget.get(keyText(node.key));
        return drift ? summarizeDrift([drift]) : undefined;
      }
      case 'variant':
      case 'inferenceComponent':
        return summarizeDrift(this.byResource.get(node.resourceId) ?? []);
      case 'endpoint': {
        const prefix = `endpoint/${node.endpoint.EndpointName}/variant/`;
        return summarizeDrift(
          [...this.byResource].filter(([id]) => id.startsWith(prefix)).flatMap(([, drifts]) => drifts),
        );
      }
      default:
        return undefined;
    }
  }

  /** The live targets no file names, grouped by the file each would go to: an endpoint, or an inference component. */
  untracked(): Map<string, DriftBasis['live']['targets']> {
    const groups = new Map<string, DriftBasis['live']['targets']>();
    for (const target of this.basis.live.targets) {
      if (this.byTarget.get(keyText(target))?.status !== 'untracked') continue;
      const name =
        /^endpoint\/([^/]+)\//.exec(target.ResourceId)?.[1] ??
        /^inference-component\/(.+)$/.exec(target.ResourceId)?.[1] ??
        target.ResourceId.replace(/[^\w.-]+/g, '-');
      groups.set(name, [...(groups.get(name) ?? []), target]);
    }
    return groups;
  }
}

/** Reads the drift of the view's region. */
export async function readDrift(clients: AwsClients, signal: AbortSignal): Promise<DriftIndex> {
  const region = clients.settings.region;
  const files = await workspaceScalingFiles(region);
  return new DriftIndex(region, await readDriftBasis(clients, files, signal), files);
}

/** A node's item with its mark: in the description, the tooltip, and as a suffix of contextValue for the menus. */
export function decorate(item: vscode.TreeItem, mark: DriftSummary | undefined): vscode.TreeItem {
  if (!mark) return item;
  const words = driftWords(mark);
  item.description = [typeof item.description === 'string' ? item.description : '', words].filter(Boolean).join(' · ');
  item.contextValue = `${item.contextValue ?? ''}.${mark.status}`;
  const files = mark.files.map((f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f))).join(', ');
  const note =
    mark.status === 'untracked'
      ? 'Not in any scaling file of the workspace: Fetch it to a file to manage it.'
      : mark.status === 'missing'
        ? `${files} names it, but AWS has no such scalable target: apply the file to create it.`
        : mark.status === 'drifted'
          ? `${words} from ${files}: Show Plan lists them.`
          : `As ${files} describes it.`;
  if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`\n\n---\n\n${note}`);
  else item.tooltip = [typeof item.tooltip === 'string' ? item.tooltip : '', note].filter(Boolean).join('\n\n');
  return item;
}
