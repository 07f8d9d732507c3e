import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  type ScalableDimension,
  type ScalingPolicy,
  type ScheduledAction,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { keyText, type TargetKey } from '../core/plan/liveState';
import { mapLimit } from './concurrency';
import type { AwsClients } from './session';

// The policies and scheduled actions of many targets with few calls. Two ways to read them:
//
// - per target: DescribeScalingPolicies and DescribeScheduledActions filtered by ResourceId
//   and ScalableDimension, at least one call each per target;
// - across the namespace: the same calls with ServiceNamespace alone, page by page, kept
//   for the wanted targets: as many calls as the account has pages, whatever the file holds.
//
// Which costs fewer depends on the account, which we cannot see beforehand. So the
// namespace is read with a budget of as many pages as per-target reads would cost at the
// least (one call per target); if it has more pages than that, what was read is dropped
// and the targets are read one by one. A file naming most of an account's targets pays
// the namespace's pages; one naming a few targets of a large account pays at most twice the
// per-target cost. Both give the same result (test/aws/liveReads.test.ts holds them equal).
//
// Page sizes are the APIs' maxima: MaxResults up to 10 for DescribeScalingPolicies
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html)
// and up to 50 for DescribeScheduledActions
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScheduledActions.html).

const POLICIES_PER_PAGE = 10;
const ACTIONS_PER_PAGE = 50;

/** How to read: choose by cost, or force one way (the tests compare the two). */
export type ReadStrategy = 'auto' | 'perTarget' | 'namespace';

export interface ObjectsOfTargets {
  /** By keyText of the target: its policies, sorted by name. */
  policies: Map<string, ScalingPolicy[]>;
  /** By keyText of the target: its scheduled actions, sorted by name. */
  actions: Map<string, ScheduledAction[]>;
  /** How each list was read in the end, for --verbose and the tests. */
  used: { policies: 'perTarget' | 'namespace'; actions: 'perTarget' | 'namespace' };
}

/** One page of a list call: its items and the token of the next page. */
interface Listing<T> {
  items: T[];
  nextToken: string | undefined;
}

/** Whether the object belongs to exactly this target (moto matches ResourceId as a substring). */
function keyOfObject(object: { ServiceNamespace?: string; ResourceId?: string; ScalableDimension?: string }): string {
  return keyText({
    ServiceNamespace: object.ServiceNamespace ?? '',
    ResourceId: object.ResourceId ?? '',
    ScalableDimension: object.ScalableDimension ?? '',
  });
}

/**
 * Pages of a list call from `from` (the first page when undefined), at most `budget` of
 * them; `complete` false when there were more, `next` then the token to resume from. A
 * NextToken equal to the last one ends the listing (moto repeats tokens past its last page).
 */
export async function pagesWithin<T>(
  budget: number,
  page: (token: string | undefined) => Promise<Listing<T>>,
  from?: string,
): Promise<{ items: T[]; complete: true } | { items: T[]; complete: false; next: string }> {
  const items: T[] = [];
  let token = from;
  for (let pages = 0; pages < budget; pages++) {
    const answer = await page(token);
    items.push(...answer.items);
    if (!answer.nextToken || answer.nextToken === token) return { items, complete: true };
    token = answer.nextToken;
  }
  return { items, complete: false, next: token! };
}

/** Groups objects by target, keeping only the wanted targets, each list sorted by `name`. */
function byTarget<T extends { ServiceNamespace?: string; ResourceId?: string; ScalableDimension?: string }>(
  objects: readonly T[],
  wanted: ReadonlySet<string>,
  name: (o: T) => string | undefined,
): Map<string, T[]> {
  const out = new Map<string, Map<string, T>>();
  for (const object of objects) {
    const key = keyOfObject(object);
    const objectName = name(object);
    if (!wanted.has(key) || !objectName) continue;
    let named = out.get(key);
    if (!named) out.set(key, (named = new Map()));
    named.set(objectName, object);
  }
  const sorted = new Map<string, T[]>();
  for (const key of wanted)
    sorted.set(
      key,
      [...(out.get(key)?.values() ?? [])].sort((a, b) => (name(a)! < name(b)! ? -1 : name(a)! > name(b)! ? 1 : 0)),
    );
  return sorted;
}

/**
 * One list (policies or actions) of the targets: across each namespace within the budget,
 * else per target.
 */
