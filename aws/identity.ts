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
