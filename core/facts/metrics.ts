// The CloudWatch metrics scaling files use, with what SageMaker documents of each: the
// dimension sets it is published with, its unit and valid statistics, how it moves with
// load, and which kinds of endpoint publish it. The rules read this instead of guessing
// from names: which dimensions an alarm needs, whether a customized metric measures the
// target it scales, which statistic makes sense, what an endpoint's metrics say about its
// kind. Written by hand from AWS's pages (each entry names its source); a metric that is
// not here is unknown, and the rules that need it stay silent.

/** The kinds of SageMaker endpoint a scalable target can belong to. */
export type EndpointKind = 'real-time' | 'async' | 'serverless' | 'inference-component' | 'multi-model';

/** CloudWatch's statistic names as PutMetricAlarm and target tracking spell them. */
export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export interface MetricFacts {
  namespace: string;
  name: string;
  /** The sets of dimension names the metric is published with (any one of them). */
  dimensions: readonly (readonly string[])[];
  unit: string;
  /** The statistics the documentation calls valid; undefined when it names none. */
  statistics?: readonly Statistic[];
  /**
   * How the value moves as the load on the resource grows: `rises` (requests, backlog,
   * utilisation), or `other` (errors, latencies, flags), which capacity does not bring down
   * in proportion.
   */
  load: 'rises' | 'other';
  /** Per unit of capacity (per instance, per copy) or a utilisation: adding capacity at the same load lowers it. */
  perCapacity: boolean;
  /** A count per one-minute period: its Sum over a minute is what people read as "per minute". */
  perMinuteCount?: boolean;
  /** Published every 10 seconds. */
  highResolution?: boolean;
  /** The kinds of endpoint that publish it. */
  kinds: readonly EndpointKind[];
  /**
   * Whether it has data while the resource has no capacity: `only` for flags that are
   * non-zero only then (a wake-from-zero alarm watches these), `too` for queue sizes.
   */
  atZeroCapacity?: 'only' | 'too';
  /** The AWS page that documents it. */
  source: string;
}

// The pages. SageMaker's "Monitor with CloudWatch" page is the reference for endpoint
// metrics; the asynchronous and serverless pages each give an exhaustive list ("Any metric
// not listed below is not published"), which is how a metric tells the endpoint's kind.
const MONITORING = 'https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html';
const ASYNC = 'https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html';
const SERVERLESS = 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html';
const HIGH_RESOLUTION = 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html';
const SCALE_TO_ZERO = 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html';

const SAGEMAKER = 'AWS/SageMaker';
const ENDPOINT_INSTANCES = '/aws/sagemaker/Endpoints';
const COMPONENT_INSTANCES = '/aws/sagemaker/InferenceComponents';

const VARIANT = ['EndpointName', 'VariantName'] as const;
const ENDPOINT = ['EndpointName'] as const;
const COMPONENT = ['InferenceComponentName'] as const;

/**
 * Dimensions SageMaker adds to its usual sets on some series: `InstanceId`, `ContainerId`
 * and `AcceleratorId` with enhanced metrics, `InstanceType` with instance pools. A set
 * with these added is still one the metric is published with.
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch-enhanced-metrics.html)
 */
export const EXTRA_DIMENSIONS: ReadonlySet<string> = new Set([
  'InstanceId',
  'ContainerId',
  'AcceleratorId',
  'InstanceType',
]);

const REAL_TIME_VARIANT: readonly EndpointKind[] = ['real-time', 'multi-model'];
const INVOKED: readonly EndpointKind[] = ['real-time', 'multi-model', 'serverless', 'inference-component'];
const HOSTED: readonly EndpointKind[] = ['real-time', 'multi-model', 'async', 'inference-component'];
const ALL_VARIANTS: readonly EndpointKind[] = [
  'real-time',
  'multi-model',
  'async',
  'serverless',
  'inference-component',
];

