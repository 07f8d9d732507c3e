import type { Range } from '../finding';
import { removeMemberEdits } from '../document/edits';
import { has, type Prop, type ScalableTarget } from '../document/model';
import { defineRule, type Rule } from '../lint/rule';
import { parseSageMakerResourceId, sageMakerNameProblem, SAGEMAKER_DIMENSIONS } from '../facts/sagemaker';
import { headOf, insideString, targetLabel } from './locate';

const minLeMax = defineRule(
  {
    code: 'target.min-le-max',
    severity: 'error',
    title: 'MinCapacity must not exceed MaxCapacity',
    description:
      'AWS rejects the registration with "Maximum capacity cannot be less than minimum capacity". Lower `MinCapacity` or raise `MaxCapacity`.',
  },
  {
    target(target, ctx) {
      const { minCapacity: min, maxCapacity: max } = target;
      if (min && max && min.value > max.value) {
        ctx.report({
          range: min.range,
          message: `MinCapacity ${min.value} is greater than MaxCapacity ${max.value}; AWS rejects this target. Lower MinCapacity or raise MaxCapacity.`,
          related: [{ ...max.range, message: `MaxCapacity is ${max.value} here` }],
        });
      }
    },
  },
);

const minEqMax = defineRule(
  {
    code: 'target.min-eq-max',
    severity: 'warning',
    title: 'MinCapacity equal to MaxCapacity leaves no room to scale',
    description:
      'With equal bounds no policy can change the capacity. Widen the range, or drop the policies if a fixed size is what you want.',
  },
  {
    target(target, ctx) {
      const { minCapacity: min, maxCapacity: max } = target;
      if (min && max && min.value === max.value && target.policies.length > 0) {
        ctx.report({
          range: max.range,
          message: `MinCapacity and MaxCapacity are both ${max.value}, so the scaling policies can never change the capacity. Raise MaxCapacity to let them work.`,
        });
      }
    },
  },
);

const dimensionNamespace = defineRule(
  {
    code: 'target.dimension-namespace-match',
    severity: 'error',
    title: 'ScalableDimension must belong to ServiceNamespace',
    description:
      'The part of `ScalableDimension` before the first `:` names the service; it must equal `ServiceNamespace` (`sagemaker:variant:DesiredInstanceCount` goes with `sagemaker`).',
  },
  {
    target(target, ctx) {
      const { serviceNamespace: ns, scalableDimension: dim } = target;
      if (!ns || !dim) return;
      const colon = dim.value.indexOf(':');
      if (colon < 0) return;
      const prefix = dim.value.slice(0, colon);
      if (prefix !== ns.value) {
        ctx.report({
          range: dim.range,
          message: `ScalableDimension "${dim.value}" belongs to the "${prefix}" namespace, but ServiceNamespace is "${ns.value}". Set ServiceNamespace to "${prefix}" or pick a ${ns.value} dimension.`,
          related: [{ ...ns.range, message: `ServiceNamespace is "${ns.value}" here` }],
        });
      }
    },
  },
);

/** One rule per SageMaker resource kind, as the catalogue lists them. */
function resourceIdFormat(
  code: string,
  dimension: string,
  kind: 'variant' | 'inference-component',
  template: string,
): Rule {
  return defineRule(
    {
      code,
      severity: 'error',
      title: `ResourceId for ${dimension} must be ${template}`,
      description: `A target with dimension \`${dimension}\` is identified by \`${template}\`, where each name is 1–63 letters, digits or inner hyphens.`,
    },
    {
      target(target, ctx) {
        const { resourceId: id, scalableDimension: dim } = target;
        if (!id || dim?.value !== dimension) return;
        const parsed = parseSageMakerResourceId(id.value);
        if (!parsed || parsed.kind !== kind) {
          ctx.report({
            range: id.range,
            message: `ResourceId "${id.value}" does not fit ${dimension}: it must look like ${template}.`,
          });
          return;
        }
        if (parsed.kind === 'variant') {
          const endpointProblem = sageMakerNameProblem(parsed.endpointName, 'endpoint name');
          if (endpointProblem)
            ctx.report({
              range: insideString(ctx.text, id, parsed.endpointAt, parsed.endpointName.length),
              message: `In ResourceId, ${endpointProblem}.`,
            });
          const variantProblem = sageMakerNameProblem(parsed.variantName, 'variant name');
          if (variantProblem)
            ctx.report({
              range: insideString(ctx.text, id, parsed.variantAt, parsed.variantName.length),
              message: `In ResourceId, ${variantProblem}.`,
            });
        } else {
          const problem = sageMakerNameProblem(parsed.name, 'inference component name', true);
          if (problem)
            ctx.report({
              range: insideString(ctx.text, id, parsed.nameAt, parsed.name.length),
              message: `In ResourceId, ${problem}.`,
            });
        }
      },
    },
  );
}

