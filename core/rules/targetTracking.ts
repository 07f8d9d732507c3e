import { removeMemberEdits, replaceValueEdits } from '../document/edits';
import type { Range } from '../finding';
import {
  has,
  member,
  type Located,
  type Prop,
  type ScalableTarget,
  type ScalingPolicy,
  type TargetTrackingConfiguration,
} from '../document/model';
import {
  metricFitsDimension,
  namespaceOfMetric,
  predefinedMetricsFor,
  PREDEFINED_METRIC_TYPES,
} from '../facts/predefinedMetrics';
import { nearest } from '../language/didYouMean';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';
import { isOtherServiceNamespace, metricFacts } from '../facts/metrics';
import { otherResourceDimensions, unpublishedDimensions, type MetricHolder } from './metricDimensions';
import { parseSageMakerResourceId, SAGEMAKER_METRICS_BY_DIMENSION, type SageMakerResource } from '../facts/sagemaker';
import { insideString, policyHead, policyLabel, rangeOf } from './locate';
import { table } from '../table';
import { andList, orList } from './words';
import { scheduleLowersMax } from './scheduledActions';

// Target-tracking policies: the metric they track, the value they aim at, and how they sit
// beside the other policies of their target.

/** The target-tracking block of a policy, unless PolicyType says it is another kind. */
export function trackingOf(policy: ScalingPolicy): TargetTrackingConfiguration | undefined {
  const type = policy.policyType?.value;
  if (type !== undefined && type !== 'TargetTrackingScaling') return undefined;
  return policy.targetTracking;
}

/** The first negative ScalingAdjustment of a step policy: the proof that it scales in. */
export function scaleInAdjustment(policy: ScalingPolicy): Prop<number> | undefined {
  const type = policy.policyType?.value;
  if (type !== undefined && type !== 'StepScaling') return undefined;
  for (const step of policy.stepScaling?.stepAdjustments?.items ?? []) {
    if (step.scalingAdjustment && step.scalingAdjustment.value < 0) return step.scalingAdjustment;
  }
  return undefined;
}

// How the API documentation names each namespace's resources.
const SERVICE_NAMES = table<string>({
  appstream: 'AppStream fleets',
  cassandra: 'Amazon Keyspaces tables',
  comprehend: 'Amazon Comprehend endpoints',
  'custom-resource': 'custom resources',
  dynamodb: 'DynamoDB tables and indexes',
  ec2: 'Spot Fleets',
  ecs: 'ECS services',
  elasticache: 'ElastiCache clusters',
  elasticmapreduce: 'EMR instance groups',
  kafka: 'Amazon MSK broker storage',
  lambda: 'Lambda provisioned concurrency',
  neptune: 'Neptune clusters',
  rds: 'Aurora clusters',
  sagemaker: 'SageMaker endpoints',
  workspaces: 'WorkSpaces pools',
});

// ---------------------------------------------------------------------------------------
// policy.type-supported

