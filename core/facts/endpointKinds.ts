import type { MetricDataQuery, Prop, ScalableTarget } from '../document/model';
import { metricFacts, type EndpointKind, type MetricFacts } from './metrics';
import { SAGEMAKER_DIMENSIONS } from './sagemaker';

// Which kind of SageMaker endpoint a scalable target belongs to, as far as the file tells.
// The dimension tells serverless provisioned concurrency and inference components; an
// instance variant is real-time, multi-model or asynchronous, and only its metrics tell
// which: SageMaker publishes the backlog metrics for asynchronous endpoints only, and
// publishes no InvocationsPerInstance for them ("Any metric not listed below is not
// published if the endpoint is enabled for asynchronous inference",
// https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html). Plan and
// apply know for sure (DescribeEndpointConfig's AsyncInferenceConfig and ServerlessConfig);
// where the file does not tell, the kind is undefined and the rules that depend on it stay
// silent.

export type { EndpointKind } from './metrics';

/** A metric the file names for a target, with the place that names it. */
export interface NamedMetric {
  facts: MetricFacts;
  at: Prop<string>;
}

/** What the file tells of a target's endpoint kind. */
export interface EndpointKindReading {
  /** The kind, when the file tells it. `real-time` may also be a multi-model endpoint, which scales the same way. */
  kind?: EndpointKind;
  /** The metric that tells it, for a dimension that does not. */
  evidence?: NamedMetric;
  /**
   * A metric no endpoint of the kinds still possible publishes, and the metric that
   * narrowed the kinds before it (none: the target's dimension did): one of the two
   * never has data.
   */
  conflict?: { metric: NamedMetric; with?: NamedMetric };
}

// The CloudWatch metric behind each SageMaker predefined metric type
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html).
const PREDEFINED_METRIC: Readonly<Record<string, readonly [string, string]>> = {
  SageMakerVariantInvocationsPerInstance: ['AWS/SageMaker', 'InvocationsPerInstance'],
  SageMakerVariantConcurrentRequestsPerModelHighResolution: ['AWS/SageMaker', 'ConcurrentRequestsPerModel'],
  SageMakerInferenceComponentInvocationsPerCopy: ['AWS/SageMaker', 'InvocationsPerCopy'],
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution: ['AWS/SageMaker', 'ConcurrentRequestsPerCopy'],
  SageMakerVariantProvisionedConcurrencyUtilization: ['AWS/SageMaker', 'ServerlessProvisionedConcurrencyUtilization'],
};

/** The CloudWatch metric a predefined metric type tracks, when it is a SageMaker one. */
export function predefinedMetricFacts(type: string): MetricFacts | undefined {
  const metric = Object.prototype.hasOwnProperty.call(PREDEFINED_METRIC, type) ? PREDEFINED_METRIC[type] : undefined;
  return metric && metricFacts(metric[0], metric[1]);
}

function fromQueries(queries: readonly MetricDataQuery[] | undefined, out: NamedMetric[]): void {
  for (const query of queries ?? []) {
    const metric = query.metricStat?.metric;
    const facts = metricFacts(metric?.namespace?.value, metric?.metricName?.value);
    if (facts) out.push({ facts, at: metric!.metricName! });
  }
}

/** Every catalogued metric the target's policies track or alarm on, in file order. */
export function namedMetrics(target: ScalableTarget): NamedMetric[] {
  const found: NamedMetric[] = [];
  for (const policy of target.policies) {
    const tracking = policy.targetTracking;
    const type = tracking?.predefined?.predefinedMetricType;
    const predefined = type && predefinedMetricFacts(type.value);
    if (predefined) found.push({ facts: predefined, at: type });
    const customized = tracking?.customized;
    const custom = metricFacts(customized?.namespace?.value, customized?.metricName?.value);
    if (custom) found.push({ facts: custom, at: customized!.metricName! });
    fromQueries(customized?.metrics?.items, found);
    for (const alarm of policy.alarms) {
      const alarmed = metricFacts(alarm.namespace?.value, alarm.metricName?.value);
      if (alarmed) found.push({ facts: alarmed, at: alarm.metricName! });
      fromQueries(alarm.metrics?.items, found);
    }
  }
  return found;
}

const INSTANCE_VARIANT_KINDS: readonly EndpointKind[] = ['real-time', 'multi-model', 'async'];
const UNKNOWN: EndpointKindReading = Object.freeze({});
const readings = new WeakMap<ScalableTarget, EndpointKindReading>();

/** What the file tells of the kind of endpoint a target belongs to (worked out once per target). */
export function endpointKindOf(target: ScalableTarget): EndpointKindReading {
  let reading = readings.get(target);
  if (!reading) {
    reading = readKind(target);
    readings.set(target, reading);
  }
  return reading;
}

function readKind(target: ScalableTarget): EndpointKindReading {
  if (target.serviceNamespace?.value !== 'sagemaker') return UNKNOWN;
  switch (target.scalableDimension?.value) {
    case SAGEMAKER_DIMENSIONS.inferenceComponentCopies:
      return { kind: 'inference-component' };
    case SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency:
      return { kind: 'serverless' };
    case SAGEMAKER_DIMENSIONS.variantInstances:
      break;
    default:
      return UNKNOWN;
  }
  if (target.policies.length === 0) return UNKNOWN;
  // Narrow the kinds an instance variant can be by every metric the file names for it.
  let candidates = INSTANCE_VARIANT_KINDS;
  let evidence: NamedMetric | undefined;
  for (const metric of namedMetrics(target)) {
    const narrowed = candidates.filter((k) => metric.facts.kinds.includes(k));
    if (narrowed.length === candidates.length) continue;
    if (narrowed.length === 0) return { conflict: evidence ? { metric, with: evidence } : { metric } };
    candidates = narrowed;
    evidence = metric;
  }
  if (!evidence) return UNKNOWN;
  if (candidates.length === 1) return { kind: candidates[0], evidence };
  // Real-time or multi-model: both keep at least one instance and scale alike.
  if (!candidates.includes('async')) return { kind: 'real-time', evidence };
  return UNKNOWN;
}