const smVariant = resourceIdFormat(
  'target.resourceid-format.sm-variant',
  SAGEMAKER_DIMENSIONS.variantInstances,
  'variant',
  'endpoint/<endpoint name>/variant/<variant name>',
);
const smServerless = resourceIdFormat(
  'target.resourceid-format.sm-serverless',
  SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency,
  'variant',
  'endpoint/<endpoint name>/variant/<variant name>',
);
const smInferenceComponent = resourceIdFormat(
  'target.resourceid-format.sm-ic',
  SAGEMAKER_DIMENSIONS.inferenceComponentCopies,
  'inference-component',
  'inference-component/<component name>',
);

const duplicate: Rule = defineRule(
  {
    code: 'target.duplicate',
    severity: 'error',
    title: 'Each scalable target appears once',
    description:
      'A scalable target is identified by its namespace, ResourceId and dimension. Declaring it twice makes the second registration overwrite the first; merge the two entries.',
  },
  {
    file(file, ctx) {
      // Keyed by ResourceId alone, with no key built per target; the rare targets that share
      // a ResourceId with another namespace or dimension go by the whole key.
      const byResourceId = new Map<string, ScalableTarget>();
      const byWholeKey = new Map<string, ScalableTarget>();
      for (const target of file.targets) {
        const { serviceNamespace: ns, resourceId: id, scalableDimension: dim } = target;
        if (!ns || !id || !dim) continue;
        let first = byResourceId.get(id.value);
        if (!first) {
          byResourceId.set(id.value, target);
          continue;
        }
        if (first.serviceNamespace!.value !== ns.value || first.scalableDimension!.value !== dim.value) {
          const key = `${ns.value}\u0000${id.value}\u0000${dim.value}`;
          first = byWholeKey.get(key);
          if (!first) {
            byWholeKey.set(key, target);
            continue;
          }
        }
        ctx.report({
          range: id.range,
          message: `This scalable target is already declared as target #${first.index + 1}; the second registration would overwrite the first. Merge the two entries.`,
          related: [
            {
              ...(first.resourceId?.range ?? headOf(first)),
              message: `${targetLabel(first)} is first declared here`,
            },
          ],
        });
      }
    },
  },
);

/** Where to point at a target as a whole: the ResourceId that names it, else its opening brace. */
function targetAnchor(target: ScalableTarget): Range {
  return target.resourceId?.range ?? headOf(target);
}

const minMaxRequired = defineRule(
  {
    code: 'target.minmax-required-on-create',
    severity: 'error',
    title: 'A scalable target states both MinCapacity and MaxCapacity',
    description:
      'RegisterScalableTarget needs both bounds when it creates a target (on an update, a bound left out stays as it is). The file is the desired state and apply registers the target, so the file must give both; a fetched file always does. The schema cannot require them because the API model does not.',
  },
  {
    target(target, ctx) {
      if (target.minCapacity && target.maxCapacity) return;
      const missing = ['MinCapacity', 'MaxCapacity'].filter((key) => !has(target, key));
      if (missing.length === 0) return;
      ctx.report({
        range: targetAnchor(target),
        message: `${targetLabel(target)} has no ${missing.join(' and no ')}. AWS needs both bounds to register a new target, and the file is what apply registers: add ${missing.map((k) => `"${k}"`).join(' and ')}.`,
      });
    },
  },
);

// The service-linked role's ARN for SageMaker targets
// (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html).
const SAGEMAKER_SERVICE_LINKED_ROLE =
  /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\/sagemaker\.application-autoscaling\.amazonaws\.com\/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint$/;

// An IAM role's ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

