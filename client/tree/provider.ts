import * as vscode from 'vscode';
import {
  describeEndpoint,
  EndpointNotFoundError,
  fetchResourceScaling,
  fetchScalingActivities,
  listEndpoints,
  listInferenceComponents,
} from '../../aws/endpoints';
import { ConfigurationError, isAbortError } from '../../aws/errors';
import type { AwsClients } from '../../aws/session';
import type { AwsSession } from '../aws';
import { decorate, readDrift, workspaceScalingFiles, type DriftIndex } from './drift';
import {
  ActivityNode,
  EndpointNode,
  FolderNode,
  InferenceComponentNode,
  PlaceholderNode,
  PolicyNode,
  ScheduledActionNode,
  TargetNode,
  VariantNode,
  type ResourceNode,
  type TreeNode,
} from './nodes';

// The Auto Scaling view's data: endpoints → variants and inference components → scalable
// target → policies, scheduled actions, recent activity. Each level is read from AWS when
// it is opened, under the view's own progress bar; a failure becomes a "retry" node, never
// a pop-up. Refresh aborts what is still loading and starts afresh.

export const VIEW_ID = 'sagemakerScaling.endpoints';
export const RETRY_COMMAND = 'sagemakerScaling.retryLoad';

type Loader = (clients: AwsClients, signal: AbortSignal) => Promise<TreeNode[]>;

