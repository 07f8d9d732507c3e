import {
  paginateDescribeScalableTargets,
  type ScalableTarget,
  type ScalingPolicy,
  type ScalableDimension,
  type ScheduledAction,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, paginateListInferenceComponents } from '@aws-sdk/client-sagemaker';
import {
  ALARM_SHAPE,
  canonicalize,
  POLICY_SHAPE,
  SCHEDULED_ACTION_SHAPE,
  SUSPENDED_STATE_SHAPE,
} from '../core/plan/canonical';
import { alarmForPolicy, alarmTriggers, policyAlarms, setPolicyAlarms } from '../core/plan/alarmActions';
import {
  keyText,
  type AlarmSpec,
  type LiveState,
  type LiveTarget,
  type PolicySpec,
  type ScheduledActionSpec,
  type TargetKey,
  type TargetState,
} from '../core/plan/liveState';
import { SAGEMAKER_DIMENSIONS } from '../core/facts/sagemaker';
import { errorCode, isNotImplemented } from './errors';
import { mapLimit } from './concurrency';
import { pagesWithin, readPoliciesAndActions, type ReadStrategy } from './liveReads';
import type { AwsClients } from './session';

// Reading live state: the scalable targets a file names, with their policies, scheduled
// actions and the alarms that trigger step policies, in the shapes of core/plan/liveState.ts.
// Only reads; every result is filtered exactly on our side (moto matches substrings).

/** A target key as the SDK's input members (the SDK types namespace and dimension as enums; ours are strings). */
export function keyInput(target: TargetKey): {
  ServiceNamespace: ServiceNamespace;
  ResourceId: string;
  ScalableDimension: ScalableDimension;
} {
  return {
    ServiceNamespace: target.ServiceNamespace as ServiceNamespace,
    ResourceId: target.ResourceId,
    ScalableDimension: target.ScalableDimension as ScalableDimension,
  };
}

/** Options for the reads: cancellation, and how many targets to read at once. */
export interface ReadOptions {
  signal?: AbortSignal;
  /** Reads in flight at once where targets are read one by one. Default 4. */
  concurrency?: number;
  /** Policies and actions across the namespace or per target; default: whichever costs fewer calls (aws/liveReads.ts). */
  strategy?: ReadStrategy;
}

// DescribeScalableTargets takes any number of ResourceIds; 50 per call keeps every answer
// on one page (moto pages wrongly past its first page of 50).
const RESOURCE_IDS_PER_CALL = 50;
const ALARM_NAMES_PER_CALL = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An instant as the file writes it: ISO-8601 in UTC, milliseconds only when there are some. */
export function isoString(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** Replaces every Date in a describe result by its ISO string, so canonical forms hold no Date. */
function withIsoDates(value: unknown): unknown {
  if (value instanceof Date) return isoString(value);
  if (Array.isArray(value)) return value.map(withIsoDates);
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = withIsoDates(v);
    return copy;
  }
  return value;
}

/** A scaling policy of describe output as the file format holds it (read-only members dropped). */
export function policySpecFromLive(policy: ScalingPolicy): PolicySpec {
  return canonicalize(withIsoDates(policy), POLICY_SHAPE) as PolicySpec;
}

/** A scheduled action of describe output as the file format holds it; times become ISO strings. */
export function scheduledActionSpecFromLive(action: ScheduledAction): ScheduledActionSpec {
  return canonicalize(withIsoDates(action), SCHEDULED_ACTION_SHAPE) as ScheduledActionSpec;
}

// Members DescribeAlarms fills in whether or not PutMetricAlarm was given them: an empty
// list of actions or dimensions says nothing the file would say.
const EMPTY_LIST_MEMBERS = ['AlarmActions', 'OKActions', 'InsufficientDataActions', 'Dimensions', 'Metrics'] as const;

/**
 * An alarm of DescribeAlarms as PutMetricAlarm takes it, every ARN in its action lists:
 * its own ARN and state (StateValue, StateReason, timestamps) dropped. Under a policy the
 * file holds it with that policy's ARN taken out (core/plan/alarmActions.ts, alarmForPolicy).
 */
export function alarmSpecFromLive(alarm: MetricAlarm): AlarmSpec {
  const spec = canonicalize(withIsoDates(alarm), ALARM_SHAPE) as AlarmSpec;
  for (const member of EMPTY_LIST_MEMBERS) {
    const value = spec[member];
    if (Array.isArray(value) && value.length === 0) delete spec[member];
  }
  return spec;
}

