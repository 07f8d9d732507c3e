import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  BuildMiddleware,
  HandlerExecutionContext,
  InitializeMiddleware,
  MiddlewareStack,
  RetryErrorInfo,
  RetryStrategyV2,
  RetryToken,
} from '@smithy/types';
import { ConfigurationError, isNotImplemented, tagError } from './errors';
import { regionProblem } from './regions';
import { isKnownUnsupported, rememberUnsupported, UnsupportedOperationError } from './unsupported';

// One session = four SDK clients that share credentials, region, endpoint override, a
// retry strategy and a per-call log. Credentials stay inside the SDK's provider: nothing
// here reads, stores or prints them.

/** What the user chose (settings, flags); anything left out comes from the environment and shared config files. */
export interface AwsSettings {
  profile?: string;
  region?: string;
  /** An endpoint for every service (a local stand-in such as moto_server). */
  endpointUrl?: string;
}

/** The services a session talks to, by the ids the AWS CLI uses in `AWS_ENDPOINT_URL_<ID>`. */
export type ServiceId = 'APPLICATION_AUTO_SCALING' | 'SAGEMAKER' | 'CLOUDWATCH' | 'STS';
const SERVICE_IDS: readonly ServiceId[] = ['APPLICATION_AUTO_SCALING', 'SAGEMAKER', 'CLOUDWATCH', 'STS'];

/** Where a resolved value came from, for messages and the status bar. */
export type SettingSource = 'setting' | 'profile' | 'environment';

/** An AWS Region name such as us-east-1 or us-gov-west-1: what may go into a host name. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Settings after the AWS CLI's look-up order has been applied. */
export interface ResolvedSettings {
  /** The profile the credentials come from: the setting, AWS_PROFILE, or "default". */
  profile: string;
  /** Whether a profile was named (setting or AWS_PROFILE) rather than falling back to "default". */
  profileNamed: boolean;
  /** Whether the shared config or credentials file has a section for the profile. */
  profileFound: boolean;
  region: string | undefined;
  regionSource: SettingSource | undefined;
  /** The endpoint override per service, when there is one. */
  endpoints: Partial<Record<ServiceId, string>>;
}

/** One AWS call as the log reports it. Holds no credential and no request body. */
export interface CallRecord {
  /** The SDK client: ApplicationAutoScaling, SageMaker, CloudWatch, STS. */
  service: string;
  /** The API operation: PutScalingPolicy, DescribeEndpoint, … */
  operation: string;
  region: string;
  /** `ok`, the error's name (ThrottlingException, TimeoutError, AbortError, …), or `not sent (…)`. */
  outcome: string;
  requestId?: string;
  httpStatus?: number;
  /** Attempts the retry strategy made, 1 when the first one answered. */
  attempts: number;
  durationMs: number;
}

/** Retry tuning. Tests shrink the delays; people keep the defaults. */
export interface RetryOptions {
  /** Attempts per call, the first included. Default 5. */
  maxAttempts?: number;
  /** Base of the exponential backoff for transient errors, ms. Default 100. */
  baseDelayMs?: number;
  /** Base of the backoff for throttling and concurrent updates, ms. Default 500. */
  throttlingBaseDelayMs?: number;
  /** Upper bound of one wait, ms. Default 20,000. */
  maxDelayMs?: number;
}

export interface SessionOptions {
  /** Called once per AWS call (not per attempt), after it ends. */
  log?: (line: string, record: CallRecord) => void;
  retry?: RetryOptions;
  /** Milliseconds to wait for a connection / a response before failing the attempt. Defaults 5,000 / 60,000. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Credentials to use instead of the Node provider chain (tests and embedders with their own source). */
  credentials?: AwsCredentialIdentityProvider;
}

/** The four SDK clients of one session, with what they were configured with. Call destroy() when done. */
export interface AwsClients {
  autoScaling: ApplicationAutoScalingClient;
  sageMaker: SageMakerClient;
  cloudWatch: CloudWatchClient;
  sts: STSClient;
  settings: ResolvedSettings & { region: string };
  destroy(): void;
}

const ENV_SERVICE_KEYS: Record<ServiceId, string> = {
  APPLICATION_AUTO_SCALING: 'AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING',
  SAGEMAKER: 'AWS_ENDPOINT_URL_SAGEMAKER',
  CLOUDWATCH: 'AWS_ENDPOINT_URL_CLOUDWATCH',
  STS: 'AWS_ENDPOINT_URL_STS',
};

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

type SharedSections = Record<string, Record<string, string | undefined> | undefined>;