const LATENCY: Pick<MetricFacts, 'unit' | 'statistics' | 'load' | 'perCapacity'> = {
  unit: 'Microseconds',
  statistics: ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'],
  load: 'other',
  perCapacity: false,
};
const ERROR_RATE: Pick<MetricFacts, 'unit' | 'statistics' | 'load' | 'perCapacity'> = {
  unit: 'None',
  statistics: ['Average', 'Sum'],
  load: 'other',
  perCapacity: false,
};
const UTILIZATION: Pick<MetricFacts, 'unit' | 'load' | 'perCapacity'> = {
  unit: 'Percent',
  load: 'rises',
  perCapacity: true,
};

function sagemaker(name: string, facts: Omit<MetricFacts, 'namespace' | 'name'>): MetricFacts {
  return { namespace: SAGEMAKER, name, ...facts };
}

const CATALOGUE: readonly MetricFacts[] = [
  // Invocation metrics of an endpoint variant (and, per component, of an inference component).
  sagemaker('Invocations', {
    dimensions: [VARIANT, COMPONENT],
    unit: 'None',
    statistics: ['Sum', 'SampleCount'],
    load: 'rises',
    perCapacity: false,
    perMinuteCount: true,
    kinds: INVOKED,
    source: MONITORING,
  }),
  sagemaker('InvocationsPerInstance', {
    dimensions: [VARIANT],
    unit: 'None',
    statistics: ['Sum'],
    load: 'rises',
    perCapacity: true,
    perMinuteCount: true,
    kinds: REAL_TIME_VARIANT,
    source: MONITORING,
  }),
  sagemaker('Invocation4XXErrors', {
    dimensions: [VARIANT, COMPONENT],
    ...ERROR_RATE,
    kinds: ALL_VARIANTS,
    source: MONITORING,
  }),
  sagemaker('Invocation5XXErrors', {
    dimensions: [VARIANT, COMPONENT],
    ...ERROR_RATE,
    kinds: ALL_VARIANTS,
    source: MONITORING,
  }),
  sagemaker('InvocationModelErrors', {
    dimensions: [VARIANT, COMPONENT],
    ...ERROR_RATE,
    kinds: INVOKED,
    source: MONITORING,
  }),
  sagemaker('ModelLatency', { dimensions: [VARIANT, COMPONENT], ...LATENCY, kinds: ALL_VARIANTS, source: MONITORING }),
  sagemaker('OverheadLatency', { dimensions: [VARIANT, COMPONENT], ...LATENCY, kinds: INVOKED, source: MONITORING }),
  sagemaker('ModelSetupTime', {
    dimensions: [VARIANT],
    ...LATENCY,
    statistics: ['Average', 'Minimum', 'Maximum', 'SampleCount'],
    kinds: ['serverless'],
    source: SERVERLESS,
  }),
  sagemaker('ConcurrentRequestsPerModel', {
    dimensions: [VARIANT],
    unit: 'None',
    load: 'rises',
    perCapacity: true,
    highResolution: true,
    kinds: REAL_TIME_VARIANT,
    source: HIGH_RESOLUTION,
  }),

  // Inference components.
  sagemaker('InvocationsPerCopy', {
    dimensions: [COMPONENT],
    unit: 'None',
    statistics: ['Sum'],
    load: 'rises',
    perCapacity: true,
    perMinuteCount: true,
    kinds: ['inference-component'],
    source: MONITORING,
  }),
  sagemaker('ConcurrentRequestsPerCopy', {
    dimensions: [COMPONENT],
    unit: 'None',
    load: 'rises',
    perCapacity: true,
    highResolution: true,
    kinds: ['inference-component'],
    source: HIGH_RESOLUTION,
  }),
  sagemaker('NoCapacityInvocationFailures', {
    dimensions: [COMPONENT],
    unit: 'None',
    load: 'rises',
    perCapacity: false,
    perMinuteCount: true,
    kinds: ['inference-component'],
    atZeroCapacity: 'only',
    source: SCALE_TO_ZERO,
  }),

  // Asynchronous endpoints: the queue, per endpoint only, and per variant.
  sagemaker('ApproximateBacklogSize', {
    dimensions: [ENDPOINT],
    unit: 'Count',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'rises',
    perCapacity: false,
    kinds: ['async'],
    atZeroCapacity: 'too',
    source: ASYNC,
  }),
  sagemaker('ApproximateBacklogSizePerInstance', {
    dimensions: [ENDPOINT],
    unit: 'Count',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'rises',
    perCapacity: true,
    kinds: ['async'],
    // AWS: without a HasBacklogWithoutCapacity policy the endpoint scales out from zero
    // "only after the number of backlog requests exceeds the target tracking value".
    atZeroCapacity: 'too',
    source: ASYNC,
  }),
  sagemaker('ApproximateAgeOfOldestRequest', {
    dimensions: [ENDPOINT],
    unit: 'Seconds',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'other',
    perCapacity: false,
    kinds: ['async'],
    atZeroCapacity: 'too',
    source: ASYNC,
  }),
  sagemaker('HasBacklogWithoutCapacity', {
    dimensions: [ENDPOINT],
    unit: 'Count',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'other',
    perCapacity: false,
    kinds: ['async'],
    atZeroCapacity: 'only',
    source: ASYNC,
  }),
  ...[
    'RequestDownloadFailures',
    'ResponseUploadFailures',
    'NotificationFailures',
    'ExpiredRequests',
    'InvocationFailures',
  ].map((name) =>
    sagemaker(name, {
      dimensions: [VARIANT],
      unit: 'Count',
      statistics: ['Sum'],
      load: 'other',
      perCapacity: false,
      kinds: ['async'],
      source: ASYNC,
    }),
  ),
  sagemaker('InvocationsProcesssed', {
    dimensions: [VARIANT],
    unit: 'Count',
    statistics: ['Sum'],
    load: 'rises',
    perCapacity: false,
    perMinuteCount: true,
    kinds: ['async'],
    source: ASYNC,
  }),
  ...['RequestDownloadLatency', 'ResponseUploadLatency', 'TimeInBacklog'].map((name) =>
    sagemaker(name, { dimensions: [VARIANT], ...LATENCY, kinds: ['async'], source: ASYNC }),
  ),
  sagemaker('TotalProcessingTime', {
    dimensions: [VARIANT],
    ...LATENCY,
    unit: 'Milliseconds',
    kinds: ['async'],
    source: ASYNC,
  }),

  // Serverless endpoints.
  sagemaker('ServerlessConcurrentExecutionsUtilization', {
    dimensions: [VARIANT],
    unit: 'None',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'rises',
    perCapacity: true,
    kinds: ['serverless'],
    source: SERVERLESS,
  }),
  sagemaker('ServerlessProvisionedConcurrencyUtilization', {
    dimensions: [VARIANT],
    unit: 'None',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'rises',
    perCapacity: true,
    kinds: ['serverless'],
    source: SERVERLESS,
  }),
  sagemaker('ServerlessProvisionedConcurrencyExecutions', {
    dimensions: [VARIANT],
    unit: 'Count',
    statistics: ['Average', 'Maximum', 'Minimum'],
    load: 'rises',
    perCapacity: false,
    kinds: ['serverless'],
    source: SERVERLESS,
  }),
  ...['ServerlessProvisionedConcurrencyInvocations', 'ServerlessProvisionedConcurrencySpilloverInvocations'].map(
    (name) =>
      sagemaker(name, {
        dimensions: [VARIANT],
        unit: 'Count',
        statistics: ['Sum'],
        load: 'rises',
        perCapacity: false,
        perMinuteCount: true,
        kinds: ['serverless'],
        source: SERVERLESS,
      }),
  ),

  // Multi-model endpoints.
  ...['ModelLoadingWaitTime', 'ModelUnloadingTime', 'ModelDownloadingTime', 'ModelLoadingTime'].map((name) =>
    sagemaker(name, { dimensions: [VARIANT], ...LATENCY, kinds: ['multi-model'], source: MONITORING }),
  ),
  sagemaker('ModelCacheHit', {
    dimensions: [VARIANT],
    unit: 'None',
    statistics: ['Average', 'Sum', 'SampleCount'],
    load: 'other',
    perCapacity: false,
    kinds: ['multi-model'],
    source: MONITORING,
  }),
  {
    namespace: ENDPOINT_INSTANCES,
    name: 'LoadedModelCount',
    dimensions: [VARIANT],
    unit: 'None',
    statistics: ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'],
    load: 'other',
    perCapacity: false,
    kinds: ['multi-model'],
    source: MONITORING,
  },

  // Instance metrics of the instances behind a variant: each core or GPU counts 0–100 %,
  // so CPUUtilization on four cores reaches 400 %.
  ...['CPUUtilization', 'GPUUtilization', 'GPUMemoryUtilization', 'DiskUtilization'].map((name): MetricFacts => ({
    namespace: ENDPOINT_INSTANCES,
    name,
    dimensions: [VARIANT],
    ...UTILIZATION,
    kinds: HOSTED,
    source: MONITORING,
  })),
  {
    namespace: ENDPOINT_INSTANCES,
    name: 'MemoryUtilization',
    dimensions: [VARIANT],
    ...UTILIZATION,
    kinds: [...HOSTED, 'serverless'],
    source: MONITORING,
  },
  // The same per inference component, normalised to the resources it reserved.
  ...[
    'CPUUtilizationNormalized',
    'GPUUtilizationNormalized',
    'GPUMemoryUtilizationNormalized',
    'MemoryUtilizationNormalized',
  ].map((name): MetricFacts => ({
    namespace: COMPONENT_INSTANCES,
    name,
    dimensions: [COMPONENT],
    ...UTILIZATION,
    kinds: ['inference-component'],
    source: MONITORING,
  })),
];

