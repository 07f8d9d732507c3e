import type { Fix, Range, RelatedLocation } from '../finding';
import { appendMemberEdit } from '../document/edits';
import type { Located, MetricDimension, Prop } from '../document/model';
import { publishedWith, type MetricFacts } from '../facts/metrics';
import type { SageMakerResource } from '../facts/sagemaker';
import { headOf } from './locate';
import { andList, orList } from './words';

// Whether a metric, as a policy or an alarm names it, is one CloudWatch has: a metric is
// found by its namespace, name and exactly the dimensions it was published with
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension).
// A dimension set SageMaker never publishes the metric with names a metric that has no
// data, whatever the values. The catalogue (core/facts/metrics.ts) knows the sets.

/** How the model holds a named metric: a customized metric, an alarm, a MetricStat's Metric. */
export interface MetricHolder extends Located {
  metricName?: Prop<string>;
  namespace?: Prop<string>;
  dimensions?: Located & { items: MetricDimension[] };
}

/** The value each dimension SageMaker names a resource by takes for this target's resource. */
function resourceValues(resource: SageMakerResource): ReadonlyMap<string, string> {
  return resource.kind === 'variant'
    ? new Map([
        ['EndpointName', resource.endpointName],
        ['VariantName', resource.variantName],
      ])
    : new Map([['InferenceComponentName', resource.name]]);
}

/** The published set the target's resource can fill in, with its values. */
function suggestedDimensions(facts: MetricFacts, resource: SageMakerResource): [string, string][] | undefined {
  const values = resourceValues(resource);
  for (const set of facts.dimensions) {
    if (set.every((name) => values.has(name))) return set.map((name) => [name, values.get(name)!]);
  }
  return undefined;
}

function dimensionsText(dimensions: readonly [string, string][]): string {
  return `[ ${dimensions.map(([name, value]) => `{ "Name": ${JSON.stringify(name)}, "Value": ${JSON.stringify(value)} }`).join(', ')} ]`;
}

function setWords(set: readonly string[]): string {
  return set.length === 1 ? `the ${set[0]} dimension only` : `the ${andList(set)} dimensions`;
}

/** A problem with a named metric's dimensions, ready to report. */
export interface DimensionProblem {
  range: Range;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

/**
 * When a catalogued metric is named with a set of dimensions SageMaker never publishes it
 * with: where to point, why, and the set to use for this target (a quick fix when the
 * target's ResourceId gives every value). `consequence` says what a metric without data
 * does here ("the alarm never fires").
 */
export function unpublishedDimensions(
  text: string,
  holder: MetricHolder,
  facts: MetricFacts,
  resource: SageMakerResource | undefined,
  consequence: string,
): DimensionProblem | undefined {
  const items = holder.dimensions?.items ?? NO_DIMENSIONS;
  const names = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const name = items[i]!.name;
    if (!name) return undefined; // a dimension still being written
    names[i] = name.value;
  }
  if (publishedWith(facts, names)) return undefined;
  const published = orList(facts.dimensions.map(setWords));
  const given =
    names.length === 0
      ? 'without dimensions'
      : `with ${names.length === 1 ? 'dimension' : 'dimensions'} ${andList(names)}`;
  const suggestion = resource && suggestedDimensions(facts, resource);
  const use = suggestion ? ` Use "Dimensions": ${dimensionsText(suggestion)}.` : '';
  const range = holder.dimensions?.keyRange ?? holder.metricName?.range ?? headOf(holder);
  const fixes: Fix[] = [];
  if (suggestion) {
    const newText = dimensionsText(suggestion);
    if (holder.dimensions)
      fixes.push({
        title: `Use ${andList(suggestion.map(([n]) => n))}`,
        edits: [{ start: holder.dimensions.range.start, end: holder.dimensions.range.end, newText }],
      });
    else {
      const edit = appendMemberEdit(text, holder.item, 'Dimensions', newText);
      if (edit) fixes.push({ title: `Add the ${andList(suggestion.map(([n]) => n))} dimensions`, edits: [edit] });
    }
  }
  return {
    range,
    message: `SageMaker publishes ${facts.name} with ${published}; ${given} this names a metric that has no data, so ${consequence}.${use}`,
    fixes,
  };
}

/** A dimension whose value names another resource than the target scales. */
export interface OtherResource {
  dimension: MetricDimension;
  name: string;
  want: string;
  what: string;
  /** Where the target's ResourceId names the wanted value. */
  at: number;
}

/** The dimensions of a named metric that name another endpoint, variant or inference component than the target's. */
export function otherResourceDimensions(
  dimensions: readonly MetricDimension[] | undefined,
  resource: SageMakerResource,
): readonly OtherResource[] {
  if (!dimensions || dimensions.length === 0) return NONE;
  let found: OtherResource[] | undefined;
  for (const dimension of dimensions) {
    const name = dimension.name?.value;
    const got = dimension.value?.value;
    if (name === undefined || got === undefined) continue;
    const expected =
      resource.kind === 'variant'
        ? name === 'EndpointName'
          ? { want: resource.endpointName, what: 'endpoint', at: resource.endpointAt }
          : name === 'VariantName'
            ? { want: resource.variantName, what: 'variant', at: resource.variantAt }
            : undefined
        : name === 'InferenceComponentName'
          ? { want: resource.name, what: 'inference component', at: resource.nameAt }
          : undefined;
    if (expected && expected.want !== got) (found ??= []).push({ dimension, name, ...expected });
  }
  return found ?? NONE;
}

const NONE: readonly OtherResource[] = Object.freeze([]);
const NO_DIMENSIONS: readonly MetricDimension[] = Object.freeze([]);
