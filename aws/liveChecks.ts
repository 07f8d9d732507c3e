import { paginateListMetrics, type Dimension } from '@aws-sdk/client-cloudwatch';
import { applyRuleConfig, type RuleConfig } from '../core/lint/config';
import type { Finding, Range } from '../core/finding';
import {
  buildModel,
  type Located,
  type MetricDataQuery,
  type MetricDimension,
  type Prop,
  type ScalableTarget,
  type ScalingFile,
} from '../core/document/model';
import { parseDocument } from '../core/document/parse';
import { parseSageMakerResourceId, SAGEMAKER_DIMENSIONS } from '../core/facts/sagemaker';
import { insideString } from '../core/rules/locate';
import { LIVE_RULE_CODES, LIVE_RULE_SEVERITY, type LiveRuleCode } from '../core/rules/liveRules';
import { endpointKindOf, namedMetrics } from '../core/facts/endpointKinds';
import { boundsUndone, fileSetter, type ScheduleSetter } from '../core/rules/scheduleUndo';
import { keyText, type LiveState } from '../core/plan/liveState';
import { applySuppressions } from '../core/lint/suppressions';
import { didYouMean } from '../core/language/didYouMean';
import {
  describeEndpoint,
  EndpointNotFoundError,
  inferenceComponentExists,
  listEndpoints,
  type EndpointConfigCache,
  type EndpointDetails,
} from './endpoints';
import { explainAwsError, errorCode, isNotImplemented } from './errors';
import { mapLimit } from './concurrency';
import type { AwsClients } from './session';

// The live rules (core/rules/liveRules.ts): what only AWS knows about the SageMaker resources a file
// scales. Findings carry offsets into the file like the static rules, so the CLI prints
// them as file:line:column and the editor can underline them. Any error finding blocks apply.

/** The codes of the live rules. */
const LIVE_CODES: ReadonlySet<string> = new Set(LIVE_RULE_CODES);

export interface LiveCheckResult {
  findings: Finding[];
  /** Checks that could not run, and why (access denied, a call the endpoint lacks). They do not block. */
  skipped: string[];
}

/**
 * What several files' checks share within one region: each endpoint and each endpoint
 * configuration is described once, however many files or targets name it.
 */
export interface LiveCheckCache {
  endpoints: Map<string, Promise<EndpointDetails | Error>>;
  configs: EndpointConfigCache;
}

export function newLiveCheckCache(): LiveCheckCache {
  return { endpoints: new Map(), configs: new Map() };
}

export interface LiveCheckOptions {
  signal?: AbortSignal;
  /** Shared with other files' checks in the same region. */
  cache?: LiveCheckCache;
  /** Severity changes and rules turned off, as for the static rules. */
  config?: RuleConfig;
  /**
   * The live state of the file's targets, as plan reads it: with it, the live scheduled
   * actions that apply keeps are checked against the file's bounds (sched.live-undoes-target).
   */
  live?: LiveState;
  /** Whether apply prunes: then the live actions the file does not list are deleted, not kept. */
  prune?: boolean;
  /** The clock, for the next run of a scheduled action. */
  now?: Date;
}

// Burstable instance families (ml.t2, ml.t3, …): SageMaker does not auto scale them.
const BURSTABLE = /^ml\.t\d+[a-z]*\./;

/**
 * Runs the live checks for the SageMaker targets of a file: DescribeEndpoint and
 * DescribeEndpointConfig once per endpoint, DescribeInferenceComponent once per component.
 * Reads only.
 */
