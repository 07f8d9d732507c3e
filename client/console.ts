import * as vscode from 'vscode';
import { endpointConsoleUrl } from '../aws/endpoints';
import type { TreeNode } from './tree/nodes';

// Open in AWS Console: the SageMaker console page of the node's endpoint (a variant's and
// an inference component's included), in the region the tree read it from.

/** sagemakerScaling.openInConsole; resolves to the URL opened. */
export async function openInConsole(arg: unknown): Promise<string | undefined> {
  const node = arg as TreeNode | undefined;
  let endpointName: string | undefined;
  if (node?.kind === 'endpoint') endpointName = node.endpoint.EndpointName;
  else if (node?.kind === 'variant') endpointName = node.endpoint.endpoint.EndpointName;
  else if (node?.kind === 'inferenceComponent')
    endpointName = node.component.EndpointName || node.endpoint.endpoint.EndpointName;
  if (!node || !endpointName || !('origin' in node)) {
    void vscode.window.showErrorMessage(
      'Open in AWS Console: choose an endpoint, a variant or an inference component in the Auto Scaling view.',
    );
    return undefined;
  }
  const url = endpointConsoleUrl(node.origin.region, endpointName);
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}
