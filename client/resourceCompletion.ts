import { getLocation, parseTree, findNodeAtLocation } from 'jsonc-parser';
import * as vscode from 'vscode';
import { describeEndpoint, listEndpoints, listInferenceComponents } from '../aws/endpoints';
import { mapLimit } from '../aws/concurrency';
import { SAGEMAKER_DIMENSIONS } from '../core/facts/sagemaker';
import type { AwsSession } from './aws';

// Completion of a target's ResourceId from the account: the endpoints' variants and the
// inference components of the region in force (the file's Region, else the configured
// one), read through the same session as the tree and cached for a minute. The client
// provides it, not the language server: the server has no AWS and must not (server → core
// only, and credentials stay in the extension host), and a provider here needs no new
// protocol. Never in an untrusted workspace, where nothing reads AWS on behalf of a file.
// Without credentials (or any other failure) it offers nothing and says why in the log,
// once per minute; the static completion of the server (the id's template) stays.

/** How long the account's resources are kept. */
const TTL_MS = 60_000;
/** Endpoints described at most, a few at a time: completion must answer in moments. */
const MAX_ENDPOINTS = 50;

/** One ResourceId the account has, with what it is. */
interface LiveResource {
  resourceId: string;
  /** The scalable dimension it is scaled by. */
  dimension: string;
  detail: string;
}

interface CacheEntry {
  at: number;
  resources: Promise<LiveResource[]>;
}

export class ResourceIdCompletion implements vscode.CompletionItemProvider, vscode.Disposable {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: AwsSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Other settings, other account: what was read no longer applies.
    this.subscription = session.onDidChange(() => this.cache.clear());
  }

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[]> {
    if (!vscode.workspace.isTrusted) return [];
    const text = document.getText();
    const offset = document.offsetAt(position);
    const location = getLocation(text, offset);
    if (location.isAtPropertyKey || !location.matches(['ScalableTargets', '*', 'ResourceId'])) return [];
    const root = parseTree(text);
    const index = location.path[1];
    const region = root ? findNodeAtLocation(root, ['Region'])?.value : undefined;
    const dimension =
      root && typeof index === 'number'
        ? findNodeAtLocation(root, ['ScalableTargets', index, 'ScalableDimension'])?.value
        : undefined;

    const resources = await this.resources(typeof region === 'string' ? region : undefined, token);
    if (token.isCancellationRequested) return [];
    const fits = resources.filter((r) => typeof dimension !== 'string' || r.dimension === dimension);

    // Replace the whole string literal (quotes included) when the cursor is in one.
    const previous = location.previousNode;
    const range =
      previous && previous.type === 'string' && previous.offset <= offset && offset <= previous.offset + previous.length
        ? new vscode.Range(document.positionAt(previous.offset), document.positionAt(previous.offset + previous.length))
        : new vscode.Range(position, position);
    return fits.map((r, i) => {
      const item = new vscode.CompletionItem(r.resourceId, vscode.CompletionItemKind.Reference);
      item.detail = r.detail;
      item.insertText = JSON.stringify(r.resourceId);
      item.range = range;
      // VS Code filters on the text from the range's start: the opening quote.
      item.filterText = JSON.stringify(r.resourceId);
      item.sortText = ` ${String(i).padStart(4, '0')}`;
      return item;
    });
  }

  /** The account's resources in a region (the configured one when undefined), from the cache when fresh. */
  private async resources(region: string | undefined, token: vscode.CancellationToken): Promise<LiveResource[]> {
    const key = JSON.stringify([this.session.settings(), region ?? '']);
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.resources;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const resources = this.fetch(region, controller.signal).catch((error: unknown) => {
      this.log.warn(`ResourceId completion from AWS: ${this.session.explainError(error)}`);
      if (controller.signal.aborted) this.cache.delete(key); // cancelled: try again next time
      return [];
    });
    this.cache.set(key, { at: Date.now(), resources });
    try {
      return await resources;
    } finally {
      cancel.dispose();
    }
  }

  private async fetch(region: string | undefined, signal: AbortSignal): Promise<LiveResource[]> {
    const lease = await this.session.lease(region);
    try {
      const clients = lease.clients;
      const [endpoints, components] = await Promise.all([
        listEndpoints(clients, { signal }),
        // Inference components are optional: an account or a stand-in without them still gets its variants.
        listInferenceComponents(clients, { signal }).catch(() => []),
      ]);
      const inService = endpoints.filter((e) => e.EndpointStatus === 'InService').slice(0, MAX_ENDPOINTS);
      const details = await mapLimit(inService, 4, (e) =>
        describeEndpoint(clients, e.EndpointName, signal).catch(() => undefined),
      );
      const resources: LiveResource[] = [];
      for (const endpoint of details) {
        for (const v of endpoint?.variants ?? []) {
          resources.push({
            resourceId: v.resourceId,
            dimension: v.scalableDimension,
            detail:
              v.kind === 'serverless'
                ? `serverless variant of ${endpoint!.EndpointName} · ${clients.settings.region}`
                : `${v.InstanceType ?? 'instance'} variant of ${endpoint!.EndpointName} · ${clients.settings.region}`,
          });
        }
      }
      for (const c of components) {
        resources.push({
          resourceId: c.resourceId,
          dimension: SAGEMAKER_DIMENSIONS.inferenceComponentCopies,
          detail: `inference component on ${c.EndpointName} · ${clients.settings.region}`,
        });
      }
      return resources;
    } finally {
      lease.release();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