async function describeTargets(
  clients: AwsClients,
  keys: readonly TargetKey[],
  signal: AbortSignal | undefined,
): Promise<ScalableTarget[]> {
  const wanted = new Set(keys.map(keyText));
  const byNamespace = new Map<string, Set<string>>();
  for (const key of keys) {
    const ids = byNamespace.get(key.ServiceNamespace) ?? new Set<string>();
    ids.add(key.ResourceId);
    byNamespace.set(key.ServiceNamespace, ids);
  }
  const found = new Map<string, ScalableTarget>();
  for (const [namespace, ids] of byNamespace) {
    for (const chunk of chunks([...ids], RESOURCE_IDS_PER_CALL)) {
      // stopOnSameToken: moto answers the same NextToken forever past its first page.
      const pages = paginateDescribeScalableTargets(
        { client: clients.autoScaling, pageSize: RESOURCE_IDS_PER_CALL, stopOnSameToken: true },
        { ServiceNamespace: namespace as ServiceNamespace, ResourceIds: chunk },
        { abortSignal: signal },
      );
      for await (const page of pages) {
        for (const target of page.ScalableTargets ?? []) {
          const text = keyText(target as TargetKey);
          if (wanted.has(text) && !found.has(text)) found.set(text, target);
        }
      }
    }
  }
  return keys.map((key) => found.get(keyText(key))).filter((t): t is ScalableTarget => t !== undefined);
}

/** Metric alarms by name, in batches of 100 names. */
export async function describeAlarmsByName(
  clients: AwsClients,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, MetricAlarm>> {
  const alarms = new Map<string, MetricAlarm>();
  for (const batch of chunks([...new Set(names)], ALARM_NAMES_PER_CALL)) {
    let token: string | undefined;
    do {
      const page = await clients.cloudWatch.send(
        new DescribeAlarmsCommand({ AlarmNames: batch, AlarmTypes: ['MetricAlarm'], NextToken: token }),
        { abortSignal: signal },
      );
      for (const alarm of page.MetricAlarms ?? []) if (alarm.AlarmName) alarms.set(alarm.AlarmName, alarm);
      token = page.NextToken && page.NextToken !== token ? page.NextToken : undefined;
    } while (token);
  }
  return alarms;
}

/** Metric alarms whose actions start with the prefix (a policy's ARN). */
export async function describeAlarmsByAction(
  clients: AwsClients,
  actionPrefix: string,
  signal?: AbortSignal,
): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  let token: string | undefined;
  do {
    const page = await clients.cloudWatch.send(
      new DescribeAlarmsCommand({ ActionPrefix: actionPrefix, AlarmTypes: ['MetricAlarm'], NextToken: token }),
      { abortSignal: signal },
    );
    alarms.push(...(page.MetricAlarms ?? []));
    token = page.NextToken && page.NextToken !== token ? page.NextToken : undefined;
  } while (token);
  return alarms;
}

interface TargetReads {
  target: ScalableTarget;
  key: TargetKey;
  policies: ScalingPolicy[];
  actions: ScheduledAction[];
}

/**
 * Every metric alarm of the account and region (DescribeAlarms without a filter, 100 a
 * page), at most `maxPages` pages from `from` (the first page when undefined): `complete`
 * false when there were more, `next` then where to resume.
 */
function describeAllAlarms(clients: AwsClients, signal?: AbortSignal, maxPages = Infinity, from?: string) {
  return pagesWithin(
    maxPages,
    async (token) => {
      const page = await clients.cloudWatch.send(
        new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], MaxRecords: 100, NextToken: token }),
        { abortSignal: signal },
      );
      return { items: page.MetricAlarms ?? [], nextToken: page.NextToken };
    },
    from,
  );
}

/** The alarm names a desired target's step policies give (a key that is a file's target). */
function namedAlarms(key: TargetKey | TargetState): string[] {
  if (!('ScalingPolicies' in key) || !Array.isArray(key.ScalingPolicies)) return [];
  return key.ScalingPolicies.flatMap((p) => policyAlarms(p).map((a) => a.AlarmName));
}

/**
 * Live state of the given targets: DescribeScalableTargets (filtered by ResourceIds, 50 a
 * call), then the policies and scheduled actions of the targets found, across the
 * namespace or per target, whichever costs fewer calls (aws/liveReads.ts), then
 * DescribeAlarms for the alarms that trigger step policies. When a key is a file's target
 * (the plan passes `desired.targets`), the alarms its step policies name are read too, by
 * name. A target AWS does not have is absent from the result. Policies and actions come
 * sorted by name. Reads only.
 */
