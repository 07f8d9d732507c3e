// Facts about SageMaker's scalable resources, shared by the rules, completion and the tree.

import { table } from '../table';

export const SAGEMAKER_DIMENSIONS = {
  variantInstances: 'sagemaker:variant:DesiredInstanceCount',
  variantProvisionedConcurrency: 'sagemaker:variant:DesiredProvisionedConcurrency',
  inferenceComponentCopies: 'sagemaker:inference-component:DesiredCopyCount',
} as const;

/** The predefined target-tracking metrics each SageMaker dimension accepts. */
export const SAGEMAKER_METRICS_BY_DIMENSION = table<readonly string[]>({
  [SAGEMAKER_DIMENSIONS.variantInstances]: [
    'SageMakerVariantInvocationsPerInstance',
    'SageMakerVariantConcurrentRequestsPerModelHighResolution',
  ],
  [SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency]: ['SageMakerVariantProvisionedConcurrencyUtilization'],
  [SAGEMAKER_DIMENSIONS.inferenceComponentCopies]: [
    'SageMakerInferenceComponentInvocationsPerCopy',
    'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  ],
});

// SageMaker's own name patterns (EndpointName, VariantName, InferenceComponentName in the
// SageMaker API model), anchored: 1–63 characters, alphanumerics and inner hyphens.
const ENDPOINT_OR_VARIANT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const INFERENCE_COMPONENT_NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** A SageMaker ResourceId taken apart, with the offsets of each name inside the string. */
export type SageMakerResource =
  | Readonly<{ kind: 'variant'; endpointName: string; variantName: string; endpointAt: number; variantAt: number }>
  | Readonly<{ kind: 'inference-component'; name: string; nameAt: number }>;

/**
 * Splits `endpoint/<ep>/variant/<v>` or `inference-component/<name>`; undefined when it is
 * neither. Several rules ask for each target's, so the answers are kept (the same object
 * each time: do not change it).
 */
export function parseSageMakerResourceId(resourceId: string): SageMakerResource | undefined {
  let parsed = resourceIds.get(resourceId);
  if (parsed === undefined) {
    parsed = splitResourceId(resourceId) ?? null;
    if (resourceIds.size >= RESOURCE_ID_CACHE_LIMIT) resourceIds.clear();
    resourceIds.set(resourceId, parsed);
  }
  return parsed ?? undefined;
}

const resourceIds = new Map<string, SageMakerResource | null>();
const RESOURCE_ID_CACHE_LIMIT = 10_000;

function splitResourceId(resourceId: string): SageMakerResource | undefined {
  const variant = /^endpoint\/([^/]*)\/variant\/([^/]*)$/.exec(resourceId);
  if (variant) {
    const endpointName = variant[1]!;
    return {
      kind: 'variant',
      endpointName,
      variantName: variant[2]!,
      endpointAt: 'endpoint/'.length,
      variantAt: 'endpoint/'.length + endpointName.length + '/variant/'.length,
    };
  }
  const component = /^inference-component\/([^/]*)$/.exec(resourceId);
  if (component) return { kind: 'inference-component', name: component[1]!, nameAt: 'inference-component/'.length };
  return undefined;
}

/** Why a SageMaker name is invalid, or undefined when it is fine. */
export function sageMakerNameProblem(name: string, what: string, inferenceComponent = false): string | undefined {
  if (name.length === 0) return `the ${what} is empty`;
  if (name.length > 63) return `the ${what} is ${name.length} characters long; SageMaker allows at most 63`;
  const pattern = inferenceComponent ? INFERENCE_COMPONENT_NAME : ENDPOINT_OR_VARIANT_NAME;
  if (!pattern.test(name))
    return `the ${what} "${name}" may hold only letters, digits and hyphens, and must start and end with a letter or digit`;
  return undefined;
}
