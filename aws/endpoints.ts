import {
  paginateDescribeScalingActivities,
  type ScalingActivity as SdkScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  DescribeInferenceComponentCommand,
  paginateListEndpoints,
  paginateListInferenceComponents,
} from '@aws-sdk/client-sagemaker';
import type { LiveTarget, TargetKey } from '../core/plan/liveState';
import { SAGEMAKER_DIMENSIONS } from '../core/facts/sagemaker';
import { didYouMean } from '../core/language/didYouMean';
import { callInfoOf, explainAwsError, errorCode, isNotImplemented } from './errors';
import { fetchLiveState, isoString, keyInput } from './fetchLive';
import { REGION_NAME, type AwsClients } from './session';

// SageMaker as the tree shows it: endpoints → production variants → the scalable target,
// its policies and scheduled actions, recent scaling activity; inference components.
// Plain data out (no SDK types), ISO strings for times. Reads only.

/** An endpoint of ListEndpoints. */
export interface EndpointSummary {
  EndpointName: string;
  EndpointArn: string;
  /** InService, Creating, Updating, SystemUpdating, RollingBack, OutOfService, Deleting, Failed, UpdateRollbackFailed. */
  EndpointStatus: string;
  CreationTime?: string;
  LastModifiedTime?: string;
}

/** The serverless configuration of a variant. */
export interface ServerlessConfig {
  MemorySizeInMB?: number;
  MaxConcurrency?: number;
  ProvisionedConcurrency?: number;
}

/** A production variant with what the tree and the live checks need. */
export interface VariantDetails {
  VariantName: string;
  /** `endpoint/<endpoint>/variant/<variant>`: the variant's scalable-target ResourceId. */
  resourceId: string;
  kind: 'instance' | 'serverless';
  /** The dimension Application Auto Scaling scales this kind of variant by. */
  scalableDimension: string;
  /** From the endpoint configuration; undefined for serverless variants or when the configuration is gone. */
  InstanceType?: string;
  CurrentInstanceCount?: number;
  DesiredInstanceCount?: number;
  /** The serverless configuration in force (current, else desired, else the endpoint configuration's). */
  ServerlessConfig?: ServerlessConfig;
}

/** An endpoint with its variants (DescribeEndpoint + DescribeEndpointConfig). */
export interface EndpointDetails {
  EndpointName: string;
  EndpointArn: string;
  EndpointStatus: string;
  FailureReason?: string;
  EndpointConfigName?: string;
  variants: VariantDetails[];
  /** Why the endpoint configuration could not be read (it was deleted, or access is denied); instance types are then unknown. */
  configProblem?: string;
  /**
   * Whether the endpoint configuration enables asynchronous inference (it has an
   * AsyncInferenceConfig with its required OutputConfig); undefined when the configuration
   * could not be read.
   */
  asynchronous?: boolean;
}

/** One scaling activity of DescribeScalingActivities. */
export interface ScalingActivity {
  ActivityId: string;
  Description: string;
  Cause: string;
  /** Pending, InProgress, Successful, Overridden, Unfulfilled, Failed. */
  StatusCode: string;
  StatusMessage?: string;
  StartTime?: string;
  EndTime?: string;
  Details?: string;
}

/** An inference component of ListInferenceComponents. */
export interface InferenceComponentSummary {
  InferenceComponentName: string;
  InferenceComponentArn: string;
  EndpointName: string;
  VariantName: string;
  /** InService, Creating, Updating, Failed, Deleting. */
  Status?: string;
  /** `inference-component/<name>`: its scalable-target ResourceId. */
  resourceId: string;
  CreationTime?: string;
}

