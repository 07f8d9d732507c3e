import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommand } from './commands';

// The extension: starts the language server for *.scaling.json files and registers the
// commands. Everything it creates goes into context.subscriptions.

const SETTINGS_PREFIX = 'sagemakerScaling';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('SageMaker Scaling', { log: true });
  context.subscriptions.push(log);

  const ruleConfigWatcher = vscode.workspace.createFileSystemWatcher('**/.scalingrc.json');
  context.subscriptions.push(ruleConfigWatcher);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'jsonc', pattern: '**/*.scaling.json' },
      { pattern: '**/.scalingrc.json' },
    ],
    synchronize: {
      configurationSection: SETTINGS_PREFIX,
      fileEvents: ruleConfigWatcher,
    },
    outputChannel: log,
  };
  // The client id equals the settings prefix, so `sagemakerScaling.trace.server` works.
  client = new LanguageClient(SETTINGS_PREFIX, 'SageMaker Scaling', serverOptions, clientOptions);

  registerCommand(context, log, 'sagemakerScaling.showLogs', 'Show Logs', () => log.show());
  registerCommand(context, log, 'sagemakerScaling.restartServer', 'Restart Language Server', async () => {
    log.info('restarting the language server');
    await client?.restart();
  });

  log.info(`activated (VS Code ${vscode.version})`);
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