export async function runLiveChecks(
  clients: AwsClients,
  text: string,
  options: LiveCheckOptions = {},
): Promise<LiveCheckResult> {
  const model = buildModel(parseDocument(text).root);
  const findings: Finding[] = [];
  const skipped: string[] = [];
  if (!model) return { findings, skipped };
  const region = clients.settings.region;
  const cache = options.cache ?? newLiveCheckCache();
  const endpoints = cache.endpoints;
  const components = new Map<string, Promise<boolean | undefined | Error>>();
  const report = (code: (typeof LIVE_RULE_CODES)[number], range: Range, message: string) =>
    findings.push({ code, severity: LIVE_RULE_SEVERITY[code], message, ...range });
  const skip = (what: string, error: unknown) => {
    const line = `${what}: ${explainAwsError(error)}`;
    if (!skipped.includes(line)) skipped.push(line);
  };
  const canSkip = (error: unknown) => isNotImplemented(error) || /AccessDenied/.test(errorCode(error) ?? '');
  // The region's endpoint names, listed once and only when a name is unknown: for "did you
  // mean". A failure to list (no permission) just leaves the suggestion out.
  let endpointNames: Promise<string[]> | undefined;
  const suggestion = async (name: string): Promise<string> => {
    endpointNames ??= listEndpoints(clients, options.signal ? { signal: options.signal } : {}).then(
      (all) => all.map((e) => e.EndpointName),
      () => [],
    );
    const words = didYouMean(name, await endpointNames);
    return words ? `; ${words}` : '.';
  };

  const checkTarget = async (target: ScalableTarget): Promise<void> => {
    if (target.serviceNamespace?.value !== 'sagemaker' || !target.resourceId) return;
    const resourceId = target.resourceId;
    const parsed = parseSageMakerResourceId(resourceId.value);
    if (!parsed) return; // the static rules report a malformed id

    if (parsed.kind === 'inference-component') {
      if (!components.has(parsed.name))
        components.set(
          parsed.name,
          inferenceComponentExists(clients, parsed.name, options.signal).catch((e: Error) => e),
        );
      const exists = await components.get(parsed.name)!;
      if (exists instanceof Error) {
        if (!canSkip(exists)) throw exists;
        skip(`sm.ic-exists for ${parsed.name}`, exists);
      } else if (exists === undefined) {
        skipped.push(`sm.ic-exists for ${parsed.name}: the endpoint cannot describe inference components`);
      } else if (!exists) {
        report(
          'sm.ic-exists',
          insideString(text, resourceId, parsed.nameAt, parsed.name.length),
          `Inference component "${parsed.name}" does not exist in ${region}. Create it first, or correct the name.`,
        );
      }
      return;
    }

    if (!endpoints.has(parsed.endpointName))
      endpoints.set(
        parsed.endpointName,
        describeEndpoint(clients, parsed.endpointName, options.signal, cache.configs).catch((e: Error) => e),
      );
    const endpoint = await endpoints.get(parsed.endpointName)!;
    const endpointRange = insideString(text, resourceId, parsed.endpointAt, parsed.endpointName.length);
    const variantRange = insideString(text, resourceId, parsed.variantAt, parsed.variantName.length);
    if (endpoint instanceof EndpointNotFoundError) {
      report(
        'sm.endpoint-exists',
        endpointRange,
        `Endpoint "${parsed.endpointName}" does not exist in ${region}${await suggestion(parsed.endpointName)} Create the endpoint first, or correct the name (and the Region).`,
      );
      return;
    }
    if (endpoint instanceof Error) {
      if (!canSkip(endpoint)) throw endpoint;
      skip(`live checks for endpoint ${parsed.endpointName}`, endpoint);
      return;
    }
    if (endpoint.EndpointStatus !== 'InService') {
      report(
        'sm.endpoint-exists',
        endpointRange,
        `Endpoint "${parsed.endpointName}" is ${endpoint.EndpointStatus}, not InService: Application Auto Scaling registers only endpoints in service. Wait until it is InService${endpoint.FailureReason ? ` (it failed: ${endpoint.FailureReason})` : ''}.`,
      );
      return;
    }
    const variant = endpoint.variants.find((v) => v.VariantName === parsed.variantName);
    if (!variant) {
      const names = endpoint.variants.map((v) => `"${v.VariantName}"`).join(', ');
      report(
        'sm.variant-exists',
        variantRange,
        `Endpoint "${parsed.endpointName}" has no variant "${parsed.variantName}"; its variants: ${names || 'none'}.`,
      );
      return;
    }
    const dimension = target.scalableDimension;
    if (
      dimension &&
      dimension.value !== variant.scalableDimension &&
      (dimension.value === SAGEMAKER_DIMENSIONS.variantInstances ||
        dimension.value === SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency)
    ) {
      report(
        'sm.variant-kind',
        dimension.range,
        variant.kind === 'serverless'
          ? `Variant "${variant.VariantName}" is serverless: scale its provisioned concurrency with ${SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency}.`
          : `Variant "${variant.VariantName}" runs on instances${variant.InstanceType ? ` (${variant.InstanceType})` : ''}: scale it with ${SAGEMAKER_DIMENSIONS.variantInstances}.`,
      );
    }
    if (variant.kind === 'instance' && variant.InstanceType && BURSTABLE.test(variant.InstanceType)) {
      report(
        'sm.burstable',
        variantRange,
        `Variant "${variant.VariantName}" runs on ${variant.InstanceType}, a burstable instance type, which SageMaker cannot auto scale. Move the variant to another instance type (such as ml.m5.large) first.`,
      );
    }
    if (endpoint.configProblem && variant.kind === 'instance' && !variant.InstanceType) {
      skipped.push(`sm.burstable for ${variant.resourceId}: ${endpoint.configProblem}`);
    }
    if (
      variant.kind === 'instance' &&
      endpoint.asynchronous !== undefined &&
      dimension?.value === SAGEMAKER_DIMENSIONS.variantInstances
    )
      checkEndpointKind(target, parsed.endpointName, endpoint.asynchronous, report);
    const maxConcurrency = variant.ServerlessConfig?.MaxConcurrency;
    if (
      variant.kind === 'serverless' &&
      dimension?.value === SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency &&
      maxConcurrency !== undefined
    ) {
      const tooHigh = (prop: Prop<number> | undefined, what: string) => {
        if (prop && prop.value > maxConcurrency) {
          report(
            'sm.serverless-pc-max',
            prop.range,
            `${what} ${prop.value} is above the variant's MaxConcurrency ${maxConcurrency}: provisioned concurrency cannot exceed it. Lower it, or raise MaxConcurrency in the endpoint configuration.`,
          );
        }
      };
      tooHigh(target.maxCapacity, 'MaxCapacity');
      tooHigh(target.minCapacity, 'MinCapacity');
      for (const action of target.scheduledActions) {
        tooHigh(action.action?.maxCapacity, `Scheduled action "${action.name?.value ?? ''}" MaxCapacity`);
        tooHigh(action.action?.minCapacity, `Scheduled action "${action.name?.value ?? ''}" MinCapacity`);
      }
    }
  };

  await mapLimit(model.targets, 4, checkTarget);
  if (options.live && !options.prune) checkKeptActions(model, options.live, options.now ?? new Date(), report);
  await checkCustomMetrics(
    clients,
    model,
    report,
    (what, error) => {
      if (!canSkip(error)) throw error;
      skip(what, error);
    },
    options.signal,
  );

  // Disable comments silence live findings too; what they report about themselves is the static rules' business.
  const kept = applySuppressions(text, findings, LIVE_CODES).filter((f) => LIVE_CODES.has(f.code));
  kept.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return { findings: applyRuleConfig(kept, options.config), skipped };
}