/** The shared config and credentials files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws), read afresh; empty when unreadable. */
async function readSharedFiles(
  env: NodeJS.ProcessEnv,
): Promise<{ configFile: SharedSections; credentialsFile: SharedSections }> {
  const files = await loadSharedConfigFiles({
    ignoreCache: true,
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
  }).catch(() => ({ configFile: {}, credentialsFile: {} }));
  return { configFile: files.configFile, credentialsFile: files.credentialsFile };
}

/**
 * Applies the look-up order to the settings. Profile: setting → AWS_PROFILE → "default".
 * Region: setting → the profile's `region` → AWS_REGION → AWS_DEFAULT_REGION.
 * Endpoint: setting → AWS_ENDPOINT_URL_<SERVICE> → AWS_ENDPOINT_URL → the profile's `endpoint_url`
 * (the last three skipped when `ignore_configured_endpoint_urls` is set, as in the AWS CLI).
 * Reads AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (or ~/.aws/config and credentials).
 */
export async function resolveSettings(
  settings: AwsSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedSettings> {
  const named = nonEmpty(settings.profile) ?? nonEmpty(env.AWS_PROFILE);
  const profile = named ?? 'default';
  const { configFile, credentialsFile } = await readSharedFiles(env);
  // The config file's section wins over the credentials file's for the same profile, as in the CLI.
  const section: Record<string, string | undefined> = { ...credentialsFile[profile], ...configFile[profile] };

  let region = nonEmpty(settings.region);
  let regionSource: SettingSource | undefined = region ? 'setting' : undefined;
  if (!region && nonEmpty(section.region)) [region, regionSource] = [nonEmpty(section.region), 'profile'];
  if (!region && nonEmpty(env.AWS_REGION ?? env.AWS_DEFAULT_REGION))
    [region, regionSource] = [nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION), 'environment'];

  const endpoints: Partial<Record<ServiceId, string>> = {};
  const explicit = nonEmpty(settings.endpointUrl);
  const ignoreConfigured =
    isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || isTrue(section.ignore_configured_endpoint_urls);
  for (const id of SERVICE_IDS) {
    const url =
      explicit ??
      (ignoreConfigured
        ? undefined
        : (nonEmpty(env[ENV_SERVICE_KEYS[id]]) ?? nonEmpty(env.AWS_ENDPOINT_URL) ?? nonEmpty(section.endpoint_url)));
    if (url) endpoints[id] = url;
  }
  const profileFound = configFile[profile] !== undefined || credentialsFile[profile] !== undefined;
  return { profile, profileNamed: named !== undefined, profileFound, region, regionSource, endpoints };
}

/** A profile of the shared config files, for a profile picker. */
export interface ProfileEntry {
  name: string;
  /** Which files have a section for it. */
  files: ('config' | 'credentials')[];
  /** The profile's `region`, when it sets one. */
  region?: string;
  /** Whether it signs in through IAM Identity Center (SSO). */
  sso: boolean;
}