// PutScalingPolicy's documentation: TargetTrackingScaling is not supported for EMR,
// StepScaling not for DynamoDB, Comprehend, Lambda, Keyspaces, MSK, ElastiCache or Neptune,
// PredictiveScaling only for ECS.
const NO_STEP_SCALING = new Set(['dynamodb', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune']);

function unsupportedType(type: string, namespace: string): string | undefined {
  const service = SERVICE_NAMES[namespace];
  if (!service) return undefined; // an unknown namespace is the schema's to report
  const alternatives =
    namespace === 'elasticmapreduce'
      ? 'StepScaling'
      : NO_STEP_SCALING.has(namespace)
        ? 'TargetTrackingScaling'
        : 'TargetTrackingScaling or StepScaling';
  if (type === 'PredictiveScaling' && namespace !== 'ecs') {
    return `PredictiveScaling is available only for ECS services; AWS rejects it for ${service}. Use ${alternatives} instead.`;
  }
  if (type === 'TargetTrackingScaling' && namespace === 'elasticmapreduce') {
    return `Target tracking is not available for ${service}; AWS rejects the policy. Use StepScaling with a CloudWatch alarm instead.`;
  }
  if (type === 'StepScaling' && NO_STEP_SCALING.has(namespace)) {
    return `Step scaling is not available for ${service}; AWS rejects the policy. Use TargetTrackingScaling instead.`;
  }
  return undefined;
}

const typeSupported = defineRule(
  {
    code: 'policy.type-supported',
    severity: 'error',
    title: "The policy type must be available for the target's service",
    description:
      'Not every service takes every policy type: `PredictiveScaling` works only for ECS services; `TargetTrackingScaling` is not available for EMR; `StepScaling` is not available for DynamoDB, Comprehend, Lambda, Keyspaces, MSK, ElastiCache or Neptune. SageMaker endpoints take `TargetTrackingScaling` and `StepScaling`.',
  },
  {
    policy(policy, target, ctx) {
      const type = policy.policyType;
      const namespace = target.serviceNamespace;
      if (!type || !namespace) return;
      const problem = unsupportedType(type.value, namespace.value);
      if (problem)
        ctx.report({
          range: type.range,
          message: problem,
          related: [{ ...namespace.range, message: `ServiceNamespace is "${namespace.value}" here` }],
        });
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.target-value-range

// The API documents TargetValue as a double within -2^360 .. 2^360.
const TARGET_VALUE_LIMIT = 2 ** 360;

const targetValueRange = defineRule(
  {
    code: 'tt.target-value-range',
    severity: 'error',
    title: 'TargetValue must lie within ±2^360',
    description:
      'AWS accepts a `TargetValue` between -2^360 and 2^360 (about ±2.3e108) and rejects anything larger. A value that fits the metric is far smaller: a percentage, a ratio, or a count per instance per minute.',
  },
  {
    policy(policy, _target, ctx) {
      const tt = trackingOf(policy);
      // Read the member itself: a value such as 1e400 is Infinity, which the typed model drops.
      const value = tt && member(tt, 'TargetValue');
      if (value?.type !== 'number' || typeof value.value !== 'number') return;
      if (Math.abs(value.value) <= TARGET_VALUE_LIMIT) return;
      const range = rangeOf(value);
      ctx.report({
        range,
        message: `TargetValue ${ctx.text.slice(range.start, range.end)} is outside what AWS accepts (-2^360 to 2^360); it cannot be the value of any metric. Set the level of the metric you want to hold.`,
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.metric-exactly-one

function metricSuggestion(target: ScalableTarget): string {
  const dimension = target.scalableDimension?.value;
  const fitting = dimension ? predefinedMetricsFor(dimension) : [];
  return fitting.length > 0 ? ` (for this target: ${orList(fitting)})` : '';
}

const metricExactlyOne = defineRule(
  {
    code: 'tt.metric-exactly-one',
    severity: 'error',
    title: 'A target-tracking policy tracks exactly one metric',
    description:
      'A `TargetTrackingScalingPolicyConfiguration` takes either a `PredefinedMetricSpecification` or a `CustomizedMetricSpecification`: AWS rejects a policy with both or with neither.',
  },
  {
    policy(policy, target, ctx) {
      const tt = trackingOf(policy);
      if (!tt) return;
      const predefined = member(tt, 'PredefinedMetricSpecification');
      const customized = member(tt, 'CustomizedMetricSpecification');
      if (predefined && customized) {
        const [first, second] =
          predefined.keyStart < customized.keyStart ? [predefined, customized] : [customized, predefined];
        ctx.report({
          range: second.keyRange,
          message: `This policy has both a PredefinedMetricSpecification and a CustomizedMetricSpecification; a target-tracking policy tracks one metric, and AWS rejects both together. Remove one of them.`,
          related: [{ ...first.keyRange, message: `${first.key!} is here` }],
        });
      } else if (!predefined && !customized && tt.keyRange) {
        ctx.report({
          range: tt.keyRange,
          message: `This target-tracking policy names no metric, and AWS rejects it. Add a PredefinedMetricSpecification${metricSuggestion(target)} or a CustomizedMetricSpecification.`,
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.predefined-dimension-match

function mismatchReason(metric: string, dimension: string): string {
  if (metric === 'ALBRequestCountPerTarget') return 'AWS offers it only for Spot Fleets and ECS services';
  const namespace = namespaceOfMetric(metric);
  if (namespace === dimension.slice(0, dimension.indexOf(':'))) {
    return metric.includes('Read')
      ? 'it measures read capacity, and this dimension scales write capacity'
      : 'it measures write capacity, and this dimension scales read capacity';
  }
  return `it measures ${namespace ? (SERVICE_NAMES[namespace] ?? namespace) : 'another service'}`;
}

const predefinedDimensionMatch = defineRule(
  {
    code: 'tt.predefined-dimension-match',
    severity: 'error',
    title: "The predefined metric must belong to the target's dimension",
    description:
      'Each predefined metric measures one kind of resource: `ECSService…` metrics go with ECS services, `DynamoDB…Read…` with read capacity, `ALBRequestCountPerTarget` with Spot Fleets and ECS services, and so on. On a SageMaker target, the JSON schema already limits `PredefinedMetricType` to the metrics of its dimension; this rule covers the other namespaces and a SageMaker metric on a non-SageMaker target.',
  },
  {
    policy(policy, target, ctx) {
      const type = trackingOf(policy)?.predefined?.predefinedMetricType;
      const dimension = target.scalableDimension;
      if (!type || !dimension) return;
      if (metricFitsDimension(type.value, dimension.value) !== false) return;
      // The schema's if/then already limits SageMaker dimensions to their own metrics; EMR
      // takes no target tracking at all, which policy.type-supported reports.
      if (SAGEMAKER_METRICS_BY_DIMENSION[dimension.value] || dimension.value.startsWith('elasticmapreduce:')) return;
      const fitting = predefinedMetricsFor(dimension.value);
      const fix =
        fitting.length > 0
          ? `Use ${orList(fitting)}, or a CustomizedMetricSpecification.`
          : `No predefined metric fits ${dimension.value}: use a CustomizedMetricSpecification.`;
      ctx.report({
        range: type.range,
        message: `${type.value} cannot drive ${dimension.value}: ${mismatchReason(type.value, dimension.value)}. ${fix}`,
        related: [{ ...dimension.range, message: `ScalableDimension is "${dimension.value}" here` }],
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.predefined-enum

/**
 * The predefined metric type most likely meant by an unknown one: a known type that ends
 * with or contains it ("InvocationsPerInstance" → "SageMakerVariantInvocationsPerInstance"),
 * else the nearest by edit distance (core/language/didYouMean.ts). Among the types that fit the
 * target's dimension when there are any; undefined when nothing is close or two are equally likely.
 */
function meantMetricType(value: string, dimension: string | undefined): string | undefined {
  const wanted = value.toLowerCase();
  if (wanted.length < 4) return undefined;
  const fitting = dimension ? predefinedMetricsFor(dimension) : [];
  const pool = fitting.length > 0 ? fitting : PREDEFINED_METRIC_TYPES;
  const containing = pool.filter((t) => t.toLowerCase().includes(wanted));
  if (containing.length === 1) return containing[0];
  if (containing.length > 1) return undefined;
  const near = nearest(value, pool); // a slip of a few letters: the one nearest, when it is one
  return near.length === 1 ? near[0] : undefined;
}

const KNOWN_METRIC_TYPES: ReadonlySet<string> = new Set(PREDEFINED_METRIC_TYPES);

const predefinedEnum = defineRule(
  {
    code: 'tt.predefined-enum',
    severity: 'error',
    title: 'PredefinedMetricType is one Application Auto Scaling knows',
    description:
      "`PredefinedMetricType` takes one of Application Auto Scaling's predefined metric types (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html); AWS rejects any other. A CloudWatch metric name such as `InvocationsPerInstance` is not one: the predefined type is `SageMakerVariantInvocationsPerInstance`, and a metric of your own goes in a `CustomizedMetricSpecification`. The finding names the type most likely meant, among those that fit the target's dimension, with a quick fix. It is the one finding there: the schema accepts any string for `PredefinedMetricType` and keeps the types for completion.",
  },
  {
    policy(policy, target, ctx) {
      const type = trackingOf(policy)?.predefined?.predefinedMetricType;
      if (!type || KNOWN_METRIC_TYPES.has(type.value) || type.value.length === 0) return;
      const meant = meantMetricType(type.value, target.scalableDimension?.value);
      const fitting = target.scalableDimension ? predefinedMetricsFor(target.scalableDimension.value) : [];
      const instead = meant
        ? ` Did you mean ${meant}?`
        : fitting.length > 0
          ? ` For this target: ${orList(fitting)}.`
          : '';
      ctx.report({
        range: type.range,
        message: `"${type.value}" is not a PredefinedMetricType, and AWS rejects the policy.${instead} To track a CloudWatch metric by its name, use a CustomizedMetricSpecification.`,
        fixes: meant ? [{ title: `Use ${meant}`, edits: replaceValueEdits(type, meant) }] : [],
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.resource-label

// The final parts of a load balancer ARN and a target group ARN, joined by a slash.
const ALB_RESOURCE_LABEL = /^app\/[^/]+\/[^/]+\/targetgroup\/[^/]+\/[^/]+$/;
const ALB_LABEL_FORMAT =
  'app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>';

const resourceLabel = defineRule(
  {
    code: 'tt.resource-label',
    severity: 'error',
    title: 'ResourceLabel goes with ALBRequestCountPerTarget, and only with it',
    description: `\`ALBRequestCountPerTarget\` needs a \`ResourceLabel\` naming the load balancer and target group, \`${ALB_LABEL_FORMAT}\`. Every other predefined metric, every SageMaker metric included, takes no \`ResourceLabel\`, and AWS rejects one.`,
  },
  {
    policy(policy, _target, ctx) {
      const predefined = trackingOf(policy)?.predefined;
      const type = predefined?.predefinedMetricType;
      if (!predefined || !type) return;
      const label = predefined.resourceLabel;
      if (type.value === 'ALBRequestCountPerTarget') {
        if (!has(predefined, 'ResourceLabel')) {
          ctx.report({
            range: type.range,
            message: `ALBRequestCountPerTarget needs a ResourceLabel that names the load balancer and target group: "${ALB_LABEL_FORMAT}". Add it.`,
          });
        } else if (label && !ALB_RESOURCE_LABEL.test(label.value)) {
          ctx.report({
            range: label.range,
            message: `ResourceLabel "${label.value}" is not of the form "${ALB_LABEL_FORMAT}": the last part of the load balancer ARN, a slash, and the last part of the target group ARN.`,
          });
        }
        return;
      }
      if (!label) return;
      const whose = type.value.startsWith('SageMaker') ? 'SageMaker metrics take' : `${type.value} takes`;
      ctx.report({
        range: label.range,
        message: `${whose} no ResourceLabel; AWS accepts one only with ALBRequestCountPerTarget and rejects this policy. Remove it.`,
        fixes: [{ title: 'Remove ResourceLabel', edits: removeMemberEdits(predefined.item, label) }],
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.custom-form

const SIMPLE_FORM_MEMBERS = ['MetricName', 'Namespace', 'Dimensions', 'Statistic', 'Unit'] as const;
const SIMPLE_FORM_REQUIRED = ['MetricName', 'Namespace', 'Statistic'] as const;

function hasAll(located: Located, keys: readonly string[]): boolean {
  for (const key of keys) if (!has(located, key)) return false;
  return true;
}

const customForm = defineRule(
  {
    code: 'tt.custom-form',
    severity: 'error',
    title: 'A customized metric is either one metric or metric math, not both',
    description:
      'A `CustomizedMetricSpecification` names its metric in one of two ways: `MetricName`, `Namespace` and `Statistic` (with the `Dimensions` the metric was published with, and an optional `Unit`), or a `Metrics` array of metric data queries for metric math. Mixing the two, or giving neither, is rejected.',
  },
  {
    policy(policy, _target, ctx) {
      const customized = trackingOf(policy)?.customized;
      if (!customized?.keyRange) return;
      const metrics = member(customized, 'Metrics');
      // The usual case, one complete metric, is told without building a list.
      if (!metrics && hasAll(customized, SIMPLE_FORM_REQUIRED)) return;
      const simple = SIMPLE_FORM_MEMBERS.map((key) => member(customized, key)).filter((m) => m !== undefined);
      if (metrics) {
        if (simple.length > 0) {
          const names = simple.map((m) => m.key!);
          ctx.report({
            range: metrics.keyRange,
            message: `Metrics (metric math) cannot be combined with ${andList(names)}: a customized metric is either one metric or metric math. Move the metric into a query of Metrics as its MetricStat, or remove Metrics.`,
            related: simple.map((m) => ({ ...m.keyRange, message: `${m.key!} is here` })),
          });
        } else if (metrics.type === 'array' && (metrics.children?.length ?? 0) === 0) {
          ctx.report({
            range: metrics.keyRange,
            message:
              'Metrics is empty, so this customized metric names nothing to track. Add the metric data queries, or use MetricName, Namespace and Statistic.',
          });
        }
        return;
      }
      if (simple.length === 0) {
        ctx.report({
          range: customized.keyRange,
          message:
            'This CustomizedMetricSpecification names no metric. Give MetricName, Namespace and Statistic (with the Dimensions the metric was published with), or a Metrics array for metric math.',
        });
        return;
      }
      const missing = SIMPLE_FORM_REQUIRED.filter((key) => !has(customized, key));
      if (missing.length > 0) {
        ctx.report({
          range: customized.keyRange,
          message: `This customized metric lacks ${andList(missing)}; AWS needs MetricName, Namespace and Statistic to find the metric. Add ${missing.length === 1 ? 'it' : 'them'}.`,
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.one-per-metric

const SEP = '\u0000';

function dimensionsKey(
  dimensions: (Located & { items: { name?: Prop<string>; value?: Prop<string> }[] }) | undefined,
): string {
  return (dimensions?.items ?? [])
    .map((d) => `${d.name?.value}=${d.value?.value}`)
    .sort()
    .join(SEP);
}

/** What a policy tracks, as a comparable key, the range that shows it, and words for it. */
function trackedMetric(tt: TargetTrackingConfiguration): { key: string; at: Range; words: string } | undefined {
  const { predefined, customized } = tt;
  if (predefined && !customized) {
    const type = predefined.predefinedMetricType;
    if (!type) return undefined;
    return {
      key: ['p', type.value, predefined.resourceLabel?.value ?? ''].join(SEP),
      at: type.range,
      words: type.value,
    };
  }
  if (!customized || predefined || !customized.keyRange) return undefined;
  if (customized.metrics) {
    const queries = customized.metrics.items.map((q) => {
      const stat = q.metricStat;
      return [
        q.id?.value,
        q.expression?.value,
        stat?.metric?.namespace?.value,
        stat?.metric?.metricName?.value,
        dimensionsKey(stat?.metric?.dimensions),
        stat?.stat?.value,
        stat?.unit?.value,
        q.returnData?.value,
      ].join(SEP);
    });
    return { key: ['m', ...queries].join(SEP + SEP), at: customized.keyRange, words: 'the same metric math' };
  }
  const { namespace, metricName } = customized;
  if (!namespace || !metricName) return undefined;
  return {
    key: [
      'c',
      namespace.value,
      metricName.value,
      customized.statistic?.value,
      customized.unit?.value,
      dimensionsKey(customized.dimensions),
    ].join(SEP),
    at: customized.keyRange,
    words: `the same customized metric (${namespace.value} ${metricName.value})`,
  };
}

const onePerMetric = defineRule(
  {
    code: 'tt.one-per-metric',
    severity: 'error',
    title: 'One target-tracking policy per metric on a target',
    description:
      'AWS rejects a second target-tracking policy on the same metric of a scalable target ("Only one TargetTrackingScaling policy for a given metric specification is allowed"). Merge the two policies, or give the second one another metric.',
  },
  {
    target(target, ctx) {
      let tracking = 0;
      for (const policy of target.policies) if (trackingOf(policy)) tracking++;
      if (tracking < 2) return; // most targets: no keys to build
      const seen = new Map<string, { policy: ScalingPolicy; at: Range }>();
      for (const policy of target.policies) {
        const tt = trackingOf(policy);
        const tracked = tt && trackedMetric(tt);
        if (!tracked) continue;
        const first = seen.get(tracked.key);
        if (!first) {
          seen.set(tracked.key, { policy, at: tracked.at });
          continue;
        }
        ctx.report({
          range: tracked.at,
          message: `Target-tracking policy ${policyLabel(first.policy)} on this target already tracks ${tracked.words}; AWS allows one target-tracking policy per metric and rejects this one. Merge the two policies, or track another metric.`,
          related: [{ ...first.at, message: `${policyLabel(first.policy)} tracks it here` }],
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.metric-inverse-proportional

// Metric names that measure how badly the endpoint does, not how much work each instance
// has: adding instances does not bring them down in proportion.
const NOT_PER_CAPACITY = /Latency|Error|Fault|Failure|5XX|4XX/i;

const metricInverseProportional = defineRule(
  {
    code: 'tt.metric-inverse-proportional',
    severity: 'warning',
    title: 'A tracked metric should fall as capacity rises',
    description:
      'Target tracking adds capacity until the metric comes down to the target, so the metric must fall in proportion as instances are added: a utilisation or a load per instance. Latency and error counts do not: they may not move when instances are added (a slow model stays slow), so the policy keeps scaling out, or never scales in. Track a load metric, and alarm on latency or errors with a step policy if you need to.',
  },
  {
    policy(policy, _target, ctx) {
      const customized = trackingOf(policy)?.customized;
      if (!customized) return;
      const names: Prop<string>[] = [];
      if (customized.metricName) names.push(customized.metricName);
      // In metric math only a metric that is itself the result is tracked directly.
      for (const query of customized.metrics?.items ?? []) {
        const name = query.metricStat?.metric?.metricName;
        if (name && (query.returnData?.value ?? true) && !query.expression) names.push(name);
      }
      for (const name of names) {
        const match = NOT_PER_CAPACITY.exec(name.value);
        if (!match) continue;
        ctx.report({
          range: insideString(ctx.text, name, match.index, match[0].length),
          message: `${name.value} measures ${/latency/i.test(match[0]) ? 'latency' : 'errors'}, which does not fall as instances are added, so target tracking on it may scale out without end or never scale in. Track a per-instance load (such as invocations per instance) or a utilisation metric instead, and alarm on ${name.value} with a step policy if needed.`,
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.disable-scale-in

const disableScaleIn = defineRule(
  {
    code: 'tt.disable-scale-in',
    severity: 'warning',
    title: 'DisableScaleIn needs another way to scale in',
    description:
      'With `DisableScaleIn: true` a target-tracking policy only adds capacity. That is right when a step policy (negative adjustments) or a scheduled action that lowers `MaxCapacity` removes it again; with neither, the target stays at its peak size, and keeps costing, until someone changes it by hand.',
  },
  {
    target(target, ctx) {
      // MSK broker storage can only grow: scale-in is off by design there.
      if (target.serviceNamespace?.value === 'kafka') return;
      const disabled: Prop<boolean>[] = [];
      let scalesIn = false;
      for (const policy of target.policies) {
        const tt = trackingOf(policy);
        if (tt?.disableScaleIn?.value === true) disabled.push(tt.disableScaleIn);
        else if (tt) scalesIn = true;
        // ExactCapacity can set a lower capacity as well as a higher one.
        if (
          scaleInAdjustment(policy) ||
          (policy.stepScaling && policy.stepScaling.adjustmentType?.value === 'ExactCapacity')
        )
          scalesIn = true;
      }
      if (disabled.length === 0 || scalesIn || scheduleLowersMax(target)) return;
      for (const value of disabled) {
        ctx.report({
          range: value.range,
          message:
            'With DisableScaleIn true this policy never removes capacity, and nothing else on this target does (no step policy with a negative adjustment, no scheduled action that lowers MaxCapacity): once scaled out, the target stays at its peak. Set DisableScaleIn to false, or add a scale-in step policy or a scheduled action.',
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// sm.target-value-pc-util

/** The predefined metric type and TargetValue of a target-tracking policy, when it has both. */
function predefinedTarget(policy: ScalingPolicy): { type: Prop<string>; value: Prop<number> } | undefined {
  const tt = trackingOf(policy);
  const type = tt?.predefined?.predefinedMetricType;
  const value = tt?.targetValue;
  return type && value ? { type, value } : undefined;
}

/** The fraction a percentage stands for, for a quick fix; undefined when the value is no percentage. */
function asFraction(percent: number): number | undefined {
  if (percent <= 1 || percent > 100) return undefined;
  return Number((percent / 100).toPrecision(12));
}

const targetValuePcUtil = defineRule(
  {
    code: 'sm.target-value-pc-util',
    severity: 'warning',
    title: 'SageMakerVariantProvisionedConcurrencyUtilization is a ratio from 0 to 1',
    description:
      "Provisioned concurrency utilisation is the share of provisioned concurrency in use, a number from 0 to 1; AWS's examples target 0.9. A target above 1 can never be reached, so the policy only ever scales in. A value such as 70 is a percentage: write 0.7.",
  },
  {
    policy(policy, _target, ctx) {
      const found = predefinedTarget(policy);
      if (found?.type.value !== 'SageMakerVariantProvisionedConcurrencyUtilization' || found.value.value <= 1) return;
      const { value } = found;
      const fraction = asFraction(value.value);
      ctx.report({
        range: value.range,
        message: `SageMakerVariantProvisionedConcurrencyUtilization is a ratio from 0 to 1, so a target of ${value.value} can never be reached and the policy would only scale in. ${fraction === undefined ? 'Use a ratio such as 0.9.' : `For ${value.value} %, write ${fraction}.`}`,
        fixes:
          fraction === undefined
            ? []
            : [
                {
                  title: `Change TargetValue to ${fraction}`,
                  edits: [{ ...value.range, newText: String(fraction) }],
                },
              ],
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// sanity.target-value-metric

// Utilisation metrics whose values are percentages; SageMaker's CPUUtilization,
// GPUUtilization and GPUMemoryUtilization add up the cores (0–400 % on four CPUs), so
// only their …Normalized forms stop at 100.
const PERCENT_METRIC_NAME = /(CPU|GPU|Memory|Disk)Utili[sz]ation/i;
const SUMMED_SAGEMAKER_METRIC = /^(CPU|GPU|GPUMemory)Utilization$/;
// Predefined metrics that are percentages (ProvisionedConcurrencyUtilization is a 0–1 ratio).
const PERCENT_METRIC_TYPE = /(Utilization|Percentage)(HighResolution)?$/;

function percentCeiling(namespace: string, metricName: string): number | undefined {
  if (!PERCENT_METRIC_NAME.test(metricName)) return undefined;
  if (namespace.startsWith('/aws/sagemaker/') && SUMMED_SAGEMAKER_METRIC.test(metricName)) return Infinity;
  return 100;
}

const targetValueMetric = defineRule(
  {
    code: 'sanity.target-value-metric',
    severity: 'warning',
    title: 'TargetValue must be a level the metric can reach',
    description:
      "The metric settles at `TargetValue`, so the value must be one the metric can take: above 0 (every predefined metric is a count, a ratio or a percentage), at most 100 for a percentage such as CPU, memory or disk utilisation, at most 1 for a provisioned-concurrency ratio. SageMaker's `CPUUtilization` and `GPUUtilization` add up the cores and can exceed 100.",
  },
  {
    policy(policy, _target, ctx) {
      const tt = trackingOf(policy);
      const value = tt?.targetValue;
      if (!tt || !value) return;
      const type = tt.predefined?.predefinedMetricType;
      if (type && !tt.customized) {
        if (value.value <= 0) {
          ctx.report({
            range: value.range,
            message: `${type.value} never goes below 0, so a target of ${value.value} can never be met and the policy would scale out to MaxCapacity. Set the level of the metric you want to hold, above 0.`,
          });
        } else if (type.value === 'LambdaProvisionedConcurrencyUtilization' && value.value > 1) {
          const fraction = asFraction(value.value);
          ctx.report({
            range: value.range,
            message: `LambdaProvisionedConcurrencyUtilization is a ratio from 0 to 1, so a target of ${value.value} can never be reached. ${fraction === undefined ? 'Use a ratio such as 0.7.' : `For ${value.value} %, write ${fraction}.`}`,
            fixes:
              fraction === undefined
                ? []
                : [
                    {
                      title: `Change TargetValue to ${fraction}`,
                      edits: [{ ...value.range, newText: String(fraction) }],
                    },
                  ],
          });
        } else if (
          PERCENT_METRIC_TYPE.test(type.value) &&
          !type.value.endsWith('ProvisionedConcurrencyUtilization') &&
          value.value > 100
        ) {
          ctx.report({
            range: value.range,
            message: `${type.value} is a percentage, so a target of ${value.value} can never be reached and the policy would only scale in. Use a value from 1 to 100.`,
          });
        }
        return;
      }
      const name = tt.customized?.metricName;
      const namespace = tt.customized?.namespace;
      if (!name || !namespace || tt.predefined) return;
      const ceiling = percentCeiling(namespace.value, name.value);
      if (ceiling === undefined) return;
      if (value.value <= 0) {
        ctx.report({
          range: value.range,
          message: `${name.value} is a utilisation that never goes below 0, so a target of ${value.value} can never be met and the policy would scale out to MaxCapacity. Use the utilisation you want to hold, such as 70.`,
          related: [{ ...name.range, message: 'the tracked metric' }],
        });
      } else if (value.value > ceiling) {
        ctx.report({
          range: value.range,
          message: `${name.value} is a percentage from 0 to 100, so a target of ${value.value} can never be reached and the policy would only scale in. Use the utilisation you want to hold, such as 70.`,
          related: [{ ...name.range, message: 'the tracked metric' }],
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// sanity.tt-plus-step-scale-in

const trackingPlusStepScaleIn = defineRule(
  {
    code: 'sanity.tt-plus-step-scale-in',
    severity: 'warning',
    title: 'Target tracking and a step policy both scale in',
    description:
      'AWS warns that target-tracking and step policies can fight: a step policy may scale in before target tracking is ready to, nothing blocks it, and target tracking then scales out again. Let one policy own scale-in: set `DisableScaleIn: true` on the target-tracking policy, or drop the negative steps.',
  },
  {
    target(target, ctx) {
      if (!target.policies.some(scaleInAdjustment)) return; // most targets: no list built
      const trackers = target.policies.filter((p) => {
        const tt = trackingOf(p);
        return tt !== undefined && tt.disableScaleIn?.value !== true;
      });
      if (trackers.length === 0) return;
      for (const policy of target.policies) {
        const adjustment = scaleInAdjustment(policy);
        if (!adjustment) continue;
        const names = orList(trackers.map(policyLabel));
        ctx.report({
          range: adjustment.range,
          message: `This step policy scales in, and so does target-tracking policy ${names}. A step scale-in is not held back until target tracking is ready, which then scales out again: the fleet flaps. Set DisableScaleIn to true on ${names} to let this policy own scale-in, or remove the negative steps.`,
          related: trackers.map((p) => ({ ...policyHead(p), message: `${policyLabel(p)} also scales in` })),
        });
      }
    },
  },
);

// ---------------------------------------------------------------------------------------
// tt.custom-metric-target

/** Reports a customized metric (or a metric-math input) that does not measure this target. */
function checkMeasuredMetric(
  holder: MetricHolder | undefined,
  resource: SageMakerResource,
  id: Prop<string>,
  ctx: RuleContext,
): void {
  if (!holder?.metricName || (has(holder, 'Dimensions') && !holder.dimensions)) return;
  for (const other of otherResourceDimensions(holder.dimensions?.items, resource)) {
    const got = other.dimension.value!;
    ctx.report({
      range: got.range,
      message: `This metric's ${other.name} is "${got.value}", but the policy scales ${other.what} "${other.want}" (ResourceId "${id.value}"): target tracking would add and remove this target's capacity to move another ${other.what}'s metric, which it does not change. Set it to "${other.want}".`,
      related: [{ ...insideString(ctx.text, id, other.at, other.want.length), message: `the target's ${other.what}` }],
      fixes: [
        {
          title: `Set ${other.name} to "${other.want}"`,
          edits: replaceValueEdits(member(other.dimension, 'Value')!, other.want),
        },
      ],
    });
  }
  const facts = metricFacts(holder.namespace?.value, holder.metricName.value);
  if (!facts) return;
  const problem = unpublishedDimensions(
    ctx.text,
    holder,
    facts,
    resource,
    'the policy has nothing to track and never scales',
  );
  if (problem) ctx.report(problem);
}

const customMetricTarget = defineRule(
  {
    code: 'tt.custom-metric-target',
    severity: 'warning',
    title: 'A customized metric measures the target it scales',
    description:
      "Target tracking adds capacity until the metric comes down to `TargetValue`, so it must follow a metric of the target it scales, one that capacity moves. A metric of another AWS service (`AWS/Lambda`, `AWS/SQS`) measures that service; a SageMaker metric must carry exactly a dimension set SageMaker publishes it with (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html: `CPUUtilization` and `GPUUtilization` per `EndpointName` and `VariantName`, never per `ModelName` or per `VariantName` alone), and its values must name this target's endpoint, variant or inference component. Checked on the single metric and on each metric of metric math. Metrics of a namespace of your own are not checked here; plan and apply ask CloudWatch (`tt.custom-dimensions`).",
  },
  {
    policy(policy, target, ctx) {
      const customized = trackingOf(policy)?.customized;
      const id = target.resourceId;
      if (!customized || !id || target.serviceNamespace?.value !== 'sagemaker') return;
      const resource = parseSageMakerResourceId(id.value);
      if (!resource) return;
      const namespace = customized.namespace;
      if (namespace && customized.metricName && !customized.metrics && isOtherServiceNamespace(namespace.value)) {
        const service = namespace.value.slice('AWS/'.length);
        ctx.report({
          range: namespace.range,
          message: `${customized.metricName.value} in ${namespace.value} measures ${service}, not this SageMaker target: target tracking adds and removes the target's capacity to bring a metric to TargetValue, and this one does not move with it. Track a metric of the endpoint (AWS/SageMaker or /aws/sagemaker/Endpoints), or compute one per instance with metric math.`,
        });
        return;
      }
      checkMeasuredMetric(customized, resource, id, ctx);
      for (const query of customized.metrics?.items ?? [])
        checkMeasuredMetric(query.metricStat?.metric, resource, id, ctx);
    },
  },
);

export const targetTrackingRules: Rule[] = [
  typeSupported,
  targetValueRange,
  metricExactlyOne,
  predefinedEnum,
  predefinedDimensionMatch,
  resourceLabel,
  customForm,
  onePerMetric,
  metricInverseProportional,
  disableScaleIn,
  targetValuePcUtil,
  targetValueMetric,
  trackingPlusStepScaleIn,
  customMetricTarget,
];