// By namespace, then name: a look-up builds no key string (rules ask for every alarm and policy).
const BY_NAMESPACE = new Map<string, Map<string, MetricFacts>>();
for (const m of CATALOGUE) {
  let names = BY_NAMESPACE.get(m.namespace);
  if (!names) BY_NAMESPACE.set(m.namespace, (names = new Map()));
  names.set(m.name, m);
}

/** What the catalogue knows of a metric, or undefined for one it does not list. */
export function metricFacts(namespace: string | undefined, name: string | undefined): MetricFacts | undefined {
  if (namespace === undefined || name === undefined) return undefined;
  return BY_NAMESPACE.get(namespace)?.get(name);
}

/** Every catalogued metric (for tests and documentation). */
export function catalogedMetrics(): readonly MetricFacts[] {
  return CATALOGUE;
}

/** Whether a namespace is SageMaker's own: the invocation metrics or the instances' metrics. */
export function isSageMakerNamespace(namespace: string): boolean {
  return namespace === SAGEMAKER || namespace.startsWith('/aws/sagemaker/');
}

/** Another AWS service's namespace (`AWS/Lambda`, `AWS/SQS`): its metrics measure that service, not a SageMaker target. */
export function isOtherServiceNamespace(namespace: string): boolean {
  return namespace.startsWith('AWS/') && namespace !== SAGEMAKER;
}

/**
 * Whether a set of dimension names is one the metric is published with, allowing the
 * extra dimensions of enhanced metrics and instance pools.
 */
export function publishedWith(metric: MetricFacts, names: readonly string[]): boolean {
  // No intermediate arrays: this runs for every alarm and customized metric of a file.
  let core = 0;
  for (const n of names) if (!EXTRA_DIMENSIONS.has(n)) core++;
  for (const set of metric.dimensions) {
    if (set.length !== core) continue;
    let all = true;
    for (const n of set) {
      if (!names.includes(n)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}
