import * as vscode from 'vscode';
import { exists } from './files';
import { listEndpoints } from '../aws/endpoints';
import { isAbortError } from '../aws/errors';
import { fetchTargetsFor } from '../aws/fetchLive';
import { liveToDocument } from '../core/plan/liveDocument';
import type { AwsSession } from './aws';
import { pickSaveUri, confirm } from './prompts';
import type { TreeNode } from './tree/nodes';

// Fetch scaling configuration to file: the live targets of an endpoint, a variant or an
// inference component as a *.scaling.json (core/plan/liveDocument.ts), saved where the user
// says. A file open with unsaved changes is never overwritten; an existing file only after
// a confirmation; the write is atomic (a temporary file beside it, then a rename).

/** The result of a fetch, for callers and tests. */
export interface FetchOutcome {
  status: 'written' | 'nothing' | 'refused' | 'cancelled';
  message: string;
  uri?: vscode.Uri;
  targets?: number;
}

/** What to fetch: the argument fetchTargetsFor takes, and the file name to suggest. */
interface FetchSubject {
  id: string;
  suggestedName: string;
}

function subjectOf(node: TreeNode): FetchSubject | undefined {
  switch (node.kind) {
    case 'endpoint':
      return { id: node.endpoint.EndpointName, suggestedName: node.endpoint.EndpointName };
    case 'variant':
      return {
        id: node.resourceId,
        suggestedName: `${node.endpoint.endpoint.EndpointName}-${node.variant.VariantName}`,
      };
    case 'inferenceComponent':
      return { id: node.resourceId, suggestedName: node.component.InferenceComponentName };
    default:
      return undefined;
  }
}

/** From the palette: choose one of the region's endpoints. */
async function chooseEndpoint(session: AwsSession): Promise<FetchSubject | undefined> {
  const items = (async () => {
    const lease = await session.lease();
    try {
      const endpoints = await listEndpoints(lease.clients);
      return endpoints.map((e) => ({ label: e.EndpointName, description: e.EndpointStatus }));
    } finally {
      lease.release();
    }
  })();
  // If the list fails, the quick pick closes and the error reaches the command's handler.
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Fetch scaling configuration of endpoint',
    placeHolder: 'SageMaker endpoints of the configured region',
    ignoreFocusOut: true,
  });
  return picked ? { id: picked.label, suggestedName: picked.label } : undefined;
}

/** Writes text atomically: a temporary file in the same folder, then a rename over the target. */
export async function writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const name = uri.path.split('/').pop()!;
  const temp = vscode.Uri.joinPath(
    uri,
    '..',
    `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** sagemakerScaling.fetchToFile, from a tree node or the palette. */
export async function fetchToFile(
  session: AwsSession,
  log: vscode.LogOutputChannel,
  arg: unknown,
): Promise<FetchOutcome> {
  const node = arg && typeof arg === 'object' && 'kind' in arg ? (arg as TreeNode) : undefined;
  const subject = node ? subjectOf(node) : await chooseEndpoint(session);
  if (!subject) return { status: 'cancelled', message: 'nothing chosen' };

  // A node's data came from its region (the settings may have changed since): fetch from there.
  const lease = await session.lease(node && 'origin' in node ? node.origin.region : undefined);
  let text: string;
  let count: number;
  const region = lease.clients.settings.region;
  try {
    const fetched = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Fetching the scaling configuration of ${subject.id} in ${region}`,
        cancellable: true,
      },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await fetchTargetsFor(lease.clients, [subject.id], { signal: controller.signal });
        } finally {
          subscription.dispose();
        }
      },
    );
    if (fetched.targets.length === 0) {
      const message = `${subject.id} has no scalable target in ${region}: there is no scaling configuration to fetch.`;
      void vscode.window.showInformationMessage(message);
      return { status: 'nothing', message };
    }
    count = fetched.targets.length;
    text = liveToDocument(fetched.targets, {
      region,
      header: `Fetched from Application Auto Scaling in ${region} on ${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')} (${subject.id}).`,
    });
  } catch (error) {
    if (isAbortError(error)) return { status: 'cancelled', message: 'cancelled' };
    throw error;
  } finally {
    lease.release();
  }

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultName = `${subject.suggestedName}.scaling.json`;
  const uri = await pickSaveUri({
    title: `Save the scaling configuration of ${subject.id}`,
    saveLabel: 'Save',
    filters: { 'Scaling files': ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}),
  });
  if (!uri) return { status: 'cancelled', message: 'no file chosen' };
  const name = uri.path.split('/').pop()!;

  if (openDocument(uri)?.isDirty) {
    const message = `${name} is open with unsaved changes: save or revert them, then fetch again. Nothing was written.`;
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }
  if (await exists(uri)) {
    const answer = await confirm(
      `${name} exists. Replace it with the live configuration of ${subject.id}?`,
      'The file is replaced as a whole; its comments and edits are lost.',
      'Replace',
    );
    if (answer !== 'Replace') return { status: 'cancelled', message: 'not replaced' };
    // The user may have edited it while the question was open.
    if (openDocument(uri)?.isDirty) {
      const message = `${name} has unsaved changes now: nothing was written.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'refused', message };
    }
  }
  await writeAtomically(uri, text);
  log.info(`Fetched ${count} scalable target${count === 1 ? '' : 's'} of ${subject.id} in ${region} to ${uri.fsPath}`);
  await vscode.window.showTextDocument(uri, { preview: false });
  return { status: 'written', message: `wrote ${name}`, uri, targets: count };
}
