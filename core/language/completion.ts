import { getLocation } from 'jsonc-parser';
import type { Range } from '../finding';
import type { ScalableTarget, ScalingFile } from '../document/model';
import { SAGEMAKER_DIMENSIONS, SAGEMAKER_METRICS_BY_DIMENSION } from '../facts/sagemaker';
import { table } from '../table';

// Completion beyond the schema: values that depend on another member of the same target,
// which a JSON schema cannot express (the metric types that fit the target's dimension,
// the ResourceId template of the dimension).

/** One completion proposal; `snippet` uses VS Code snippet syntax (`${1:name}`). */
export interface Completion {
  label: string;
  detail: string;
  documentation?: string;
  /** The text that replaces `range`, quotes included. */
  insertText: string;
  snippet: boolean;
  range: Range;
}

const RESOURCE_ID_TEMPLATES = table<{ label: string; snippet: string }>({
  [SAGEMAKER_DIMENSIONS.variantInstances]: {
    label: 'endpoint/<endpoint>/variant/<variant>',
    snippet: '"endpoint/${1:my-endpoint}/variant/${2:AllTraffic}"',
  },
  [SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency]: {
    label: 'endpoint/<endpoint>/variant/<variant>',
    snippet: '"endpoint/${1:my-serverless-endpoint}/variant/${2:AllTraffic}"',
  },
  [SAGEMAKER_DIMENSIONS.inferenceComponentCopies]: {
    label: 'inference-component/<name>',
    snippet: '"inference-component/${1:my-component}"',
  },
});

const METRIC_NOTES = table<string>({
  SageMakerVariantInvocationsPerInstance:
    'Average invocations per instance per minute. Start from max requests per second × 0.5 × 60.',
  SageMakerVariantConcurrentRequestsPerModelHighResolution:
    'Concurrent requests per model copy, every 10 seconds: scales out faster.',
  SageMakerVariantProvisionedConcurrencyUtilization:
    'Used provisioned concurrency divided by provisioned concurrency: a ratio, 0.9 is typical.',
  SageMakerInferenceComponentInvocationsPerCopy: 'Average invocations per copy of the inference component per minute.',
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution:
    'Concurrent requests per copy, every 10 seconds: scales out faster.',
});

/** The value node range at the offset (a string literal) or an empty range there. */
function valueRange(offset: number, previous: { offset: number; length: number; type: string } | undefined): Range {
  if (
    previous &&
    previous.type === 'string' &&
    previous.offset <= offset &&
    offset <= previous.offset + previous.length
  ) {
    return { start: previous.offset, end: previous.offset + previous.length };
  }
  return { start: offset, end: offset };
}

/** Proposals at `offset` that depend on the enclosing target. */
export function completionsAt(text: string, model: ScalingFile | undefined, offset: number): Completion[] {
  if (!model) return [];
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey) return [];
  const path = location.path;
  if (path[0] !== 'ScalableTargets' || typeof path[1] !== 'number') return [];
  const target: ScalableTarget | undefined = model.targets.find((t) => t.index === path[1]);
  const dimension = target?.scalableDimension?.value;
  if (!dimension) return [];
  const range = valueRange(offset, location.previousNode);

  if (
    location.matches([
      'ScalableTargets',
      '*',
      'ScalingPolicies',
      '*',
      'TargetTrackingScalingPolicyConfiguration',
      'PredefinedMetricSpecification',
      'PredefinedMetricType',
    ])
  ) {
    return (SAGEMAKER_METRICS_BY_DIMENSION[dimension] ?? []).map((metric) => ({
      label: metric,
      detail: `fits ${dimension}`,
      documentation: METRIC_NOTES[metric],
      insertText: JSON.stringify(metric),
      snippet: false,
      range,
    }));
  }
  if (location.matches(['ScalableTargets', '*', 'ResourceId'])) {
    const template = RESOURCE_ID_TEMPLATES[dimension];
    if (!template) return [];
    return [
      {
        label: template.label,
        detail: `ResourceId for ${dimension}`,
        insertText: template.snippet,
        snippet: true,
        range,
      },
    ];
  }
  return [];
}
