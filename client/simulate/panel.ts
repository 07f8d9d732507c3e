import * as vscode from 'vscode';
import { fetchCloudWatchLoad, ReplayTargetError } from '../../aws/cloudWatchLoad';
import { isAbortError } from '../../aws/errors';
import { desiredFromText } from '../../core/plan/desired';
import {
  fileErrorsMessage,
  loadFileTooLarge,
  parseLoad,
  parseReplayDays,
  PATTERN_HELP,
  defaultPattern,
  fileTargets,
  panelTarget,
  runForPanel,
  type FromWebview,
  type PreparedLoad,
  type PanelControls,
  type ToWebview,
} from '../../core/simulate';
import type { AwsSession } from '../aws';
import { findFileErrors, ruleConfigFor } from '../fileErrors';
import { simulationHtml } from './html';

// The simulation panel: a webview beside a *.scaling.json file that charts what one of its
// targets does under a load. The extension host does all the work — lint the file, read the
// load (a pattern, a file, or the target's CloudWatch history), run the engine, turn the
// result into the chart's data — and posts it; the webview (webview/simulate.ts) only
// draws and reports the person's changes. Edits to the file re-run it, debounced; a file
// with errors keeps the last good run on screen, greyed, with the errors.

/** What the panel needs from the extension. */
export interface SimulationDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  session: AwsSession;
}

/** How long typing must pause before the file is simulated again. */
const DEBOUNCE_MS = 300;

const VIEW_TYPE = 'sagemakerScaling.simulation';

type Rendered = Extract<FromWebview, { type: 'rendered' }>;

/** What the tests read: what was posted last and what the webview says it drew. */
export interface PanelSnapshot {
  uri: string;
  target: string | undefined;
  controls: PanelControls;
  lastPosted: ToWebview | undefined;
  lastResult: Extract<ToWebview, { type: 'result' }> | undefined;
  lastRendered: Rendered | undefined;
  visible: boolean;
}

