import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';

// The quota fixtures show one step over each limit; these tests pin the boundaries.

const NOW = new Date('2026-11-28T12:00:00Z');

function codes(text: string, code: string): number {
  return analyzeText(text, { now: NOW }).findings.filter((f) => f.code === code).length;
}

function target(
  extra: string,
  ns = 'sagemaker',
  id = 'endpoint/e/variant/v',
  dim = 'sagemaker:variant:DesiredInstanceCount',
): string {
  return `{ "ServiceNamespace": "${ns}", "ResourceId": "${id}", "ScalableDimension": "${dim}", "MinCapacity": 1, "MaxCapacity": 4${extra} }`;
}

function file(targets: string[]): string {
  return `{ "ScalableTargets": [\n${targets.join(',\n')}\n] }`;
}

function policies(n: number): string {
  const list = Array.from(
    { length: n },
    (_, i) =>
      `{ "PolicyName": "p${i}", "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70, "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" } } }`,
  );
  return `, "ScalingPolicies": [${list.join(',')}]`;
}

function actions(n: number): string {
  const list = Array.from(
    { length: n },
    (_, i) =>
      `{ "ScheduledActionName": "a${i}", "Schedule": "cron(${i % 60} ${i % 24} ? * * *)", "ScalableTargetAction": { "MinCapacity": 1 } }`,
  );
  return `, "ScheduledActions": [${list.join(',')}]`;
}

describe('quotas', () => {
  it('allows 50 scaling policies per target, not 51', () => {
    assert.equal(codes(file([target(policies(50))]), 'quota.policies-per-target'), 0);
    assert.equal(codes(file([target(policies(51))]), 'quota.policies-per-target'), 1);
  });

  it('allows 200 scheduled actions per target, not 201', () => {
    assert.equal(codes(file([target(actions(200))]), 'quota.scheduled-per-target'), 0);
    assert.equal(codes(file([target(actions(201))]), 'quota.scheduled-per-target'), 1);
  });

  it('counts targets per namespace, with the larger DynamoDB, ECS and Keyspaces quotas', () => {
    const sagemaker = (n: number) =>
      Array.from({ length: n }, (_, i) => target('', 'sagemaker', `endpoint/e${i}/variant/v`));
    assert.equal(codes(file(sagemaker(500)), 'quota.targets-per-type'), 0);
    assert.equal(codes(file(sagemaker(502)), 'quota.targets-per-type'), 1, 'reported once, not per extra target');
    const dynamodb = Array.from({ length: 501 }, (_, i) =>
      target('', 'dynamodb', `table/t${i}`, 'dynamodb:table:ReadCapacityUnits'),
    );
    assert.equal(codes(file(dynamodb), 'quota.targets-per-type'), 0);
    const mixed = [
      ...sagemaker(300),
      ...Array.from({ length: 300 }, (_, i) => target('', 'ecs', `service/c/s${i}`, 'ecs:service:DesiredCount')),
    ];
    assert.equal(codes(file(mixed), 'quota.targets-per-type'), 0);
  });
});
