import * as vscode from 'vscode';
import { isAbortError } from '../aws/errors';

/** What every command shares: where disposables go, the log, and how an error reads for people. */
export interface CommandHost {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** The cause of a failure in words: AWS errors with their fix (explainAwsError), others by their message. */
  explainError(error: unknown): string;
}

/** Shows a message with a "Show Logs" button, without waiting for the user to answer. */
export function notifyWithLogs(
  log: vscode.LogOutputChannel,
  kind: 'info' | 'warning' | 'error',
  message: string,
): void {
  const show =
    kind === 'info'
      ? vscode.window.showInformationMessage
      : kind === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showErrorMessage;
  void show(message, 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') log.show();
  });
}

/**
 * The one way to register a command: failures are logged and shown once, with a way to
 * the logs, as "<title> failed: <cause>". A cancellation is logged, not shown.
 */
export function registerCommand(
  host: CommandHost,
  id: string,
  title: string,
  run: (...args: unknown[]) => unknown,
): void {
  host.context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        if (isAbortError(error)) {
          host.log.info(`${title}: cancelled`);
          return undefined;
        }
        const cause = host.explainError(error);
        host.log.error(`${title} failed: ${cause}`);
        notifyWithLogs(host.log, 'error', `${title} failed: ${cause}`);
        return undefined;
      }
    }),
  );
}
