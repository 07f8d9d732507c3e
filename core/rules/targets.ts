import { defineRule, type Rule } from '../rule';
import { parseSageMakerResourceId, sageMakerNameProblem, SAGEMAKER_DIMENSIONS } from '../sagemaker';
import { headOf, insideString, targetLabel } from './locate';

const minLeMax = defineRule(
  {
    code: 'target.min-le-max', severity: 'error',
    title: 'MinCapacity must not exceed MaxCapacity',
    description: 'AWS rejects the registration with "Maximum capacity cannot be less than minimum capacity". Lower `MinCapacity` or raise `MaxCapacity`.',
  },
  {
    target(target, report) {
      const { minCapacity: min, maxCapacity: max } = target;
      if (min && max && min.value > max.value) {
        report(min.range, `MinCapacity ${min.value} is greater than MaxCapacity ${max.value}; AWS rejects this target. Lower MinCapacity or raise MaxCapacity.`, {
          related: [{ ...max.range, message: `MaxCapacity is ${max.value} here` }],
        });
      }
    },
  },
);

const minEqMax = defineRule(
  {
    code: 'target.min-eq-max', severity: 'warning',
    title: 'MinCapacity equal to MaxCapacity leaves no room to scale',
    description: 'With equal bounds no policy can change the capacity. Widen the range, or drop the policies if a fixed size is what you want.',
  },
  {
    target(target, report) {
      const { minCapacity: min, maxCapacity: max } = target;
      if (min && max && min.value === max.value && target.policies.length > 0) {
        report(max.range, `MinCapacity and MaxCapacity are both ${max.value}, so the scaling policies can never change the capacity. Raise MaxCapacity to let them work.`);
      }
    },
  },
);

const dimensionNamespace = defineRule(
  {
    code: 'target.dimension-namespace-match', severity: 'error',
    title: 'ScalableDimension must belong to ServiceNamespace',
    description: 'The part of `ScalableDimension` before the first `:` names the service; it must equal `ServiceNamespace` (`sagemaker:variant:DesiredInstanceCount` goes with `sagemaker`).',
  },
  {
    target(target, report) {
      const { serviceNamespace: ns, scalableDimension: dim } = target;
      if (!ns || !dim) return;
      const prefix = dim.value.split(':')[0]!;
      if (prefix !== ns.value && dim.value.includes(':')) {
        report(dim.range, `ScalableDimension "${dim.value}" belongs to the "${prefix}" namespace, but ServiceNamespace is "${ns.value}". Set ServiceNamespace to "${prefix}" or pick a ${ns.value} dimension.`, {
          related: [{ ...ns.range, message: `ServiceNamespace is "${ns.value}" here` }],
        });
      }
    },
  },
);

/** One rule per SageMaker resource kind, as the catalogue lists them. */
function resourceIdFormat(code: string, dimension: string, kind: 'variant' | 'inference-component', template: string): Rule {
  return defineRule(
    {
      code, severity: 'error',
      title: `ResourceId for ${dimension} must be ${template}`,
      description: `A target with dimension \`${dimension}\` is identified by \`${template}\`, where each name is 1–63 letters, digits or inner hyphens.`,
    },
    {
      target(target, report, ctx) {
        const { resourceId: id, scalableDimension: dim } = target;
        if (!id || dim?.value !== dimension) return;
        const parsed = parseSageMakerResourceId(id.value);
        if (!parsed || parsed.kind !== kind) {
          report(id.range, `ResourceId "${id.value}" does not fit ${dimension}: it must look like ${template}.`);
          return;
        }
        if (parsed.kind === 'variant') {
          const endpointProblem = sageMakerNameProblem(parsed.endpointName, 'endpoint name');
          if (endpointProblem) report(insideString(ctx.text, id, parsed.endpointAt, parsed.endpointName.length), `In ResourceId, ${endpointProblem}.`);
          const variantProblem = sageMakerNameProblem(parsed.variantName, 'variant name');
          if (variantProblem) report(insideString(ctx.text, id, parsed.variantAt, parsed.variantName.length), `In ResourceId, ${variantProblem}.`);
        } else {
          const problem = sageMakerNameProblem(parsed.name, 'inference component name', true);
          if (problem) report(insideString(ctx.text, id, parsed.nameAt, parsed.name.length), `In ResourceId, ${problem}.`);
        }
      },
    },
  );
}

const smVariant = resourceIdFormat('target.resourceid-format.sm-variant', SAGEMAKER_DIMENSIONS.variantInstances, 'variant', 'endpoint/<endpoint name>/variant/<variant name>');
const smServerless = resourceIdFormat('target.resourceid-format.sm-serverless', SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency, 'variant', 'endpoint/<endpoint name>/variant/<variant name>');
const smInferenceComponent = resourceIdFormat('target.resourceid-format.sm-ic', SAGEMAKER_DIMENSIONS.inferenceComponentCopies, 'inference-component', 'inference-component/<component name>');

const duplicate: Rule = defineRule(
  {
    code: 'target.duplicate', severity: 'error',
    title: 'Each scalable target appears once',
    description: 'A scalable target is identified by its namespace, ResourceId and dimension. Declaring it twice makes the second registration overwrite the first; merge the two entries.',
  },
  {
    file(file, report) {
      const seen = new Map<string, (typeof file.targets)[number]>();
      for (const target of file.targets) {
        const { serviceNamespace: ns, resourceId: id, scalableDimension: dim } = target;
        if (!ns || !id || !dim) continue;
        const key = `${ns.value}\u0000${id.value}\u0000${dim.value}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, target);
          continue;
        }
        report(id.range, `This scalable target is already declared as target #${first.index + 1}; the second registration would overwrite the first. Merge the two entries.`, {
          related: [{ ...(first.resourceId?.range ?? headOf(first)), message: `${targetLabel(first)} is first declared here` }],
        });
      }
    },
  },
);

export const targetRules: Rule[] = [minLeMax, minEqMax, dimensionNamespace, smVariant, smServerless, smInferenceComponent, duplicate];