export class EndpointsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private controller = new AbortController();
  /** Nodes handed out since the last full refresh, by id (for commands and tests that name a node). */
  private readonly known = new Map<string, TreeNode>();
  /** Children read since the last refresh, by parent id ('' for the root): a redraw for drift marks reads nothing again. */
  private readonly cache = new Map<string, TreeNode[]>();
  /** Bumped by a full refresh: reads of an older generation are dropped. */
  private generation = 0;
  /** The drift marks of this generation, once read. */
  private drift: DriftIndex | undefined;
  private driftRead: Promise<void> | undefined;

  constructor(
    private readonly session: AwsSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return decorate(node.treeItem(), this.drift?.markOf(node));
  }

  /** The drift marks read for this refresh, if read yet. */
  driftIndex(): DriftIndex | undefined {
    return this.drift;
  }

  /** Resolves when this refresh's drift read has finished (or at once when none was started). */
  async driftReady(): Promise<DriftIndex | undefined> {
    await this.driftRead;
    return this.drift;
  }

  /** The files changed: the marks are computed again against the same live state (no AWS call). */
  async filesChanged(): Promise<void> {
    const drift = this.drift;
    if (!drift) return;
    const files = await workspaceScalingFiles(drift.region);
    if (this.drift !== drift) return;
    this.drift = drift.withFiles(files);
    this.changed.fire(undefined);
  }

  /**
   * One background read of drift per refresh, started when the endpoints are listed: the
   * tree never waits for it; when it arrives the view is drawn again from the cache.
   */
  private startDriftRead(): void {
    if (this.driftRead) return;
    const generation = this.generation;
    const signal = this.controller.signal;
    this.driftRead = (async () => {
      let lease;
      try {
        lease = await this.session.lease();
        const drift = await readDrift(lease.clients, signal);
        if (generation !== this.generation) return;
        this.drift = drift;
        this.changed.fire(undefined);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        this.log.warn(
          `Reading drift against the workspace's scaling files failed: ${this.session.explainError(error)}`,
        );
      } finally {
        lease?.release();
      }
    })();
  }

  /** A node handed out since the last full refresh. */
  getNode(id: string): TreeNode | undefined {
    return this.known.get(id);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const id = node?.id ?? '';
    const cached = this.cache.get(id);
    if (cached) return cached;
    const generation = this.generation;
    const children = await this.childrenOf(node);
    if (generation !== this.generation) return children;
    for (const child of children) this.known.set(child.id, child);
    this.cache.set(id, children);
    if (!node) this.startDriftRead();
    return children;
  }

  private childrenOf(node: TreeNode | undefined): Thenable<TreeNode[]> | TreeNode[] {
    if (!node) return this.load(undefined, 'endpoints', (clients, signal) => this.endpoints(clients, signal));
    switch (node.kind) {
      case 'endpoint':
        return this.load(node, `endpoint ${node.endpoint.EndpointName}`, (clients, signal) =>
          this.endpointChildren(node, clients, signal),
        );
      case 'variant':
      case 'inferenceComponent':
        return this.load(node, node.resourceId, (clients, signal) => this.targets(node, clients, signal));
      case 'scalableTarget':
        return [
          new FolderNode(node.origin, node, 'policies'),
          new FolderNode(node.origin, node, 'actions'),
          new FolderNode(node.origin, node, 'activity'),
        ];
      case 'folder':
        return this.folderChildren(node);
      default:
        return [];
    }
  }

  /** Reloads a node's children, or everything (with fresh clients) when no node is given. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.controller.abort();
      this.controller = new AbortController();
      this.known.clear();
      this.cache.clear();
      this.generation++;
      this.drift = undefined;
      this.driftRead = undefined;
      this.session.renew();
    } else {
      // A retry: that node and what lies under it are read again (the root's list stays).
      const root = this.cache.get('');
      this.cache.clear();
      if (root && node.id !== '') this.cache.set('', root);
    }
    this.changed.fire(node);
  }

  private load(parent: TreeNode | undefined, what: string, loader: Loader): Thenable<TreeNode[]> {
    const signal = this.controller.signal;
    return vscode.window.withProgress({ location: { viewId: VIEW_ID } }, async () => {
      let lease;
      try {
        lease = await this.session.lease();
        return await loader(lease.clients, signal);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return [];
        const cause = this.session.explainError(error);
        this.log.warn(`Loading ${what} failed: ${cause}`);
        return [this.failed(parent, error, cause)];
      } finally {
        lease?.release();
      }
    });
  }

  private failed(parent: TreeNode | undefined, error: unknown, cause: string): PlaceholderNode {
    if (!parent && error instanceof ConfigurationError && /region/i.test(cause)) {
      return new PlaceholderNode(parent, 'no-region', 'No AWS region configured — choose one', {
        tooltip: cause,
        icon: 'warning',
        command: { title: 'Choose AWS Region', command: 'sagemakerScaling.selectRegion' },
      });
    }
    return new PlaceholderNode(parent, 'failed', 'Failed to load — retry', {
      tooltip: cause,
      description: cause,
      icon: 'error',
      command: { title: 'Retry', command: RETRY_COMMAND, arguments: [parent] },
    });
  }

  private async endpoints(clients: AwsClients, signal: AbortSignal): Promise<TreeNode[]> {
    const origin = { region: clients.settings.region };
    // The account, for the view's title, read alongside (never fails: undefined when unknown).
    const [endpoints] = await Promise.all([listEndpoints(clients, { signal }), this.session.account(clients, signal)]);
    if (endpoints.length === 0)
      return [new PlaceholderNode(undefined, 'empty', `No SageMaker endpoints in ${origin.region}`, { icon: 'info' })];
    return endpoints.map((e) => new EndpointNode(origin, e));
  }

  private async endpointChildren(node: EndpointNode, clients: AwsClients, signal: AbortSignal): Promise<TreeNode[]> {
    const name = node.endpoint.EndpointName;
    const [details, components] = await Promise.all([
      describeEndpoint(clients, name, signal).catch((error: unknown) => error as Error),
      // Inference components are optional: a failure to list them must not hide the variants.
      listInferenceComponents(clients, { endpointName: name, signal }).catch((error: unknown) => error as Error),
    ]);
    if (details instanceof EndpointNotFoundError) {
      return [
        new PlaceholderNode(node, 'gone', 'The endpoint no longer exists — refresh', {
          icon: 'warning',
          command: { title: 'Refresh', command: 'sagemakerScaling.refresh' },
        }),
      ];
    }
    if (details instanceof Error) throw details;
    const children: TreeNode[] = details.variants.map((v) => new VariantNode(node.origin, node, v));
    if (details.configProblem)
      this.log.warn(`Endpoint ${name}: its configuration could not be read: ${details.configProblem}`);
    if (components instanceof Error) {
      if (signal.aborted || isAbortError(components)) return [];
      const cause = this.session.explainError(components);
      this.log.warn(`Listing the inference components of ${name} failed: ${cause}`);
      children.push(
        new PlaceholderNode(node, 'components-failed', 'Inference components: failed to load — retry', {
          tooltip: cause,
          icon: 'error',
          command: { title: 'Retry', command: RETRY_COMMAND, arguments: [node] },
        }),
      );
    } else {
      children.push(...components.map((c) => new InferenceComponentNode(node.origin, node, c)));
    }
    if (children.length === 0) return [new PlaceholderNode(node, 'empty', 'No production variants', { icon: 'info' })];
    return children;
  }

  private async targets(node: ResourceNode, clients: AwsClients, signal: AbortSignal): Promise<TreeNode[]> {
    const targets = await fetchResourceScaling(clients, node.resourceId, signal);
    if (targets.length === 0) {
      return [
        new PlaceholderNode(node, 'empty', 'Not auto scaled: no scalable target', {
          icon: 'info',
          tooltip: `No scalable target is registered for ${node.resourceId}. Fetch it to a file, add one, and apply.`,
        }),
      ];
    }
    return targets.map((t) => new TargetNode(node.origin, node, t));
  }

  private folderChildren(folder: FolderNode): Thenable<TreeNode[]> | TreeNode[] {
    const target = folder.target;
    if (folder.folder === 'policies') {
      const policies = target.target.ScalingPolicies.map((p) => new PolicyNode(folder.origin, target, p));
      return policies.length > 0
        ? policies
        : [new PlaceholderNode(folder, 'empty', 'No scaling policies', { icon: 'info' })];
    }
    if (folder.folder === 'actions') {
      const actions = target.target.ScheduledActions.map((a) => new ScheduledActionNode(folder.origin, target, a));
      return actions.length > 0
        ? actions
        : [new PlaceholderNode(folder, 'empty', 'No scheduled actions', { icon: 'info' })];
    }
    return this.load(folder, `scaling activity of ${target.target.ResourceId}`, async (clients, signal) => {
      const { activities, unavailable } = await fetchScalingActivities(clients, target.key, { signal, maxResults: 20 });
      if (unavailable)
        return [
          new PlaceholderNode(folder, 'unavailable', 'Scaling activity unavailable', {
            icon: 'circle-slash',
            tooltip: unavailable,
          }),
        ];
      if (activities.length === 0)
        return [new PlaceholderNode(folder, 'empty', 'No recent scaling activity', { icon: 'info' })];
      return activities.map((a) => new ActivityNode(folder.origin, folder, a));
    });
  }

  dispose(): void {
    this.controller.abort();
    this.changed.dispose();
  }
}