export async function fetchLiveState(
  clients: AwsClients,
  keys: readonly (TargetKey | TargetState)[],
  options: ReadOptions | AbortSignal = {},
): Promise<LiveState> {
  const {
    signal,
    concurrency = 4,
    strategy = 'auto',
  } = options instanceof AbortSignal ? ({ signal: options } as ReadOptions) : options;
  const targets = await describeTargets(clients, keys, signal);
  const foundKeys: TargetKey[] = targets.map((target) => ({
    ServiceNamespace: target.ServiceNamespace!,
    ResourceId: target.ResourceId!,
    ScalableDimension: target.ScalableDimension!,
  }));
  const objects = await readPoliciesAndActions(clients, foundKeys, { signal, concurrency, strategy });
  const reads: TargetReads[] = targets.map((target, i) => {
    const key = foundKeys[i]!;
    return {
      target,
      key,
      policies: objects.policies.get(keyText(key)) ?? [],
      actions: objects.actions.get(keyText(key)) ?? [],
    };
  });

  // The alarms of step policies, found three ways. By name: those AWS lists in a policy's
  // Alarms and those the file names. By action: DescribeAlarms' ActionPrefix matches "a
  // prefix for any action" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html),
  // so it also finds an alarm whose OKActions alone name the policy, should AWS not list
  // that one. And where a step policy still has no alarm, every alarm of the account, once:
  // moto lists no alarms for policies and matches ActionPrefix against AlarmActions only,
  // so an alarm that triggers its policy on OK is found no other way there. On AWS that
  // scan runs only for a step policy nothing triggers.
  const stepPolicies = reads.flatMap((r) => r.policies.filter((p) => p.PolicyType === 'StepScaling' && p.PolicyARN));
  const listedNames = stepPolicies.flatMap((p) => (p.Alarms ?? []).map((a) => a.AlarmName!).filter(Boolean));
  const names = new Set([...listedNames, ...keys.flatMap(namedAlarms)]);
  const arns = stepPolicies.map((p) => p.PolicyARN!);
  const triggersOne = (alarm: MetricAlarm) => {
    const spec = alarmSpecFromLive(alarm);
    return arns.some((arn) => alarmTriggers(spec, arn));
  };
  // Many step policies: the account's alarms read once, when that takes no more pages than
  // the one ActionPrefix look-up per policy it replaces (reads grow with pages, not
  // targets); it finds the named alarms too. Otherwise by name and by action, as below.
  const scan = stepPolicies.length > 1 ? await describeAllAlarms(clients, signal, stepPolicies.length) : undefined;
  const alarmsByName = new Map<string, MetricAlarm>();
  if (scan?.complete) {
    for (const alarm of scan.items)
      if (alarm.AlarmName && (names.has(alarm.AlarmName) || triggersOne(alarm)))
        alarmsByName.set(alarm.AlarmName, alarm);
  } else {
    for (const [name, alarm] of await describeAlarmsByName(clients, [...names], signal)) alarmsByName.set(name, alarm);
    const byAction = await mapLimit(stepPolicies, concurrency, (p) =>
      describeAlarmsByAction(clients, p.PolicyARN!, signal),
    );
    for (const alarm of byAction.flat()) if (alarm.AlarmName) alarmsByName.set(alarm.AlarmName, alarm);
    const found = [...alarmsByName.values()].map(alarmSpecFromLive);
    if (arns.some((arn) => !found.some((alarm) => alarmTriggers(alarm, arn)))) {
      // The whole account, resumed where the budgeted scan stopped: its pages are not read twice.
      const all = scan
        ? [...scan.items, ...(await describeAllAlarms(clients, signal, Infinity, scan.next)).items]
        : (await describeAllAlarms(clients, signal)).items;
      for (const alarm of all) {
        if (alarm.AlarmName && !alarmsByName.has(alarm.AlarmName) && triggersOne(alarm))
          alarmsByName.set(alarm.AlarmName, alarm);
      }
    }
  }
  const alarms = [...alarmsByName.values()]
    .map(alarmSpecFromLive)
    .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : a.AlarmName > b.AlarmName ? 1 : 0));

  return {
    targets: reads.map(({ target, key, policies, actions }): LiveTarget => {
      const live: LiveTarget = { ...key, ScalingPolicies: [], ScheduledActions: [], policyFacts: {} };
      if (target.MinCapacity !== undefined) live.MinCapacity = target.MinCapacity;
      if (target.MaxCapacity !== undefined) live.MaxCapacity = target.MaxCapacity;
      if (target.RoleARN) live.RoleARN = target.RoleARN;
      if (target.SuspendedState)
        live.SuspendedState = canonicalize(
          target.SuspendedState,
          SUSPENDED_STATE_SHAPE,
        ) as LiveTarget['SuspendedState'];
      for (const policy of policies) {
        const spec = policySpecFromLive(policy);
        const names = new Set((policy.Alarms ?? []).map((a) => a.AlarmName!).filter(Boolean));
        if (policy.PolicyType === 'StepScaling' && policy.PolicyARN) {
          // Every alarm whose actions name the policy, by name, as the file holds it under the policy.
          const mine = alarms.filter((alarm) => alarmTriggers(alarm, policy.PolicyARN!));
          for (const alarm of mine) names.add(alarm.AlarmName);
          setPolicyAlarms(
            spec,
            mine.map((alarm) => alarmForPolicy(alarm, policy.PolicyARN)),
          );
        }
        live.ScalingPolicies.push(spec);
        live.policyFacts[policy.PolicyName!] = { PolicyARN: policy.PolicyARN ?? '', AlarmNames: [...names].sort() };
      }
      live.ScheduledActions = actions.map(scheduledActionSpecFromLive);
      return live;
    }),
    alarms,
  };
}