/**
 * The profiles of the shared config and credentials files (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, or ~/.aws/), sorted by name; `[sso-session]` and
 * `[services]` sections left out. Reads names and regions only, never a credential.
 */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileEntry[]> {
  const { configFile, credentialsFile } = await readSharedFiles(env);
  const entries = new Map<string, ProfileEntry>();
  const add = (
    name: string,
    file: 'config' | 'credentials',
    section: Record<string, string | undefined> | undefined,
  ) => {
    if (/^(sso-session|services)\./.test(name)) return;
    const entry = entries.get(name) ?? { name, files: [], sso: false };
    entry.files.push(file);
    const region = nonEmpty(section?.region);
    if (region && (file === 'config' || !entry.region)) entry.region = region;
    if (section?.sso_session || section?.sso_start_url) entry.sso = true;
    entries.set(name, entry);
  };
  for (const [name, section] of Object.entries(configFile)) add(name, 'config', section);
  for (const [name, section] of Object.entries(credentialsFile)) add(name, 'credentials', section);
  return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------
// Retries: the SDK's standard strategy retries throttling and transient errors (5xx,
// timeouts, dropped connections) but not ConcurrentUpdateException, which Application Auto
// Scaling answers when two writes touch one target at once. This strategy retries all of
// them, with exponential backoff and full jitter, and returns the wait in the token so the
// SDK sleeps it where an abort signal can cut it short.

const RETRY_ALSO = new Set(['ConcurrentUpdateException']);
// The SDK counts LimitExceededException as throttling; in Application Auto Scaling and
// CloudWatch it means a quota is reached, which no retry fixes.
const NEVER_RETRY = new Set(['LimitExceededException', 'LimitExceededFault']);

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

/** Standard retries plus ConcurrentUpdateException, with configurable delays. */
export class ScalingRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly throttlingBaseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: RetryOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.throttlingBaseDelayMs = options.throttlingBaseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 20_000;
  }

  /**
   * Until when every new call of the session waits: a throttled or conflicting answer to any
   * call holds back the others too, so that workers applying side by side slow down
   * together instead of each hammering the account's request rate on its own. The SDK
   * asks for an initial token before each call's first attempt.
   */
  private pausedUntil = 0;

  async acquireInitialRetryToken(): Promise<RetryToken> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const name = info.error?.name ?? '';
    const slow = info.errorType === 'THROTTLING' || RETRY_ALSO.has(name);
    // An operation the endpoint does not implement (moto's HTTP 500 page) fails the same way
    // every time: five attempts cost a second and a half of backoff for nothing.
    const retryable =
      (slow || info.errorType === 'TRANSIENT') && !NEVER_RETRY.has(name) && !isNotImplemented(info.error);
    const count = token.getRetryCount();
    if (!retryable || count + 1 >= this.maxAttempts) throw info.error ?? new Error('not retried');
    const cap = Math.min(this.maxDelayMs, (slow ? this.throttlingBaseDelayMs : this.baseDelayMs) * 2 ** count);
    let delay = Math.random() * cap;
    if (info.retryAfterHint)
      delay = Math.max(delay, Math.min(this.maxDelayMs, info.retryAfterHint.getTime() - Date.now()));
    const wait = Math.max(0, Math.round(delay));
    if (slow) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
    return new Token(count + 1, wait);
  }

  recordSuccess(): void {}
}

// ---------------------------------------------------------------------------------------
// The per-call log: a middleware at the outermost step, so it sees one call (all its
// attempts) and never the signed request.

interface MetadataBearer {
  $metadata?: { requestId?: string; attempts?: number; httpStatusCode?: number };
}

/** One line for a call: `PutScalingPolicy us-east-1 ok 12 ms request 1a2b…`. */
export function formatCallRecord(r: CallRecord): string {
  const parts = [r.operation, r.region, r.outcome, `${r.durationMs} ms`];
  if (r.attempts > 1) parts.push(`${r.attempts} attempts`);
  if (r.httpStatus !== undefined && r.outcome !== 'ok') parts.push(`HTTP ${r.httpStatus}`);
  if (r.requestId) parts.push(`request ${r.requestId}`);
  return parts.join(' ');
}

