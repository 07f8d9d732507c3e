import * as vscode from 'vscode';

/**
 * The one way to register a command: failures are logged and shown once, with a way to
 * the logs, as "<title> failed: <cause>".
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  id: string,
  title: string,
  run: (...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const cause = error instanceof Error ? error.message : String(error);
        log.error(`${title} failed: ${cause}`);
        const choice = await vscode.window.showErrorMessage(`${title} failed: ${cause}`, 'Show Logs');
        if (choice === 'Show Logs') log.show();
        return undefined;
      }
    }),
  );
}