/** Every endpoint of the account and region (ListEndpoints, all pages), sorted by name. */
export async function listEndpoints(
  clients: AwsClients,
  options: { signal?: AbortSignal; pageSize?: number } = {},
): Promise<EndpointSummary[]> {
  const endpoints: EndpointSummary[] = [];
  const pages = paginateListEndpoints(
    { client: clients.sageMaker, pageSize: options.pageSize ?? 100, stopOnSameToken: true },
    {},
    { abortSignal: options.signal },
  );
  for await (const page of pages) {
    for (const e of page.Endpoints ?? []) {
      if (!e.EndpointName) continue;
      const summary: EndpointSummary = {
        EndpointName: e.EndpointName,
        EndpointArn: e.EndpointArn ?? '',
        EndpointStatus: e.EndpointStatus ?? 'Unknown',
      };
      if (e.CreationTime) summary.CreationTime = isoString(e.CreationTime);
      if (e.LastModifiedTime) summary.LastModifiedTime = isoString(e.LastModifiedTime);
      endpoints.push(summary);
    }
  }
  return endpoints.sort((a, b) => (a.EndpointName < b.EndpointName ? -1 : a.EndpointName > b.EndpointName ? 1 : 0));
}

/**
 * "no endpoint named X in R: did you mean Y?", or the endpoints there are when none is near
 * (`names`: the region's endpoints). `regionFix` is how the reader picks another region.
 */
