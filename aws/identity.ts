import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './session';

/** Who the credentials belong to: for the confirmation "Apply N changes to account A in region R?". */
export interface CallerIdentity {
  Account: string;
  /** The caller's ARN (a user, or an assumed role's session). */
  Arn: string;
}

/** STS GetCallerIdentity: the account id and ARN of the session's credentials. Needs no permission. */
export async function fetchCallerIdentity(clients: AwsClients, signal?: AbortSignal): Promise<CallerIdentity> {
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  return { Account: identity.Account ?? 'unknown', Arn: identity.Arn ?? '' };
}

const accounts = new WeakMap<AwsClients, Promise<string>>();

/**
 * The account id of a session's credentials, asked of STS once per session (a saved plan's
 * account check, the question before applying and the saved plan itself need the same
 * answer). A failure is not remembered: the next caller asks again.
 */
export function accountOf(clients: AwsClients): Promise<string> {
  let known = accounts.get(clients);
  if (!known) {
    known = fetchCallerIdentity(clients).then((identity) => identity.Account);
    accounts.set(clients, known);
    known.catch(() => accounts.delete(clients));
  }
  return known;
}