export class SimulationPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, SimulationPanel>();
  private static lastActive: SimulationPanel | undefined;

  /** Opens the panel of a file beside it (or brings it forward), showing `target`. */
  static show(deps: SimulationDeps, uri: vscode.Uri, target?: string): SimulationPanel {
    const key = uri.toString();
    let panel = SimulationPanel.panels.get(key);
    if (panel) {
      panel.webviewPanel.reveal(vscode.ViewColumn.Beside, true);
      if (target && target !== panel.target) {
        panel.target = target;
        void panel.postState();
        panel.schedule(0);
      }
    } else {
      panel = new SimulationPanel(deps, uri, target);
      SimulationPanel.panels.set(key, panel);
    }
    SimulationPanel.lastActive = panel;
    return panel;
  }

  /** The panel shown last (for the tests' hooks). */
  static latest(): SimulationPanel | undefined {
    return SimulationPanel.lastActive;
  }

  static disposeAll(): void {
    for (const panel of [...SimulationPanel.panels.values()]) panel.dispose();
  }

  private readonly webviewPanel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private controls: PanelControls;
  private fileLoad: { key: string; prepared: PreparedLoad } | undefined;
  private cloudLoad: { key: string; prepared: PreparedLoad } | undefined;
  private fetching: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sequence = 0;
  private runs = 0;
  private lastPosted: ToWebview | undefined;
  private lastResult: Extract<ToWebview, { type: 'result' }> | undefined;
  private lastRendered: Rendered | undefined;
  private disposed = false;
  /** The file's name, as titles and messages say it. */
  private readonly fileName: string;

  private constructor(
    private readonly deps: SimulationDeps,
    private readonly uri: vscode.Uri,
    private target: string | undefined,
  ) {
    this.fileName = uri.path.split('/').pop() ?? uri.path;
    this.webviewPanel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Simulate ${this.fileName}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')],
      },
    );
    this.webviewPanel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'resources', 'scaling.svg');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const targets = document ? fileTargets(document.getText()) : [];
    const shown = targets.find((t) => t.ResourceId === target) ?? targets[0];
    this.controls = { source: 'pattern', pattern: defaultPattern(shown), days: '7', inputs: {} };
    this.webviewPanel.webview.html = simulationHtml(this.webviewPanel.webview, deps.extensionUri);
    this.disposables.push(
      this.webviewPanel.onDidDispose(() => this.dispose()),
      this.webviewPanel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
      this.webviewPanel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) SimulationPanel.lastActive = this;
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.schedule();
      }),
    );
  }

  /** What the panel posted and what its webview drew last. */
  snapshot(): PanelSnapshot {
    return {
      uri: this.uri.toString(),
      target: this.target,
      controls: this.controls,
      lastPosted: this.lastPosted,
      lastResult: this.lastResult,
      lastRendered: this.lastRendered,
      visible: this.webviewPanel.visible,
    };
  }

  /** Changes the controls as the webview would (tests; the webview itself posts `controls`). */
  setControls(controls: PanelControls): void {
    this.controls = controls;
    void this.postState();
    this.schedule(0);
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        // A webview that was hidden and shown again starts afresh: give it everything.
        void this.postState();
        if (this.lastResult) this.post(this.lastResult);
        if (this.lastPosted && this.lastPosted !== this.lastResult) this.post(this.lastPosted);
        if (!this.lastResult) this.schedule(0);
        return;
      case 'controls':
        if (message.controls.source !== 'cloudwatch') this.fetching?.abort();
        this.controls = message.controls;
        this.schedule(0);
        return;
      case 'target':
        this.target = message.target;
        this.schedule(0);
        return;
      case 'chooseFile':
        void this.chooseFile();
        return;
      case 'refetch':
        this.cloudLoad = undefined;
        this.schedule(0);
        return;
      case 'rendered':
        this.lastRendered = message;
        return;
    }
  }

  private post(message: ToWebview): void {
    if (this.disposed) return;
    this.lastPosted = message;
    if (message.type === 'result') this.lastResult = message;
    void this.webviewPanel.webview.postMessage(message);
  }

  private async postState(): Promise<void> {
    const document = await this.document();
    const targets = document ? fileTargets(document.getText()).map((t) => t.ResourceId) : [];
    void this.webviewPanel.webview.postMessage({
      type: 'state',
      controls: this.controls,
      file: this.fileName,
      target: this.target ?? targets[0] ?? '',
      targets,
      patternHelp: PATTERN_HELP,
    } satisfies ToWebview);
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    try {
      return (
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString()) ??
        (await vscode.workspace.openTextDocument(this.uri))
      );
    } catch {
      return undefined;
    }
  }

  /** Runs again after `delay` ms of quiet (typing restarts the wait). */
  schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.simulate().catch((error: unknown) => {
        this.deps.log.error(`Simulate failed: ${error instanceof Error ? error.message : String(error)}`);
        this.post({
          type: 'problem',
          run: ++this.runs,
          title: 'The simulation failed',
          problems: [error instanceof Error ? error.message : String(error)],
        });
      });
    }, delay);
  }

  private async simulate(): Promise<void> {
    const sequence = ++this.sequence;
    const started = performance.now();
    const stale = () => this.disposed || sequence !== this.sequence;
    const document = await this.document();
    const name = this.fileName;
    if (!document) {
      this.post({ type: 'problem', run: ++this.runs, title: `${name} cannot be read`, problems: [] });
      return;
    }
    const text = document.getText();
    // The same three layers as `sagemaker-scaling simulate` (and apply) before anything runs.
    const errors = await findFileErrors(document, await ruleConfigFor(this.uri));
    if (stale()) return;
    if (errors.length > 0) {
      this.post({
        type: 'problem',
        run: ++this.runs,
        title: fileErrorsMessage(name, errors.length),
        problems: errors.map(
          (e) => `${name}:${e.range.start.line + 1}:${e.range.start.character + 1} error ${e.code} ${e.message}`,
        ),
      });
      return;
    }
    const desired = desiredFromText(text);
    const picked = panelTarget(desired?.targets ?? [], this.target, name);
    if ('problem' in picked) {
      this.post({ type: 'problem', run: ++this.runs, title: picked.problem, problems: [] });
      return;
    }
    const target = picked.target;
    this.target = target.ResourceId;

    let prepared: PreparedLoad | undefined;
    if (this.controls.source === 'file') prepared = await this.readLoadFile();
    else if (this.controls.source === 'cloudwatch') {
      const days = parseReplayDays(this.controls.days, 'Days of CloudWatch history');
      if ('problem' in days) {
        this.post({ type: 'problem', run: ++this.runs, title: days.problem, problems: [] });
        return;
      }
      const key = `${target.ResourceId} ${days.days}`;
      if (this.cloudLoad?.key !== key) {
        const fetched = await this.fetchHistory(target, days.days, desired?.Region);
        if (!fetched || stale()) return;
        this.cloudLoad = { key, prepared: fetched };
      }
      prepared = this.cloudLoad.prepared;
    }
    if (stale()) return;
    const run = runForPanel(target, this.controls, prepared, new Date());
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    if (!run.ok) {
      this.post({ type: 'problem', run: ++this.runs, title: run.title, problems: run.problems });
      return;
    }
    this.deps.log.debug(
      `simulated ${target.ResourceId} (${run.data.times.length} minutes, ${run.load}) in ${elapsedMs} ms`,
    );
    this.post({ type: 'result', run: ++this.runs, data: run.data, load: run.load, warnings: run.warnings, elapsedMs });
  }

  private async chooseFile(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Simulate with this load',
      filters: { 'Load (CSV or get-metric-data JSON)': ['csv', 'json'] },
      ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
    });
    if (!picked?.[0]) return;
    this.controls = { ...this.controls, source: 'file', file: picked[0].fsPath };
    void this.postState();
    this.schedule(0);
  }

  /** The load file, read again when it changed (by size and time); the CLI's limits and messages. */
  private async readLoadFile(): Promise<PreparedLoad | undefined> {
    const path = this.controls.file;
    if (!path) return undefined;
    const uri = vscode.Uri.file(path);
    const name = path.split(/[\\/]/).pop() ?? path;
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return { problems: [`no such load file: ${path}`], warnings: [], description: name };
    }
    const key = `${path} ${stat.size} ${stat.mtime}`;
    if (this.fileLoad?.key === key) return this.fileLoad.prepared;
    const tooLarge = loadFileTooLarge(name, stat.size);
    let prepared: PreparedLoad;
    if (tooLarge) prepared = { problems: [tooLarge], warnings: [], description: name };
    else {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
      } catch (error) {
        return {
          problems: [error instanceof TypeError ? `${name} is not valid UTF-8 text` : `cannot read ${path}`],
          warnings: [],
          description: name,
        };
      }
      const parsed = parseLoad(text);
      prepared = {
        ...(parsed.load ? { load: parsed.load } : {}),
        problems: parsed.problems.map((p) => `${name}: ${p}`),
        warnings: parsed.warnings.map((w) => `${name}: ${w}`),
        description: name,
      };
    }
    this.fileLoad = { key, prepared };
    return prepared;
  }

  /**
   * The target's CloudWatch history, read with the user's own AWS settings (never the
   * workspace's), under a cancellable progress notification. A failure is shown in the
   * panel with its fix; nothing is retried by itself.
   */
  private async fetchHistory(
    target: Parameters<typeof fetchCloudWatchLoad>[1],
    days: number,
    region: string | undefined,
  ): Promise<PreparedLoad | undefined> {
    this.fetching?.abort();
    const abort = new AbortController();
    this.fetching = abort;
    const description = `CloudWatch, last ${days} day${days === 1 ? '' : 's'}`;
    this.post({ type: 'busy', message: `Reading ${description} of ${target.ResourceId}…` });
    try {
      return await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Reading ${days} day${days === 1 ? '' : 's'} of CloudWatch metrics for ${target.ResourceId}`,
          cancellable: true,
        },
        async (_progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          const lease = await this.deps.session.lease(region);
          try {
            const replay = await fetchCloudWatchLoad(lease.clients, target, days, new Date(), abort.signal);
            this.deps.log.info(
              `read ${description} of ${target.ResourceId} in ${lease.clients.settings.region}: ${replay.pages} GetMetricData page${replay.pages === 1 ? '' : 's'}`,
            );
            return {
              ...(replay.load ? { load: replay.load } : {}),
              problems: replay.problems,
              warnings: [
                ...replay.warnings,
                'a replay shows the traffic that was served: minutes the endpoint was short of capacity may have had more demand',
              ],
              description: `${description} (${lease.clients.settings.region})`,
            };
          } finally {
            lease.release();
          }
        },
      );
    } catch (error) {
      if (isAbortError(error)) {
        this.post({ type: 'problem', run: ++this.runs, title: 'Reading CloudWatch was cancelled', problems: [] });
        return undefined;
      }
      const message = error instanceof ReplayTargetError ? error.message : this.deps.session.explainError(error);
      this.deps.log.warn(`reading CloudWatch for ${target.ResourceId} failed: ${message}`);
      this.post({
        type: 'problem',
        run: ++this.runs,
        title: 'The CloudWatch history cannot be read',
        problems: [message],
      });
      return undefined;
    } finally {
      if (this.fetching === abort) this.fetching = undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.fetching?.abort();
    SimulationPanel.panels.delete(this.uri.toString());
    if (SimulationPanel.lastActive === this) SimulationPanel.lastActive = undefined;
    for (const d of this.disposables) d.dispose();
    this.webviewPanel.dispose();
  }
}