// ---------------------------------------------------------------------------------------
// tt.custom-dimensions and alarm.metric-exists: a customized metric, and the metric of a
// step policy's alarm, are found by namespace, name and the exact set of dimensions they
// were published with; ListMetrics knows the metrics with data in the last two weeks.

interface MetricReference {
  code: 'tt.custom-dimensions' | 'alarm.metric-exists';
  namespace: string;
  metricName: string;
  dimensions: [string, string][];
  /** Where to point: the Dimensions key, or the MetricName when there are none. */
  range: Range;
}

/** How the model names a metric: in a customized metric, an alarm, or a MetricStat. */
interface NamedMetric {
  metricName?: Prop<string>;
  namespace?: Prop<string>;
  dimensions?: Located & { items: MetricDimension[] };
}

/** A metric named in full (namespace, name, every dimension with name and value); undefined while any part is missing. */
function metricReference(code: MetricReference['code'], metric: NamedMetric | undefined): MetricReference | undefined {
  if (!metric?.metricName || !metric.namespace) return undefined;
  const dimensions: [string, string][] = [];
  for (const d of metric.dimensions?.items ?? []) {
    if (!d.name || !d.value) return undefined;
    dimensions.push([d.name.value, d.value.value]);
  }
  return {
    code,
    namespace: metric.namespace.value,
    metricName: metric.metricName.value,
    dimensions,
    range: metric.dimensions?.keyRange ?? metric.metricName.range,
  };
}

