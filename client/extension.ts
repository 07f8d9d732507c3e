import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { forgetUnsupported } from '../aws/unsupported';
import { applyFile } from './apply';
import { AwsSession } from './aws';
import { registerCommand, type CommandHost } from './commands';
import { openInConsole } from './console';
import { ClosedFileChecker } from './closedFiles';
import { deleteFromTree } from './delete';
import { fetchToFile } from './fetch';
import { fetchUntracked, showDriftPlan } from './driftCommands';
import { SCALING_FILES } from './tree/drift';
import { LIVE_SOURCE } from './fileErrors';
import { PLAN_SCHEME, PlanDocuments, planFile, type PlanDeps } from './plan';
import { selectProfile, selectRegion } from './profileRegion';
import { ResourceIdCompletion } from './resourceCompletion';
import { SHOW_RULE_COMMAND, showRule, withRenderedRuleLink } from './ruleDocs';
import { affectsAws, SECTION } from './settings';
import { registerSimulation } from './simulate/register';
import { AwsStatusBar, sessionLabel } from './statusBar';
import { registerTestHooks } from './testHooks';
import type { TreeNode } from './tree/nodes';
import { EndpointsTreeProvider, RETRY_COMMAND, VIEW_ID } from './tree/provider';

// The extension: starts the language server for *.scaling.json files, and the AWS side —
// the Auto Scaling view, the status bar, fetch, plan, apply and delete. Everything it
// creates goes into context.subscriptions.

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('SageMaker Scaling', { log: true });
  context.subscriptions.push(log);

  const ruleConfigWatcher = vscode.workspace.createFileSystemWatcher('**/.scalingrc.json');
  context.subscriptions.push(ruleConfigWatcher);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'jsonc', pattern: '**/*.scaling.json' }, { pattern: '**/.scalingrc.json' }],
    synchronize: {
      configurationSection: SECTION,
      fileEvents: ruleConfigWatcher,
    },
    outputChannel: log,
    middleware: {
      // Code links open the rule's page rendered (client/ruleDocs.ts).
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRenderedRuleLink)),
    },
  };
  // The client id equals the settings prefix, so `sagemakerScaling.trace.server` works.
  client = new LanguageClient(SECTION, 'SageMaker Scaling', serverOptions, clientOptions);

  // AWS: one session (clients from user-level settings), the status bar, the tree.
  const session = new AwsSession(log);
  const statusBar = new AwsStatusBar(session, log);
  const tree = new EndpointsTreeProvider(session, log);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const liveDiagnostics = vscode.languages.createDiagnosticCollection(LIVE_SOURCE);
  const documents = new PlanDocuments();
  context.subscriptions.push(
    session,
    statusBar,
    tree,
    view,
    liveDiagnostics,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, documents),
  );

  const showSession = async () => {
    const description = await statusBar.update();
    // Which AWS, at the head of the view: the description shows in the view's header when
    // it shares the side bar; alone, VS Code merges its title into the side bar's (where it
    // would be capitalised and cut) and shows no description, so the message says it too.
    const label = sessionLabel(description);
    view.description = label;
    view.message = label ? `AWS: ${label}` : undefined;
  };
  statusBar.setViewVisible(view.visible);
  context.subscriptions.push(
    view.onDidChangeVisibility((e) => statusBar.setViewVisible(e.visible)),
    session.onDidChange(() => {
      void showSession();
      tree.refresh();
    }),
    session.onDidLearnAccount(() => void showSession()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsAws(e)) session.reset();
    }),
    // Trust changes what may run (apply, delete, prune); menus follow isWorkspaceTrusted by themselves.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('the workspace is trusted now: apply and delete are enabled');
      session.reset();
    }),
    // Live-check results point into the text as it was: an edit makes them stale.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && liveDiagnostics.has(e.document.uri)) liveDiagnostics.delete(e.document.uri);
    }),
  );
  void showSession();

  // ResourceId values from the account (trusted workspaces only; client/resourceCompletion.ts).
  const resourceIds = new ResourceIdCompletion(session, log);
  context.subscriptions.push(
    resourceIds,
    vscode.languages.registerCompletionItemProvider(
      { language: 'jsonc', pattern: '**/*.scaling.json' },
      resourceIds,
      '"',
      '/',
    ),
  );

  // One watcher of the *.scaling.json files: the closed files' checks and the tree's drift marks follow it.
  const scalingFiles = vscode.workspace.createFileSystemWatcher(SCALING_FILES);
  context.subscriptions.push(scalingFiles);

  // Closed *.scaling.json files, checked in the background as CI's lint checks them.
  const closedFiles = new ClosedFileChecker(context.extensionUri, log, scalingFiles);
  context.subscriptions.push(
    closedFiles,
    ruleConfigWatcher.onDidCreate(() => closedFiles.rescan()),
    ruleConfigWatcher.onDidChange(() => closedFiles.rescan()),
    ruleConfigWatcher.onDidDelete(() => closedFiles.rescan()),
  );
  closedFiles.rescan();

  const host: CommandHost = { context, log, explainError: (error) => session.explainError(error) };
  const planDeps: PlanDeps = { session, log, documents, liveDiagnostics };
  const refreshTree = () => tree.refresh();

  registerCommand(host, 'sagemakerScaling.showLogs', 'Show Logs', () => log.show());
  registerCommand(host, 'sagemakerScaling.restartServer', 'Restart Language Server', async () => {
    log.info('restarting the language server');
    await client?.restart();
  });
  registerCommand(host, SHOW_RULE_COMMAND, 'Show Rule', (code: unknown) => showRule(context.extensionUri, code));
  registerCommand(host, 'sagemakerScaling.refresh', 'Refresh', () => {
    forgetUnsupported(); // "read everything again": a stand-in may have learnt a call meanwhile
    tree.refresh();
    void showSession();
  });
  registerCommand(host, RETRY_COMMAND, 'Retry', (node: unknown) => tree.refresh(node as TreeNode | undefined));
  registerCommand(host, 'sagemakerScaling.selectProfile', 'Choose AWS Profile', () => selectProfile(session));
  registerCommand(host, 'sagemakerScaling.selectRegion', 'Choose AWS Region', () => selectRegion(session));
  registerCommand(host, 'sagemakerScaling.fetchToFile', 'Fetch scaling configuration', (node: unknown) =>
    fetchToFile(session, log, node),
  );
  registerCommand(host, 'sagemakerScaling.openInConsole', 'Open in AWS Console', (node: unknown) =>
    openInConsole(node),
  );
  registerCommand(host, 'sagemakerScaling.planFile', 'Show Plan', (uri: unknown) => planFile(planDeps, uri));
  registerCommand(host, 'sagemakerScaling.applyFile', 'Apply to AWS', (uri: unknown) =>
    applyFile(planDeps, uri, refreshTree),
  );
  registerCommand(host, 'sagemakerScaling.deletePolicy', 'Delete scaling policy', (node: unknown) =>
    deleteFromTree(session, log, node, refreshTree),
  );
  registerCommand(host, 'sagemakerScaling.deleteScheduledAction', 'Delete scheduled action', (node: unknown) =>
    deleteFromTree(session, log, node, refreshTree),
  );
  registerCommand(host, 'sagemakerScaling.showDriftPlan', 'Show Plan', (node: unknown) =>
    showDriftPlan(tree, planDeps, node),
  );
  registerCommand(host, 'sagemakerScaling.fetchUntracked', 'Fetch untracked endpoints', () =>
    fetchUntracked(tree, log),
  );
  // The drift marks follow the files: saved, created or deleted, compared again without a call.
  const filesChanged = () => void tree.filesChanged();
  context.subscriptions.push(
    scalingFiles.onDidChange(filesChanged),
    scalingFiles.onDidCreate(filesChanged),
    scalingFiles.onDidDelete(filesChanged),
  );
  registerTestHooks(host, tree);
  registerSimulation(host, session);

  log.info(
    `activated (VS Code ${vscode.version})${vscode.workspace.isTrusted ? '' : '; the workspace is not trusted: apply and delete are disabled'}`,
  );
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
