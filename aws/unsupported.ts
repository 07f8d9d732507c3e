// Operations an API endpoint has answered as unsupported, remembered per endpoint URL and
// region so they are not asked again. Local stand-ins such as moto lack some calls
// (ListInferenceComponents, DescribeScalingActivities) and answer them with an HTTP 500
// page: asking again on every tree expansion or every endpoint of a fetch only costs time,
// since the answer cannot change while the same server runs. Refresh in the editor forgets
// (a stand-in may have been upgraded or replaced meanwhile); a CLI run starts afresh.

const unsupported = new Map<string, Set<string>>();

function where(url: string, region: string): string {
  return `${url} ${region}`;
}

/** Notes that the endpoint at `url` answered `operation` in `region` as unsupported. */
export function rememberUnsupported(url: string, region: string, operation: string): void {
  const key = where(url, region);
  const operations = unsupported.get(key) ?? new Set<string>();
  operations.add(operation);
  unsupported.set(key, operations);
}

/** Whether the endpoint at `url` answered `operation` in `region` as unsupported before. */
export function isKnownUnsupported(url: string, region: string, operation: string): boolean {
  return unsupported.get(where(url, region))?.has(operation) === true;
}

/** Forgets every remembered answer (the editor's Refresh). */
export function forgetUnsupported(): void {
  unsupported.clear();
}

/**
 * A call that was not sent because its endpoint answered it as unsupported before. Its
 * name is one that errors.ts's isNotImplemented recognises, so callers of optional calls
 * degrade on it as on the first answer.
 */
export class UnsupportedOperationError extends Error {
  override readonly name = 'UnsupportedOperation';
  /** Nothing was sent: no attempt, no status. */
  readonly $metadata = { attempts: 0 };
  constructor(
    readonly operation: string,
    readonly url: string,
  ) {
    super(`${url} answered ${operation} as unsupported before, so it was not sent again.`);
  }
}
