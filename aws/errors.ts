// Errors from the SDK, the credential providers and the network, turned into one message
// a person can act on: what failed and how to fix it. Never a stack trace, never a secret.

/** A problem with the user's AWS settings (no region, a malformed endpoint URL); its message is ready to show. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The call an SDK error came from, attached by the session's middleware. */
export interface CallInfo {
  /** The IAM service prefix: application-autoscaling, sagemaker, cloudwatch, sts. */
  iamService: string;
  operation: string;
  region: string;
  /** Where the request went: `https://host` or `http://127.0.0.1:5000`. */
  url?: string;
}

const CALL_INFO = Symbol.for('sagemakerScaling.callInfo');

/** Attaches the call to an error (used by the session's middleware). */
export function tagError(error: unknown, info: CallInfo): void {
  if (error && typeof error === 'object' && !(CALL_INFO in error)) {
    Object.defineProperty(error, CALL_INFO, { value: info, enumerable: false });
  }
}

/** The call an error came from, when a session client raised it. */
export function callInfoOf(error: unknown): CallInfo | undefined {
  return error && typeof error === 'object' ? (error as Record<symbol, CallInfo | undefined>)[CALL_INFO] : undefined;
}

/** What a message may name to be helpful: the profile the credentials came from. */
export interface ErrorContext {
  profile?: string;
}

/** The context of a session's errors: its profile when one was named (the default chain has no --profile to suggest). */
export function sessionErrorContext(settings: { profile: string; profileNamed: boolean }): ErrorContext {
  return settings.profileNamed ? { profile: settings.profile } : {};
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number };
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS is not answering)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was dropped',
  EPIPE: 'the connection was dropped',
  ECONNABORTED: 'the connection was aborted',
  UND_ERR_SOCKET: 'the connection was dropped',
};

function networkCode(error: SdkLikeError, depth = 0): string | undefined {
  if (error.code && NETWORK_CODES[error.code]) return error.code;
  if (error.cause && typeof error.cause === 'object' && depth < 5)
    return networkCode(error.cause as SdkLikeError, depth + 1);
  return undefined;
}

/** "5 attempts", "1 attempt", or "several attempts" when the SDK did not count them. */
function attemptsOf(e: SdkLikeError): string {
  const n = e.$metadata?.attempts;
  return n === undefined ? 'several attempts' : `${n} attempt${n === 1 ? '' : 's'}`;
}

function profileFlag(context: ErrorContext): string {
  return context.profile && context.profile !== 'default' ? ` --profile ${context.profile}` : '';
}

function profileWords(context: ErrorContext): string {
  return context.profile ? `profile ${context.profile}` : 'the current credentials';
}