const roleArnFormat = defineRule(
  {
    code: 'target.rolearn-format',
    severity: 'warning',
    title: 'RoleARN is an IAM role ARN',
    description:
      '`RoleARN` names an IAM role by its ARN, `arn:aws:iam::<account>:role/<name>` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html); anything else cannot be a role Application Auto Scaling assumes. A placeholder left in a template (`"arn"`) is the usual case. On a SageMaker target the role is not needed at all (`target.rolearn`).',
  },
  {
    target(target, ctx) {
      const role = target.roleArn;
      if (!role || role.value.length === 0 || ROLE_ARN.test(role.value)) return;
      ctx.report({
        range: role.range,
        message: `RoleARN "${role.value}" is not an IAM role ARN, which looks like arn:aws:iam::123456789012:role/my-role. Write the role's ARN${target.serviceNamespace?.value === 'sagemaker' ? ', or remove RoleARN: SageMaker targets use their service-linked role' : ''}.`,
      });
    },
  },
);

const roleArn = defineRule(
  {
    code: 'target.rolearn',
    severity: 'information',
    title: 'A SageMaker target needs no RoleARN',
    description:
      'Application Auto Scaling scales SageMaker resources with its service-linked role `AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`, which it creates when needed (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html). A `RoleARN` is for services without a service-linked role (such as EMR); on a SageMaker target it can be removed. Not reported when the `RoleARN` is that service-linked role itself.',
  },
  {
    target(target, ctx) {
      const role = target.roleArn;
      if (!role || target.serviceNamespace?.value !== 'sagemaker') return;
      if (SAGEMAKER_SERVICE_LINKED_ROLE.test(role.value)) return; // the role AWS would use anyway
      ctx.report({
        range: { start: role.keyRange.start, end: role.range.end },
        message:
          'SageMaker targets use the service-linked role AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint, so this RoleARN is unnecessary. Remove it.',
        unnecessary: true,
        fixes: [{ title: 'Remove RoleARN', edits: removeMemberEdits(target.item, role) }],
      });
    },
  },
);

const SUSPENDED_EFFECT = {
  DynamicScalingInSuspended: 'scaling policies will add capacity but never remove it (scale-in is suspended)',
  DynamicScalingOutSuspended: 'scaling policies will remove capacity but never add it (scale-out is suspended)',
  ScheduledScalingSuspended: 'scheduled actions will not run (scheduled scaling is suspended)',
} as const;

const suspended = defineRule(
  {
    code: 'target.suspended',
    severity: 'warning',
    title: 'A suspended kind of scaling is switched off',
    description:
      '`SuspendedState` switches off scale-in by policies (`DynamicScalingInSuspended`), scale-out by policies (`DynamicScalingOutSuspended`) or scheduled actions (`ScheduledScalingSuspended`). A suspension is meant to be temporary; in a desired-state file it keeps that scaling off for good. The quick fix sets the member to `false`, which resumes it (leaving the member out would keep a live suspension as it is).',
  },
  {
    target(target, ctx) {
      const state = target.suspendedState;
      if (!state) return;
      const members: [keyof typeof SUSPENDED_EFFECT, Prop<boolean> | undefined][] = [
        ['DynamicScalingInSuspended', state.dynamicScalingInSuspended],
        ['DynamicScalingOutSuspended', state.dynamicScalingOutSuspended],
        ['ScheduledScalingSuspended', state.scheduledScalingSuspended],
      ];
      for (const [key, prop] of members) {
        if (prop?.value !== true) continue;
        ctx.report({
          range: prop.range,
          message: `${key} is true, so ${SUSPENDED_EFFECT[key]}. Set it to false once the suspension is over.`,
          fixes: [
            {
              title: `Resume: set ${key} to false`,
              edits: [{ start: prop.range.start, end: prop.range.end, newText: 'false' }],
            },
          ],
        });
      }
    },
  },
);

/** The ResourceId form of a non-SageMaker dimension, from the API's ResourceId documentation. */
interface ResourceIdForm {
  pattern: RegExp;
  template: string;
  example: string;
}

