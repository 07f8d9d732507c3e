import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';

const NOW = new Date('2026-11-28T12:00:00Z');

function findings(text: string, code: string) {
  return analyzeText(text, { now: NOW })
    .findings.filter((f) => f.code === code)
    .map((f) => text.slice(f.start, f.end));
}

function oneTarget(ns: string, id: string, dim: string, extra = ''): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "${ns}", "ResourceId": "${id}", "ScalableDimension": "${dim}", "MinCapacity": 1, "MaxCapacity": 4${extra} } ] }`;
}

describe('target.resourceid-format.other', () => {
  const valid: [string, string, string][] = [
    ['ecs', 'service/prod-cluster/web', 'ecs:service:DesiredCount'],
    ['ec2', 'spot-fleet-request/sfr-73fbd2ce-aa30-494c-8788-1cee4EXAMPLE', 'ec2:spot-fleet-request:TargetCapacity'],
    [
      'elasticmapreduce',
      'instancegroup/j-2EEZNYKUA1NTV/ig-1791Y4E1L8YI0',
      'elasticmapreduce:instancegroup:InstanceCount',
    ],
    ['appstream', 'fleet/sample-fleet', 'appstream:fleet:DesiredCapacity'],
    ['dynamodb', 'table/orders', 'dynamodb:table:WriteCapacityUnits'],
    ['dynamodb', 'table/orders/index/by-customer', 'dynamodb:index:ReadCapacityUnits'],
    ['rds', 'cluster:orders-aurora', 'rds:cluster:ReadReplicaCount'],
    ['neptune', 'cluster:graph', 'neptune:cluster:ReadReplicaCount'],
    [
      'comprehend',
      'arn:aws:comprehend:us-west-2:123456789012:document-classifier-endpoint/triage',
      'comprehend:document-classifier-endpoint:DesiredInferenceUnits',
    ],
    [
      'comprehend',
      'arn:aws-cn:comprehend:cn-north-1:123456789012:entity-recognizer-endpoint/ner',
      'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
    ],
    ['lambda', 'function:preprocess:live', 'lambda:function:ProvisionedConcurrency'],
    ['lambda', 'function:preprocess:3', 'lambda:function:ProvisionedConcurrency'],
    ['cassandra', 'keyspace/shop/table/carts', 'cassandra:table:ReadCapacityUnits'],
    [
      'kafka',
      'arn:aws:kafka:us-east-1:123456789012:cluster/events/6357e0b2-0e6a-4b86-a0b4-70df934c2e31-5',
      'kafka:broker-storage:VolumeSize',
    ],
    ['elasticache', 'replication-group/sessions', 'elasticache:replication-group:NodeGroups'],
    ['elasticache', 'cache-cluster/sessions-001', 'elasticache:cache-cluster:Nodes'],
    ['workspaces', 'workspacespool/wspool-abc123def', 'workspaces:workspacespool:DesiredUserSessions'],
    [
      'custom-resource',
      'https://example.execute-api.us-west-2.amazonaws.com/prod/scalableTargetDimensions/1-23456789',
      'custom-resource:ResourceType:Property',
    ],
  ];
  for (const [ns, id, dim] of valid) {
    it(`accepts ${id}`, () => assert.deepEqual(findings(oneTarget(ns, id, dim), 'target.resourceid-format.other'), []));
  }

  const invalid: [string, string, string][] = [
    ['ecs', 'web', 'ecs:service:DesiredCount'],
    ['dynamodb', 'table/orders/index/by-customer', 'dynamodb:table:ReadCapacityUnits'],
    ['rds', 'cluster/orders-aurora', 'rds:cluster:ReadReplicaCount'],
    ['comprehend', 'triage', 'comprehend:document-classifier-endpoint:DesiredInferenceUnits'],
    ['lambda', 'function:preprocess', 'lambda:function:ProvisionedConcurrency'],
    ['kafka', 'arn:aws:kafka:us-east-1:123456789012:cluster/events', 'kafka:broker-storage:VolumeSize'],
    ['elasticache', 'cache-cluster/sessions', 'elasticache:replication-group:Replicas'],
  ];
  for (const [ns, id, dim] of invalid) {
    it(`rejects ${id} for ${dim}`, () =>
      assert.deepEqual(findings(oneTarget(ns, id, dim), 'target.resourceid-format.other'), [`"${id}"`]));
  }

  it('leaves SageMaker dimensions to their own codes', () => {
    assert.deepEqual(
      findings(
        oneTarget('sagemaker', 'service/c/s', 'sagemaker:variant:DesiredInstanceCount'),
        'target.resourceid-format.other',
      ),
      [],
    );
  });
});

describe('target.rolearn', () => {
  it('says nothing of a RoleARN outside SageMaker', () => {
    const text = oneTarget(
      'elasticmapreduce',
      'instancegroup/j-1/ig-1',
      'elasticmapreduce:instancegroup:InstanceCount',
      ', "RoleARN": "arn:aws:iam::123456789012:role/EMR_AutoScaling_DefaultRole"',
    );
    assert.deepEqual(findings(text, 'target.rolearn'), []);
  });
});

describe('target.minmax-required-on-create', () => {
  it('leaves a bound of the wrong type to the schema', () => {
    const text =
      '{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": "4" } ] }';
    assert.deepEqual(findings(text, 'target.minmax-required-on-create'), []);
  });
});

describe('target.tags', () => {
  it('treats the aws: prefix in any case as reserved, and allows 50 tags', () => {
    const tags = (n: number) => `, "Tags": { ${Array.from({ length: n }, (_, i) => `"k${i}": "v"`).join(', ')} }`;
    assert.deepEqual(
      findings(
        oneTarget(
          'sagemaker',
          'endpoint/e/variant/v',
          'sagemaker:variant:DesiredInstanceCount',
          ', "Tags": { "AWS:owner": "x", "awsome": "y" }',
        ),
        'target.tags',
      ),
      ['"AWS:owner"'],
    );
    assert.deepEqual(
      findings(
        oneTarget('sagemaker', 'endpoint/e/variant/v', 'sagemaker:variant:DesiredInstanceCount', tags(50)),
        'target.tags',
      ),
      [],
    );
    assert.deepEqual(
      findings(
        oneTarget('sagemaker', 'endpoint/e/variant/v', 'sagemaker:variant:DesiredInstanceCount', tags(51)),
        'target.tags',
      ),
      ['"Tags"'],
    );
  });
});