async function readList<T extends { ServiceNamespace?: string; ResourceId?: string; ScalableDimension?: string }>(
  keys: readonly TargetKey[],
  strategy: ReadStrategy,
  concurrency: number,
  name: (o: T) => string | undefined,
  list: (filter: { namespace: string; key?: TargetKey }, token: string | undefined) => Promise<Listing<T>>,
): Promise<{ byKey: Map<string, T[]>; used: 'perTarget' | 'namespace' }> {
  const wanted = new Set(keys.map(keyText));
  const namespaces = [...new Set(keys.map((k) => k.ServiceNamespace))];
  // One target costs one call either way: per target is never worse.
  if (strategy === 'namespace' || (strategy === 'auto' && keys.length > 1)) {
    const found: T[] = [];
    let complete = true;
    for (const namespace of namespaces) {
      const budget = strategy === 'namespace' ? Infinity : keys.filter((k) => k.ServiceNamespace === namespace).length;
      const read = await pagesWithin(budget, (token) => list({ namespace }, token));
      found.push(...read.items);
      if (!read.complete) {
        complete = false;
        break;
      }
    }
    if (complete) return { byKey: byTarget(found, wanted, name), used: 'namespace' };
  }
  const found: T[] = [];
  await mapLimit(keys, concurrency, async (key) => {
    found.push(
      ...(await pagesWithin(Infinity, (token) => list({ namespace: key.ServiceNamespace, key }, token))).items,
    );
  });
  return { byKey: byTarget(found, wanted, name), used: 'perTarget' };
}

/** The policies and scheduled actions of the given (existing) targets, read with as few calls as the account allows. */
export async function readPoliciesAndActions(
  clients: AwsClients,
  keys: readonly TargetKey[],
  options: { signal?: AbortSignal; strategy?: ReadStrategy; concurrency?: number } = {},
): Promise<ObjectsOfTargets> {
  const { signal, strategy = 'auto', concurrency = 4 } = options;
  const filterOf = (f: { namespace: string; key?: TargetKey }) => ({
    ServiceNamespace: f.namespace as ServiceNamespace,
    ...(f.key ? { ResourceId: f.key.ResourceId, ScalableDimension: f.key.ScalableDimension as ScalableDimension } : {}),
  });
  const [policies, actions] = await Promise.all([
    readList<ScalingPolicy>(
      keys,
      strategy,
      concurrency,
      (p) => p.PolicyName,
      async (f, token) => {
        const page = await clients.autoScaling.send(
          new DescribeScalingPoliciesCommand({ ...filterOf(f), MaxResults: POLICIES_PER_PAGE, NextToken: token }),
          { abortSignal: signal },
        );
        return { items: page.ScalingPolicies ?? [], nextToken: page.NextToken };
      },
    ),
    readList<ScheduledAction>(
      keys,
      strategy,
      concurrency,
      (a) => a.ScheduledActionName,
      async (f, token) => {
        const page = await clients.autoScaling.send(
          new DescribeScheduledActionsCommand({ ...filterOf(f), MaxResults: ACTIONS_PER_PAGE, NextToken: token }),
          { abortSignal: signal },
        );
        return { items: page.ScheduledActions ?? [], nextToken: page.NextToken };
      },
    ),
  ]);
  return {
    policies: policies.byKey,
    actions: actions.byKey,
    used: { policies: policies.used, actions: actions.used },
  };
}

/**
 * Calls a plan of `targets` targets makes to read their policies and actions, by the
 * arithmetic above, for docs/performance.md: per target at least 2 × targets; across the
 * namespace ⌈policies / 10⌉ + ⌈actions / 50⌉ of the whole account.
 */
export function readCalls(account: { policies: number; actions: number }, targets: number) {
  const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
  return {
    perTarget: 2 * targets,
    namespace: pages(account.policies, POLICIES_PER_PAGE) + pages(account.actions, ACTIONS_PER_PAGE),
  };
}

/** Every scalable target of a namespace (DescribeScalableTargets without ResourceIds, 50 a page). */
export async function listScalableTargets(
  clients: AwsClients,
  namespace: string,
  signal?: AbortSignal,
): Promise<TargetKey[]> {
  const { items } = await pagesWithin(Infinity, async (token) => {
    const page = await clients.autoScaling.send(
      new DescribeScalableTargetsCommand({
        ServiceNamespace: namespace as ServiceNamespace,
        MaxResults: 50,
        NextToken: token,
      }),
      { abortSignal: signal },
    );
    return { items: page.ScalableTargets ?? [], nextToken: page.NextToken };
  });
  const keys = new Map<string, TargetKey>();
  for (const t of items) {
    if (t.ServiceNamespace !== namespace || !t.ResourceId || !t.ScalableDimension) continue;
    const key = { ServiceNamespace: namespace, ResourceId: t.ResourceId, ScalableDimension: t.ScalableDimension };
    keys.set(keyText(key), key);
  }
  return [...keys.values()];
}