/** Whether the error is a cancellation (an aborted signal), which callers report as "cancelled", not a failure. */
export function isAbortError(error: unknown): boolean {
  const e = error as SdkLikeError | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

/**
 * Whether the API endpoint does not implement the call: HTTP 501, an explicit
 * unknown-operation error, or an HTTP 500 whose body is no AWS response (moto answers the
 * calls it lacks with an HTML error page). Such an answer does not change on a retry, so
 * the session neither retries nor repeats it (see unsupported.ts), and callers of optional
 * calls (scaling activities, inference components) degrade on it. A 502, 503 or 504 with
 * an HTML body is a gateway or an overloaded server, which passes (RFC 9110, section 15.6:
 * https://www.rfc-editor.org/rfc/rfc9110#section-15.6), so it is not counted here.
 */
export function isNotImplemented(error: unknown): boolean {
  const e = error as SdkLikeError | undefined;
  const status = e?.$metadata?.httpStatusCode;
  if (status === 501) return true;
  if (/^(UnknownOperationException|NotImplemented|InvalidAction|UnsupportedOperation)$/.test(e?.name ?? ''))
    return true;
  return e?.name === 'SyntaxError' && status === 500;
}

/** The AWS error code (ThrottlingException, ValidationException, …), or undefined for non-AWS errors. */
export function errorCode(error: unknown): string | undefined {
  const e = error as SdkLikeError | undefined;
  return e?.name ?? e?.Code ?? e?.code;
}

/**
 * One message for any error of a session call, naming the fix: missing or expired
 * credentials (aws configure / aws sso login), access denied (which action), an endpoint
 * that cannot be reached (which URL), throttling that outlasted the retries, and AWS's own
 * validation messages. Never includes a stack trace or a credential.
 */
export function explainAwsError(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof ConfigurationError) return error.message;
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const message = (e.message ?? String(error)).trim();
  const call = callInfoOf(error);
  const action = call ? `${call.iamService}:${call.operation}` : undefined;
  const what = call ? call.operation : 'The AWS call';
  const flag = profileFlag(context);

  if (isAbortError(error)) return 'Cancelled.';

  // Credentials: the provider chain found nothing, or a session has run out.
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/sso/i.test(message) && /(expired|invalid|refresh)/i.test(message)) {
      return `The SSO session${context.profile ? ` of profile ${context.profile}` : ''} has expired or is not signed in: run aws sso login${flag}.`;
    }
    if (
      /could not be found|was not found|could not resolve credentials using profile/i.test(message) &&
      context.profile
    ) {
      return `No AWS credentials found for profile ${context.profile}: it is not in the shared config or credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, or ~/.aws/). Run aws configure${flag}, or choose another profile.`;
    }
    if (/could not load credentials from any providers/i.test(message)) {
      return `No AWS credentials found${context.profile ? ` for profile ${context.profile}` : ''}: run aws configure${flag} (or aws sso login${flag} for SSO), or set AWS_PROFILE to a profile that has credentials.`;
    }
    return `Could not get AWS credentials for ${profileWords(context)}: ${message}`;
  }
  if (
    /^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/.test(name) ||
    /security token included in the request is expired/i.test(message)
  ) {
    return `The AWS credentials of ${profileWords(context)} have expired: run aws sso login${flag} (for SSO profiles) or refresh the session credentials, then try again.`;
  }
  if (
    /^(InvalidClientTokenId|UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|AuthFailure)$/.test(
      name,
    )
  ) {
    return `AWS did not accept the credentials of ${profileWords(context)} (${name}): check the access key, or run aws configure${flag}.`;
  }
  if (
    /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|NotAuthorized|FailedResourceAccessException)$/.test(
      name,
    ) ||
    e.$metadata?.httpStatusCode === 403
  ) {
    if (name === 'FailedResourceAccessException') {
      return `${what} failed: Application Auto Scaling could not read the CloudWatch alarms it needs (${message}). Give its role cloudwatch:DescribeAlarms, or try again in a minute if the role is new.`;
    }
    return `Access denied: ${profileWords(context)} may not call ${action ?? 'this AWS action'}${call ? ` in ${call.region}` : ''}. Ask for that permission in IAM.${message ? ` AWS says: ${message}` : ''}`;
  }

  // The endpoint: nothing listening, no DNS, a timeout.
  const network = networkCode(e);
  if (network || name === 'TimeoutError' || name === 'RequestTimeout') {
    const why = network ? NETWORK_CODES[network] : 'it did not answer in time';
    const where = call?.url ?? 'the AWS endpoint';
    return `Cannot reach ${where}${call ? ` for ${call.operation}` : ''}: ${why}. Check the network, or the endpoint URL (--endpoint-url, AWS_ENDPOINT_URL, or the profile's endpoint_url) if you set one.`;
  }

  if (/^(ThrottlingException|Throttling|TooManyRequestsException|RequestLimitExceeded)$/.test(name)) {
    return `AWS kept throttling ${what} after ${attemptsOf(e)}: wait a little and run it again.`;
  }
  if (name === 'ConcurrentUpdateException') {
    return `${what} kept colliding with another update of the same scalable target after ${attemptsOf(e)}: wait until the other change is done, then run it again.`;
  }
  if (name === 'LimitExceededException') return `${what} failed: an AWS quota is reached (${message}).`;
  if (name === 'ObjectNotFoundException')
    return `${what} failed: AWS does not have the object it refers to (${message}).`;
  if (name === 'ValidationException') return `AWS rejected ${what}: ${message}`;

  if (name === 'UnsupportedOperation' && call?.url)
    return `${what} is not available at ${call.url}: it answered the call as unsupported before (local stand-ins such as moto lack some calls), so it was not sent again. Use AWS itself, or a stand-in that implements it.`;

  // A 5xx whose body is no AWS error: a proxy page, or a local stand-in that lacks the call.
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (
    name === 'SyntaxError' ||
    (status !== undefined && status >= 500 && /^(Error|UnknownError|InternalFailure|InternalServerError)$/.test(name))
  ) {
    return `${what} failed: ${call?.url ?? 'the endpoint'} answered${status !== undefined ? ` HTTP ${status}` : ''} with a body that is no AWS response. The service may not implement ${call?.operation ?? 'this call'} (local stand-ins such as moto lack some), or a proxy is in the way.`;
  }
  if (status !== undefined && status >= 500)
    return `${what} failed with a server error (${name}, HTTP ${status}) after ${attemptsOf(e)}: ${message}`;
  return `${what} failed: ${name === 'Error' ? '' : `${name}: `}${message}`;
}