// Only the structure is checked (resource type, separators, number of parts), not the
// services' own name rules: those are theirs and vary.
const ECS_SERVICE: ResourceIdForm = {
  pattern: /^service\/[^/]+\/[^/]+$/,
  template: 'service/<cluster name>/<service name>',
  example: 'service/my-cluster/my-service',
};
const SPOT_FLEET: ResourceIdForm = {
  pattern: /^spot-fleet-request\/[^/]+$/,
  template: 'spot-fleet-request/<Spot Fleet request id>',
  example: 'spot-fleet-request/sfr-73fbd2ce-aa30-494c-8788-1cee4EXAMPLE',
};
const EMR_GROUP: ResourceIdForm = {
  pattern: /^instancegroup\/[^/]+\/[^/]+$/,
  template: 'instancegroup/<cluster id>/<instance group id>',
  example: 'instancegroup/j-2EEZNYKUA1NTV/ig-1791Y4E1L8YI0',
};
const APPSTREAM_FLEET: ResourceIdForm = {
  pattern: /^fleet\/[^/]+$/,
  template: 'fleet/<fleet name>',
  example: 'fleet/sample-fleet',
};
const DYNAMODB_TABLE: ResourceIdForm = {
  pattern: /^table\/[^/]+$/,
  template: 'table/<table name>',
  example: 'table/my-table',
};
const DYNAMODB_INDEX: ResourceIdForm = {
  pattern: /^table\/[^/]+\/index\/[^/]+$/,
  template: 'table/<table name>/index/<index name>',
  example: 'table/my-table/index/my-table-index',
};
const DB_CLUSTER: ResourceIdForm = {
  pattern: /^cluster:[^:/]+$/,
  template: 'cluster:<cluster name>',
  example: 'cluster:my-db-cluster',
};
const COMPREHEND_CLASSIFIER: ResourceIdForm = {
  pattern: /^arn:aws[a-z-]*:comprehend:[^:]+:\d{12}:document-classifier-endpoint\/[^/]+$/,
  template: 'the endpoint ARN, arn:aws:comprehend:<region>:<account>:document-classifier-endpoint/<name>',
  example: 'arn:aws:comprehend:us-west-2:123456789012:document-classifier-endpoint/EXAMPLE',
};
const COMPREHEND_RECOGNIZER: ResourceIdForm = {
  pattern: /^arn:aws[a-z-]*:comprehend:[^:]+:\d{12}:entity-recognizer-endpoint\/[^/]+$/,
  template: 'the endpoint ARN, arn:aws:comprehend:<region>:<account>:entity-recognizer-endpoint/<name>',
  example: 'arn:aws:comprehend:us-west-2:123456789012:entity-recognizer-endpoint/EXAMPLE',
};
const LAMBDA_FUNCTION: ResourceIdForm = {
  pattern: /^function:[^:]+:[^:]+$/,
  template: 'function:<function name>:<alias or version>',
  example: 'function:my-function:prod',
};
const KEYSPACES_TABLE: ResourceIdForm = {
  pattern: /^keyspace\/[^/]+\/table\/[^/]+$/,
  template: 'keyspace/<keyspace name>/table/<table name>',
  example: 'keyspace/mykeyspace/table/mytable',
};
const MSK_CLUSTER: ResourceIdForm = {
  pattern: /^arn:aws[a-z-]*:kafka:[^:]+:\d{12}:cluster\/[^/]+\/[^/]+$/,
  template: 'the cluster ARN, arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>',
  example: 'arn:aws:kafka:us-east-1:123456789012:cluster/demo-cluster-1/6357e0b2-0e6a-4b86-a0b4-70df934c2e31-5',
};
const ELASTICACHE_GROUP: ResourceIdForm = {
  pattern: /^replication-group\/[^/]+$/,
  template: 'replication-group/<replication group name>',
  example: 'replication-group/mycluster',
};
const ELASTICACHE_CLUSTER: ResourceIdForm = {
  pattern: /^cache-cluster\/[^/]+$/,
  template: 'cache-cluster/<cache cluster name>',
  example: 'cache-cluster/mycluster',
};
const WORKSPACES_POOL: ResourceIdForm = {
  pattern: /^workspacespool\/[^/]+$/,
  template: 'workspacespool/<pool id>',
  example: 'workspacespool/wspool-123456',
};