/** What fetchTargetsFor found: live targets in argument order, and the arguments that matched none. */
export interface FetchResult {
  targets: LiveTarget[];
  /** Arguments with no scalable target behind them. */
  notFound: string[];
  /** Of those, the endpoint names that name no endpoint at all (DescribeEndpoint could not find them). */
  missingEndpoints: string[];
}

/** The scalable-target keys a SageMaker resource id can have. */
function sageMakerKeys(resourceId: string): TargetKey[] {
  if (resourceId.startsWith('inference-component/')) {
    return [
      {
        ServiceNamespace: 'sagemaker',
        ResourceId: resourceId,
        ScalableDimension: SAGEMAKER_DIMENSIONS.inferenceComponentCopies,
      },
    ];
  }
  return [SAGEMAKER_DIMENSIONS.variantInstances, SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency].map(
    (ScalableDimension) => ({ ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension }),
  );
}

/** Thrown for an argument that is neither an endpoint name nor a SageMaker resource id. */
export class FetchArgumentError extends Error {
  override readonly name = 'FetchArgumentError';
}

/** Keys of every variant and inference component of an endpoint (DescribeEndpoint, ListInferenceComponents). */
async function endpointKeys(
  clients: AwsClients,
  endpointName: string,
  signal: AbortSignal | undefined,
): Promise<TargetKey[] | undefined> {
  let variants: string[];
  try {
    const endpoint = await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }), {
      abortSignal: signal,
    });
    variants = (endpoint.ProductionVariants ?? []).map((v) => v.VariantName!).filter(Boolean);
  } catch (error) {
    if (errorCode(error) === 'ValidationException' && /could not find/i.test((error as Error).message))
      return undefined;
    throw error;
  }
  const keys = variants.flatMap((v) => sageMakerKeys(`endpoint/${endpointName}/variant/${v}`));
  try {
    const pages = paginateListInferenceComponents(
      { client: clients.sageMaker, pageSize: 100, stopOnSameToken: true },
      { EndpointNameEquals: endpointName },
      { abortSignal: signal },
    );
    for await (const page of pages) {
      for (const component of page.InferenceComponents ?? []) {
        if (component.InferenceComponentName && component.EndpointName === endpointName)
          keys.push(...sageMakerKeys(`inference-component/${component.InferenceComponentName}`));
      }
    }
  } catch (error) {
    if (!isNotImplemented(error)) throw error; // moto has no inference components at all
  }
  return keys;
}

/**
 * Live targets for fetch: each argument is an endpoint name (all its variants' and
 * inference components' targets), a variant's resource id `endpoint/<e>/variant/<v>`, or
 * `inference-component/<name>`. Throws FetchArgumentError for anything else.
 */
export async function fetchTargetsFor(
  clients: AwsClients,
  endpointOrResourceIds: readonly string[],
  options: ReadOptions | AbortSignal = {},
): Promise<FetchResult> {
  const signal = options instanceof AbortSignal ? options : options.signal;
  const perArgument: { argument: string; keys: TargetKey[] }[] = [];
  const missingEndpoints: string[] = [];
  for (const argument of endpointOrResourceIds) {
    if (/^endpoint\/[^/]+\/variant\/[^/]+$/.test(argument) || /^inference-component\/[^/]+$/.test(argument)) {
      perArgument.push({ argument, keys: sageMakerKeys(argument) });
    } else if (/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(argument)) {
      const keys = await endpointKeys(clients, argument, signal);
      if (!keys) missingEndpoints.push(argument);
      perArgument.push({ argument, keys: keys ?? [] });
    } else {
      throw new FetchArgumentError(
        `"${argument}" is neither an endpoint name nor a SageMaker resource id (endpoint/<endpoint>/variant/<variant> or inference-component/<name>)`,
      );
    }
  }
  const allKeys = perArgument.flatMap((a) => a.keys);
  const unique = [...new Map(allKeys.map((k) => [keyText(k), k])).values()];
  const live = await fetchLiveState(clients, unique, options);
  const found = new Set(live.targets.map(keyText));
  return {
    targets: live.targets,
    notFound: perArgument.filter((a) => !a.keys.some((k) => found.has(keyText(k)))).map((a) => a.argument),
    missingEndpoints,
  };
}
