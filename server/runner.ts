import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

// Every handler runs through these, so an exception is logged and answered with a default
// instead of killing the server, and a cancelled request stops early (the pattern of VS
// Code's own JSON server, json-language-features/server/src/utils/runner.ts).

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.message}\n${error.stack ?? ''}`;
  return String(error);
}

/** Runs a notification handler; an exception is logged and the default returned. */
export function runSafe<T>(connection: Connection, what: string, errorValue: T, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    connection.console.error(`${what} failed: ${describe(error)}`);
    return errorValue;
  }
}

/** Runs a request handler; cancellation answers RequestCancelled, an exception the default. */
export async function runSafeAsync<T>(
  connection: Connection,
  what: string,
  errorValue: T,
  token: CancellationToken,
  fn: () => Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  try {
    const result = await fn();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return result;
  } catch (error) {
    connection.console.error(`${what} failed: ${describe(error)}`);
    return errorValue;
  }
}