/**
 * The metrics the file's policies watch: a customized target-tracking metric and each of a
 * step policy's alarms, each in the single-metric form and as every MetricStat of metric math.
 */
function watchedMetrics(model: ScalingFile): MetricReference[] {
  const found: MetricReference[] = [];
  const add = (
    code: MetricReference['code'],
    watcher: (NamedMetric & { metrics?: { items: MetricDataQuery[] } }) | undefined,
  ) => {
    if (!watcher) return;
    const simple = metricReference(code, watcher);
    if (simple) found.push(simple);
    for (const query of watcher.metrics?.items ?? []) {
      const stat = metricReference(code, query.metricStat?.metric);
      if (stat) found.push(stat);
    }
  };
  for (const target of model.targets) {
    for (const policy of target.policies) {
      add('tt.custom-dimensions', policy.targetTracking?.customized);
      for (const alarm of policy.alarms) add('alarm.metric-exists', alarm);
    }
  }
  return found;
}

const dimensionSetText = (dimensions: readonly [string, string][]) =>
  dimensions.map(([name, value]) => `${name}=${value}`).join(', ') || 'no dimensions';
const sortedSet = (dimensions: readonly [string, string][]) =>
  JSON.stringify([...dimensions].sort((a, b) => a[0].localeCompare(b[0])));