/** Whether an operation only reads (Describe*, List*, Get*). */
export function isReadOperation(operation: string): boolean {
  return /^(Describe|List|Get)/.test(operation);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one middleware serves four clients' input and output types
type AnyStack = MiddlewareStack<any, any>;

interface CallContext extends HandlerExecutionContext {
  sagemakerScalingUrl?: string;
}

/** Logs each call and tags its errors with the call (operation, region, URL) for errors.ts. */
function addCallMiddleware(
  client: { middlewareStack: AnyStack },
  service: string,
  iamService: string,
  region: string,
  log: SessionOptions['log'],
): void {
  const outer: InitializeMiddleware<object, MetadataBearer> = (next, context: CallContext) => async (args) => {
    const started = performance.now();
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const report = (outcome: string, meta: MetadataBearer['$metadata']) => {
      if (!log) return;
      const record: CallRecord = {
        service,
        operation,
        region,
        outcome,
        attempts: meta?.attempts ?? 1,
        durationMs: Math.round(performance.now() - started),
      };
      if (meta?.requestId) record.requestId = meta.requestId;
      if (meta?.httpStatusCode !== undefined) record.httpStatus = meta.httpStatusCode;
      try {
        log(formatCallRecord(record), record);
      } catch {
        // A failing logger must not fail the call.
      }
    };
    try {
      const result = await next(args);
      report('ok', result.output.$metadata);
      return result;
    } catch (error) {
      const url = context.sagemakerScalingUrl;
      if (url && isNotImplemented(error) && !(error instanceof UnsupportedOperationError))
        rememberUnsupported(url, region, operation);
      tagError(error, {
        iamService,
        operation,
        region,
        ...(context.sagemakerScalingUrl ? { url: context.sagemakerScalingUrl } : {}),
      });
      const { name, code } = (error ?? {}) as { name?: string; code?: string };
      const outcome =
        error instanceof UnsupportedOperationError
          ? 'not sent (unsupported here, as answered before)'
          : name && name !== 'Error'
            ? name
            : (code ?? 'Error');
      report(outcome, (error as MetadataBearer)?.$metadata);
      throw error;
    }
  };
  // The build step sees the resolved request: note where it goes (no headers, no body), and
  // do not send what that endpoint has answered as unsupported before.
  const where: BuildMiddleware<object, MetadataBearer> = (next, context: CallContext) => async (args) => {
    const request = args.request as { protocol?: string; hostname?: string; port?: number } | undefined;
    if (request?.hostname) {
      const url = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
      context.sagemakerScalingUrl = url;
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      if (isKnownUnsupported(url, region, operation)) throw new UnsupportedOperationError(operation, url);
    }
    return next(args);
  };
  client.middlewareStack.add(outer, { step: 'initialize', name: 'sagemakerScalingCallLog', priority: 'high' });
  client.middlewareStack.add(where, { step: 'build', name: 'sagemakerScalingCallUrl', priority: 'low' });
}

/**
 * Creates the four clients of a session. Credentials come from the Node provider chain
 * (environment, shared files, SSO, credential process, container and instance roles) for
 * the resolved profile, and are fetched on the first call, not here. Throws
 * ConfigurationError when no region can be found.
 */
export async function createClients(settings: AwsSettings, options: SessionOptions = {}): Promise<AwsClients> {
  const resolved = await resolveSettings(settings);
  const region = resolved.region;
  if (!region) {
    if (resolved.profileNamed && !resolved.profileFound) {
      throw new ConfigurationError(
        `Profile ${resolved.profile} is not in the shared config files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, or ~/.aws/): run aws configure --profile ${resolved.profile}, or choose another profile.`,
      );
    }
    throw new ConfigurationError(
      `No AWS region is configured${resolved.profileNamed ? ` for profile ${resolved.profile}` : ''}: pass --region (or set "Region" in the file), set AWS_REGION, or add region to the profile (aws configure set region <region>${resolved.profileNamed ? ` --profile ${resolved.profile}` : ''}).`,
    );
  }
  const where =
    resolved.regionSource === 'profile'
      ? `Profile ${resolved.profile}'s region`
      : resolved.regionSource === 'environment'
        ? nonEmpty(process.env.AWS_REGION)
          ? 'AWS_REGION'
          : 'AWS_DEFAULT_REGION'
        : 'The region';
  const unknownRegion = regionProblem(region, where);
  if (unknownRegion) throw new ConfigurationError(unknownRegion);
  for (const url of Object.values(resolved.endpoints)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigurationError(
        `The endpoint URL "${url}" is not a URL: give it as http://host:port or https://host.`,
      );
    }
  }
  const credentials: AwsCredentialIdentityProvider =
    options.credentials ?? fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
  const retryStrategy = new ScalingRetryStrategy(options.retry);
  const common = {
    region,
    credentials,
    retryStrategy,
    maxAttempts: Math.max(1, options.retry?.maxAttempts ?? 5),
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 60_000,
      throwOnRequestTimeout: true,
    },
  };
  const endpoint = (id: ServiceId) => (resolved.endpoints[id] ? { endpoint: resolved.endpoints[id] } : {});
  const autoScaling = new ApplicationAutoScalingClient({ ...common, ...endpoint('APPLICATION_AUTO_SCALING') });
  const sageMaker = new SageMakerClient({ ...common, ...endpoint('SAGEMAKER') });
  const cloudWatch = new CloudWatchClient({ ...common, ...endpoint('CLOUDWATCH') });
  const sts = new STSClient({ ...common, ...endpoint('STS') });
  addCallMiddleware(autoScaling, 'ApplicationAutoScaling', 'application-autoscaling', region, options.log);
  addCallMiddleware(sageMaker, 'SageMaker', 'sagemaker', region, options.log);
  addCallMiddleware(cloudWatch, 'CloudWatch', 'cloudwatch', region, options.log);
  addCallMiddleware(sts, 'STS', 'sts', region, options.log);
  return {
    autoScaling,
    sageMaker,
    cloudWatch,
    sts,
    settings: { ...resolved, region },
    destroy() {
      for (const client of [autoScaling, sageMaker, cloudWatch, sts]) client.destroy();
    },
  };
}

/** Static test credentials as a provider, for local stand-ins such as moto_server. */
export function staticCredentials(accessKeyId: string, secretAccessKey: string): AwsCredentialIdentityProvider {
  const identity: AwsCredentialIdentity = { accessKeyId, secretAccessKey };
  return async () => identity;
}