export function noEndpointMessage(
  name: string,
  region: string,
  names: readonly string[],
  regionFix = 'check the region',
): string {
  const hint = didYouMean(name, names);
  if (hint) return `no endpoint named ${name} in ${region}: ${hint}`;
  if (names.length === 0)
    return `no endpoint named ${name} in ${region}, which has no SageMaker endpoints: ${regionFix}`;
  const shown = names.slice(0, 5).join(', ');
  return `no endpoint named ${name} in ${region}; its endpoints: ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
}

/** Thrown by describeEndpoint when the endpoint does not exist. */
export class EndpointNotFoundError extends Error {
  override readonly name = 'EndpointNotFoundError';
  constructor(
    readonly endpointName: string,
    region: string,
  ) {
    super(`Endpoint "${endpointName}" does not exist in ${region}.`);
  }
}

function cleanServerless(
  config: { MemorySizeInMB?: number; MaxConcurrency?: number; ProvisionedConcurrency?: number } | undefined,
): ServerlessConfig | undefined {
  if (!config) return undefined;
  const out: ServerlessConfig = {};
  if (config.MemorySizeInMB !== undefined) out.MemorySizeInMB = config.MemorySizeInMB;
  if (config.MaxConcurrency !== undefined) out.MaxConcurrency = config.MaxConcurrency;
  if (config.ProvisionedConcurrency !== undefined) out.ProvisionedConcurrency = config.ProvisionedConcurrency;
  return out;
}

/**
 * An endpoint and its production variants: DescribeEndpoint, then DescribeEndpointConfig
 * for instance types and serverless settings. Throws EndpointNotFoundError when the
 * endpoint does not exist.
 */
/** DescribeEndpointConfig answers by configuration name, shared by the endpoints of one read. */
export type EndpointConfigCache = Map<string, Promise<DescribeEndpointConfigCommandOutput>>;

export async function describeEndpoint(
  clients: AwsClients,
  endpointName: string,
  signal?: AbortSignal,
  configs?: EndpointConfigCache,
): Promise<EndpointDetails> {
  let endpoint;
  try {
    endpoint = await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }), {
      abortSignal: signal,
    });
  } catch (error) {
    if (errorCode(error) === 'ValidationException' && /could not find/i.test((error as Error).message ?? ''))
      throw new EndpointNotFoundError(endpointName, clients.settings.region);
    throw error;
  }
  const details: EndpointDetails = {
    EndpointName: endpoint.EndpointName ?? endpointName,
    EndpointArn: endpoint.EndpointArn ?? '',
    EndpointStatus: endpoint.EndpointStatus ?? 'Unknown',
    variants: [],
  };
  if (endpoint.FailureReason) details.FailureReason = endpoint.FailureReason;
  if (endpoint.EndpointConfigName) details.EndpointConfigName = endpoint.EndpointConfigName;

  const configured = new Map<string, { InstanceType?: string; ServerlessConfig?: ServerlessConfig }>();
  if (endpoint.EndpointConfigName) {
    try {
      const name = endpoint.EndpointConfigName;
      const read = () =>
        clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }), {
          abortSignal: signal,
        });
      // Endpoints often share a configuration (one per model version): read each once.
      let pending = configs?.get(name);
      if (!pending) {
        pending = read();
        configs?.set(name, pending);
      }
      const config = await pending;
      details.asynchronous = config.AsyncInferenceConfig?.OutputConfig !== undefined;
      for (const v of config.ProductionVariants ?? []) {
        if (!v.VariantName) continue;
        const entry: { InstanceType?: string; ServerlessConfig?: ServerlessConfig } = {};
        if (v.InstanceType) entry.InstanceType = v.InstanceType;
        const serverless = cleanServerless(v.ServerlessConfig);
        if (serverless) entry.ServerlessConfig = serverless;
        configured.set(v.VariantName, entry);
      }
    } catch (error) {
      // The endpoint keeps running when its configuration is deleted; the tree still shows it.
      if (errorCode(error) === 'AbortError') throw error;
      details.configProblem = explainAwsError(error);
    }
  }
  for (const v of endpoint.ProductionVariants ?? []) {
    if (!v.VariantName) continue;
    const config = configured.get(v.VariantName);
    const serverless =
      cleanServerless(v.CurrentServerlessConfig) ??
      cleanServerless(v.DesiredServerlessConfig) ??
      config?.ServerlessConfig;
    const kind = serverless ? 'serverless' : 'instance';
    const variant: VariantDetails = {
      VariantName: v.VariantName,
      resourceId: `endpoint/${details.EndpointName}/variant/${v.VariantName}`,
      kind,
      scalableDimension:
        kind === 'serverless'
          ? SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency
          : SAGEMAKER_DIMENSIONS.variantInstances,
    };
    if (config?.InstanceType) variant.InstanceType = config.InstanceType;
    if (v.CurrentInstanceCount !== undefined) variant.CurrentInstanceCount = v.CurrentInstanceCount;
    if (v.DesiredInstanceCount !== undefined) variant.DesiredInstanceCount = v.DesiredInstanceCount;
    if (serverless) variant.ServerlessConfig = serverless;
    details.variants.push(variant);
  }
  return details;
}

/**
 * The scaling set-up of one resource (a variant's `endpoint/<e>/variant/<v>` or an
 * `inference-component/<name>`): its scalable targets with policies, scheduled actions and
 * step alarms. Empty when nothing is registered.
 */
export async function fetchResourceScaling(
  clients: AwsClients,
  resourceId: string,
  signal?: AbortSignal,
): Promise<LiveTarget[]> {
  const dimensions = resourceId.startsWith('inference-component/')
    ? [SAGEMAKER_DIMENSIONS.inferenceComponentCopies]
    : [SAGEMAKER_DIMENSIONS.variantInstances, SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency];
  const keys: TargetKey[] = dimensions.map((ScalableDimension) => ({
    ServiceNamespace: 'sagemaker',
    ResourceId: resourceId,
    ScalableDimension,
  }));
  return (await fetchLiveState(clients, keys, { signal })).targets;
}

/**
 * Recent scaling activity of a target, newest first (DescribeScalingActivities). When the
 * API endpoint does not implement the call (moto) or access is denied, the list is empty and
 * `unavailable` says why, so the tree shows a placeholder instead of failing.
 */
export async function fetchScalingActivities(
  clients: AwsClients,
  key: TargetKey,
  options: { signal?: AbortSignal; maxResults?: number } = {},
): Promise<{ activities: ScalingActivity[]; unavailable?: string }> {
  const max = options.maxResults ?? 20;
  const activities: ScalingActivity[] = [];
  try {
    const pages = paginateDescribeScalingActivities(
      { client: clients.autoScaling, pageSize: Math.min(50, max), stopOnSameToken: true },
      { ...keyInput(key) },
      { abortSignal: options.signal },
    );
    for await (const page of pages) {
      for (const a of page.ScalingActivities ?? []) {
        if (a.ResourceId !== key.ResourceId || a.ScalableDimension !== key.ScalableDimension) continue;
        activities.push(activity(a));
      }
      if (activities.length >= max) break;
    }
  } catch (error) {
    if (errorCode(error) === 'AbortError') throw error;
    if (isNotImplemented(error)) {
      const url = callInfoOf(error)?.url;
      return {
        activities: [],
        unavailable: `The API endpoint ${url ? `${url} ` : ''}(where the calls go, not your SageMaker endpoint) does not implement DescribeScalingActivities: local stand-ins such as moto lack it.`,
      };
    }
    if (/AccessDenied/.test(errorCode(error) ?? '')) return { activities: [], unavailable: explainAwsError(error) };
    throw error;
  }
  activities.sort((a, b) => (b.StartTime ?? '').localeCompare(a.StartTime ?? ''));
  return { activities: activities.slice(0, max) };
}

function activity(a: SdkScalingActivity): ScalingActivity {
  const out: ScalingActivity = {
    ActivityId: a.ActivityId ?? '',
    Description: a.Description ?? '',
    Cause: a.Cause ?? '',
    StatusCode: a.StatusCode ?? 'Unknown',
  };
  if (a.StatusMessage) out.StatusMessage = a.StatusMessage;
  if (a.StartTime) out.StartTime = isoString(a.StartTime);
  if (a.EndTime) out.EndTime = isoString(a.EndTime);
  if (a.Details) out.Details = a.Details;
  return out;
}

/**
 * Inference components, of one endpoint or all (ListInferenceComponents, all pages).
 * Empty when the API endpoint does not implement the call (moto has none).
 */
export async function listInferenceComponents(
  clients: AwsClients,
  options: { endpointName?: string; signal?: AbortSignal } = {},
): Promise<InferenceComponentSummary[]> {
  const components: InferenceComponentSummary[] = [];
  try {
    const pages = paginateListInferenceComponents(
      { client: clients.sageMaker, pageSize: 100, stopOnSameToken: true },
      options.endpointName ? { EndpointNameEquals: options.endpointName } : {},
      { abortSignal: options.signal },
    );
    for await (const page of pages) {
      for (const c of page.InferenceComponents ?? []) {
        if (!c.InferenceComponentName || (options.endpointName && c.EndpointName !== options.endpointName)) continue;
        const summary: InferenceComponentSummary = {
          InferenceComponentName: c.InferenceComponentName,
          InferenceComponentArn: c.InferenceComponentArn ?? '',
          EndpointName: c.EndpointName ?? '',
          VariantName: c.VariantName ?? '',
          resourceId: `inference-component/${c.InferenceComponentName}`,
        };
        if (c.InferenceComponentStatus) summary.Status = c.InferenceComponentStatus;
        if (c.CreationTime) summary.CreationTime = isoString(c.CreationTime);
        components.push(summary);
      }
    }
  } catch (error) {
    if (isNotImplemented(error)) return [];
    throw error;
  }
  return components.sort((a, b) => (a.InferenceComponentName < b.InferenceComponentName ? -1 : 1));
}

/** Whether an inference component exists: true, false, or undefined when the API endpoint cannot tell (moto). */
export async function inferenceComponentExists(
  clients: AwsClients,
  name: string,
  signal?: AbortSignal,
): Promise<boolean | undefined> {
  try {
    await clients.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }), {
      abortSignal: signal,
    });
    return true;
  } catch (error) {
    if (
      errorCode(error) === 'ValidationException' &&
      /could not find|does not exist|not found/i.test((error as Error).message ?? '')
    )
      return false;
    if (errorCode(error) === 'ResourceNotFound') return false;
    if (isNotImplemented(error)) return undefined;
    throw error;
  }
}

/**
 * The SageMaker console page of an endpoint, for "Open in AWS console": the China and
 * GovCloud partitions have consoles of their own. The region comes from the user's
 * profile or environment; only a region name goes into the host name (anything else is
 * left to the query string, where the console reports it).
 */
export function endpointConsoleUrl(region: string, endpointName: string): string {
  const page = `/sagemaker/home?region=${encodeURIComponent(region)}#/endpoints/${encodeURIComponent(endpointName)}`;
  if (region.startsWith('cn-')) return `https://console.amazonaws.cn${page}`;
  if (region.startsWith('us-gov-')) return `https://console.amazonaws-us-gov.com${page}`;
  return REGION_NAME.test(region)
    ? `https://${region}.console.aws.amazon.com${page}`
    : `https://console.aws.amazon.com${page}`;
}