const pairsOf = (dimensions: readonly Dimension[] | undefined): [string, string][] =>
  (dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']);

/** The dimension sets CloudWatch has for a metric, at most `limit` of them; `filter` narrows to those with these dimensions. */
async function publishedSets(
  clients: AwsClients,
  ref: MetricReference,
  filter: boolean,
  limit: number,
  signal?: AbortSignal,
): Promise<[string, string][][]> {
  const sets: [string, string][][] = [];
  const input = {
    Namespace: ref.namespace,
    MetricName: ref.metricName,
    ...(filter ? { Dimensions: ref.dimensions.map(([Name, Value]) => ({ Name, Value })) } : {}),
  };
  for await (const page of paginateListMetrics({ client: clients.cloudWatch }, input, { abortSignal: signal })) {
    for (const metric of page.Metrics ?? []) {
      sets.push(pairsOf(metric.Dimensions));
      if (sets.length >= limit) return sets;
    }
  }
  return sets;
}

async function checkCustomMetrics(
  clients: AwsClients,
  model: ScalingFile,
  report: (code: MetricReference['code'], range: Range, message: string) => void,
  skip: (what: string, error: unknown) => void,
  signal?: AbortSignal,
): Promise<void> {
  const region = clients.settings.region;
  // One look-up per distinct metric, however many policies name it.
  const lookups = new Map<string, Promise<string | undefined>>();
  const problemOf = async (ref: MetricReference): Promise<string | undefined> => {
    const wanted = sortedSet(ref.dimensions);
    // ListMetrics matches metrics that have at least the filter's dimensions; stop at the exact set.
    const candidates = await publishedSets(clients, ref, true, 500, signal);
    if (candidates.some((set) => sortedSet(set) === wanted)) return undefined;
    const others = await publishedSets(clients, ref, false, 4, signal);
    const consequence =
      ref.code === 'alarm.metric-exists'
        ? 'so this alarm would get no data and never trigger its step policy'
        : 'so this policy would track nothing';
    const head = `CloudWatch in ${region} has no ${ref.namespace} metric ${ref.metricName} with exactly the dimensions ${dimensionSetText(ref.dimensions)}, ${consequence}.`;
    if (others.length === 0)
      return `${head} It has no ${ref.metricName} in ${ref.namespace} at all: none in the last two weeks. Check the names; a metric not yet published (an endpoint with no traffic so far) appears with its first data.`;
    return `${head} It has ${ref.metricName} with: ${others.slice(0, 3).map(dimensionSetText).join('; ')}${others.length > 3 ? '; …' : ''}. Name the dimensions exactly as the metric was published.`;
  };
  await mapLimit(watchedMetrics(model), 4, async (ref) => {
    const key = `${ref.code}\u0000${ref.namespace}\u0000${ref.metricName}\u0000${sortedSet(ref.dimensions)}`;
    if (!lookups.has(key))
      lookups.set(
        key,
        problemOf(ref).catch((error: unknown) => {
          skip(`${ref.code} for ${ref.namespace} ${ref.metricName}`, error);
          return undefined;
        }),
      );
    const problem = await lookups.get(key)!;
    if (problem) report(ref.code, ref.range, problem);
  });
}

// ---------------------------------------------------------------------------------------
// sm.endpoint-kind: what the endpoint configuration says the endpoint is, against what the
// file assumes (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html:
// "Any metric not listed below is not published if the endpoint is enabled for asynchronous
// inference").

type Report = (code: LiveRuleCode, range: Range, message: string) => void;

function checkEndpointKind(target: ScalableTarget, endpointName: string, asynchronous: boolean, report: Report): void {
  const kind = asynchronous ? 'asynchronous' : 'real-time';
  const min = target.minCapacity;
  // Where the file's metrics already say real-time, target.sm-variant-min-zero has said it.
  const saidStatically = endpointKindOf(target).kind === 'real-time';
  if (!asynchronous && min?.value === 0 && !saidStatically) {
    report(
      'sm.endpoint-kind',
      min.range,
      `Endpoint "${endpointName}" is real-time (its configuration has no AsyncInferenceConfig), and a real-time variant keeps at least 1 instance: only asynchronous endpoints and inference components scale to zero. Set MinCapacity to 1.`,
    );
  }
  for (const action of target.scheduledActions) {
    const actionMin = action.action?.minCapacity;
    if (asynchronous || actionMin?.value !== 0 || saidStatically) continue;
    report(
      'sm.endpoint-kind',
      actionMin.range,
      `Endpoint "${endpointName}" is real-time (its configuration has no AsyncInferenceConfig): this action's MinCapacity 0 asks for fewer instances than a real-time variant can have. Use 1.`,
    );
  }
  const reported = new Set<string>();
  for (const metric of namedMetrics(target)) {
    const publishes = asynchronous
      ? metric.facts.kinds.includes('async')
      : metric.facts.kinds.includes('real-time') || metric.facts.kinds.includes('multi-model');
    if (publishes || reported.has(metric.facts.name)) continue;
    reported.add(metric.facts.name);
    const only = metric.facts.kinds.includes('async')
      ? 'SageMaker publishes it for asynchronous endpoints only'
      : 'SageMaker does not publish it for asynchronous endpoints';
    report(
      'sm.endpoint-kind',
      metric.at.range,
      `Endpoint "${endpointName}" is ${kind}, and ${metric.facts.name} never has data for it: ${only}. The policy that watches it never acts; use a metric the endpoint publishes${asynchronous ? ' (ApproximateBacklogSizePerInstance, HasBacklogWithoutCapacity)' : ' (InvocationsPerInstance, ConcurrentRequestsPerModel)'}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// sched.live-undoes-target: live scheduled actions that apply keeps (prune off) and that set
// the target's bounds to values the file does not give.

interface KeptSetter extends ScheduleSetter {
  live: boolean;
}

/**
 * sched.live-undoes-target alone, for a caller that reads the live state after the other
 * live checks (plan does: those checks name the call that failed first). No AWS call; the
 * file's disable comments and rule levels apply.
 */
export function keptActionFindings(
  text: string,
  live: LiveState,
  options: Pick<LiveCheckOptions, 'config' | 'prune' | 'now'> = {},
): Finding[] {
  const model = buildModel(parseDocument(text).root);
  if (!model || options.prune) return [];
  const findings: Finding[] = [];
  checkKeptActions(model, live, options.now ?? new Date(), (code, range, message) =>
    findings.push({ code, severity: LIVE_RULE_SEVERITY[code], message, ...range }),
  );
  const kept = applySuppressions(text, findings, LIVE_CODES).filter((f) => LIVE_CODES.has(f.code));
  return applyRuleConfig(kept, options.config);
}

function checkKeptActions(model: ScalingFile, live: LiveState, now: Date, report: Report): void {
  const liveByKey = new Map(live.targets.map((t) => [keyText(t), t]));
  for (const target of model.targets) {
    const { serviceNamespace: ns, resourceId: id, scalableDimension: dim } = target;
    if (!ns || !id || !dim) continue;
    const liveTarget = liveByKey.get(
      keyText({ ServiceNamespace: ns.value, ResourceId: id.value, ScalableDimension: dim.value }),
    );
    if (!liveTarget) continue;
    const inFile = new Set(target.scheduledActions.flatMap((a) => (a.name ? [a.name.value] : [])));
    const kept = liveTarget.ScheduledActions.filter((a) => !inFile.has(a.ScheduledActionName));
    if (kept.length === 0) continue;
    const setters: KeptSetter[] = [
      ...target.scheduledActions.flatMap((a): KeptSetter[] => {
        const setter = a.name && fileSetter(a, a.name.value);
        return setter ? [{ live: false, ...setter }] : [];
      }),
      ...kept.map((a): KeptSetter => ({
        live: true,
        name: a.ScheduledActionName,
        schedule: a.Schedule,
        ...(a.Timezone ? { timezone: a.Timezone } : {}),
        ...(a.StartTime ? { startTime: a.StartTime } : {}),
        ...(a.EndTime ? { endTime: a.EndTime } : {}),
        ...(a.ScalableTargetAction?.MinCapacity !== undefined ? { min: a.ScalableTargetAction.MinCapacity } : {}),
        ...(a.ScalableTargetAction?.MaxCapacity !== undefined ? { max: a.ScalableTargetAction.MaxCapacity } : {}),
      })),
    ];
    const own = { min: target.minCapacity?.value, max: target.maxCapacity?.value };
    for (const undo of boundsUndone(own, setters, now, (s) => s.live)) {
      const prop = undo.bound === 'MinCapacity' ? target.minCapacity! : target.maxCapacity!;
      report(
        'sched.live-undoes-target',
        prop.range,
        `Scheduled action "${undo.setter.name}" is live on this target but not in the file, so apply keeps it (it prunes only when asked), and it sets ${undo.bound} to ${undo.value} (${undo.when}); no action sets ${undo.own} again. The file's ${undo.bound} ${undo.own} lasts only until then. Add the action to the file with the bound you mean, delete it with --prune, or change ${undo.bound}.`,
      );
    }
  }
}