// The dimension decides the form (DynamoDB tables and indexes share a namespace); custom
// resources are left out: their id is whatever the provider's stack outputs.
const RESOURCE_ID_FORMS: ReadonlyMap<string, ResourceIdForm> = new Map([
  ['ecs:service:DesiredCount', ECS_SERVICE],
  ['ec2:spot-fleet-request:TargetCapacity', SPOT_FLEET],
  ['elasticmapreduce:instancegroup:InstanceCount', EMR_GROUP],
  ['appstream:fleet:DesiredCapacity', APPSTREAM_FLEET],
  ['dynamodb:table:ReadCapacityUnits', DYNAMODB_TABLE],
  ['dynamodb:table:WriteCapacityUnits', DYNAMODB_TABLE],
  ['dynamodb:index:ReadCapacityUnits', DYNAMODB_INDEX],
  ['dynamodb:index:WriteCapacityUnits', DYNAMODB_INDEX],
  ['rds:cluster:ReadReplicaCount', DB_CLUSTER],
  ['neptune:cluster:ReadReplicaCount', DB_CLUSTER],
  ['comprehend:document-classifier-endpoint:DesiredInferenceUnits', COMPREHEND_CLASSIFIER],
  ['comprehend:entity-recognizer-endpoint:DesiredInferenceUnits', COMPREHEND_RECOGNIZER],
  ['lambda:function:ProvisionedConcurrency', LAMBDA_FUNCTION],
  ['cassandra:table:ReadCapacityUnits', KEYSPACES_TABLE],
  ['cassandra:table:WriteCapacityUnits', KEYSPACES_TABLE],
  ['kafka:broker-storage:VolumeSize', MSK_CLUSTER],
  ['elasticache:replication-group:NodeGroups', ELASTICACHE_GROUP],
  ['elasticache:replication-group:Replicas', ELASTICACHE_GROUP],
  ['elasticache:cache-cluster:Nodes', ELASTICACHE_CLUSTER],
  ['workspaces:workspacespool:DesiredUserSessions', WORKSPACES_POOL],
]);

const LAMBDA_LATEST = ':$LATEST';

const otherResourceIdFormat = defineRule(
  {
    code: 'target.resourceid-format.other',
    severity: 'error',
    title: 'ResourceId has the form its dimension requires',
    description:
      'Outside SageMaker, each scalable dimension names its resource in its own way: `service/<cluster>/<service>` for ECS, `table/<table>` or `table/<table>/index/<index>` for DynamoDB, `cluster:<name>` for Aurora and Neptune, `function:<name>:<alias or version>` for Lambda (never `$LATEST`), the full ARN for Comprehend and MSK, and so on, as the API documents. Custom resources are not checked.',
  },
  {
    target(target, ctx) {
      const { resourceId: id, scalableDimension: dim } = target;
      if (!id || !dim || id.value.length === 0) return;
      const form = RESOURCE_ID_FORMS.get(dim.value);
      if (!form) return;
      if (!form.pattern.test(id.value)) {
        ctx.report({
          range: id.range,
          message: `ResourceId "${id.value}" does not fit ${dim.value}: it must be ${form.template}, for example ${form.example}.`,
          related: [{ ...dim.range, message: `ScalableDimension is ${dim.value} here` }],
        });
        return;
      }
      if (form === LAMBDA_FUNCTION && id.value.endsWith(LAMBDA_LATEST)) {
        ctx.report({
          range: insideString(ctx.text, id, id.value.length - '$LATEST'.length, '$LATEST'.length),
          message:
            'Provisioned concurrency cannot be set on $LATEST: name a published version or an alias, as in function:my-function:prod.',
        });
      }
    },
  },
);

// Limits of user-defined tags that hold for every AWS resource (the TagResource
// documentation points to them); the schema has the key and value lengths.
const MAX_TAGS = 50;
const RESERVED_TAG_PREFIX = /^aws:/i;

const tags = defineRule(
  {
    code: 'target.tags',
    severity: 'error',
    title: 'Tags keep to the AWS tag restrictions',
    description:
      'A scalable target holds at most 50 tags, and tag keys starting with `aws:` (in any case) are reserved for AWS. Key and value lengths are checked by the schema.',
  },
  {
    target(target, ctx) {
      const tagMap = target.tags;
      if (!tagMap) return;
      for (const tag of tagMap.item.children ?? []) {
        if (RESERVED_TAG_PREFIX.test(tag.key!)) {
          ctx.report({
            range: tag.keyRange,
            message: `The tag key "${tag.key!}" starts with "aws:", a prefix AWS reserves for its own tags; AWS rejects it. Rename the key.`,
          });
        }
      }
      const count = tagMap.item.children?.length ?? 0;
      if (count > MAX_TAGS) {
        ctx.report({
          range: headOf(tagMap),
          message: `This target has ${count} tags; AWS allows at most ${MAX_TAGS} per resource. Remove ${count - MAX_TAGS}.`,
        });
      }
    },
  },
);

export const targetRules: Rule[] = [
  minLeMax,
  minEqMax,
  dimensionNamespace,
  smVariant,
  smServerless,
  smInferenceComponent,
  duplicate,
  minMaxRequired,
  roleArn,
  roleArnFormat,
  suspended,
  otherResourceIdFormat,
  tags,
];
