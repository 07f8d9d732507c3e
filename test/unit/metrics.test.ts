import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import { endpointKindOf } from '../../core/facts/endpointKinds';
import { catalogedMetrics, metricFacts, publishedWith } from '../../core/facts/metrics';
import { PREDEFINED_METRIC_TYPES } from '../../core/facts/predefinedMetrics';
import { predefinedMetricFacts } from '../../core/facts/endpointKinds';

// The metric catalogue and the endpoint kinds the rules read from it.

function targetOf(members: string, dimension = 'sagemaker:variant:DesiredInstanceCount') {
  const text = `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v",
    "ScalableDimension": "${dimension}", "MinCapacity": 0, "MaxCapacity": 4, ${members} } ] }`;
  const model = buildModel(parseDocument(text).root);
  assert.ok(model?.targets[0]);
  return model.targets[0];
}

const tracking = (metric: string) =>
  `"ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 5, ${metric} } } ]`;
const customized = (namespace: string, name: string) =>
  tracking(
    `"CustomizedMetricSpecification": { "Namespace": "${namespace}", "MetricName": "${name}", "Dimensions": [ { "Name": "EndpointName", "Value": "e" } ], "Statistic": "Average" }`,
  );
const predefined = (type: string) => tracking(`"PredefinedMetricSpecification": { "PredefinedMetricType": "${type}" }`);

describe('the metric catalogue', () => {
  it('cites an AWS page for every metric, and lists each metric once', () => {
    const seen = new Set<string>();
    for (const m of catalogedMetrics()) {
      assert.match(m.source, /^https:\/\/docs\.aws\.amazon\.com\//, `${m.name} cites AWS`);
      assert.ok(m.dimensions.length > 0, `${m.name} has a dimension set`);
      assert.ok(m.kinds.length > 0, `${m.name} has the kinds that publish it`);
      const key = `${m.namespace} ${m.name}`;
      assert.ok(!seen.has(key), `${key} once`);
      seen.add(key);
    }
  });

  it('knows the metric behind every SageMaker predefined metric type', () => {
    for (const type of PREDEFINED_METRIC_TYPES.filter((t) => t.startsWith('SageMaker')))
      assert.ok(predefinedMetricFacts(type), type);
  });

  it('tells the dimension sets each metric is published with', () => {
    const backlog = metricFacts('AWS/SageMaker', 'HasBacklogWithoutCapacity')!;
    assert.equal(publishedWith(backlog, ['EndpointName']), true);
    assert.equal(publishedWith(backlog, ['EndpointName', 'VariantName']), false, 'async metrics: EndpointName only');
    const gpu = metricFacts('/aws/sagemaker/Endpoints', 'GPUUtilization')!;
    assert.equal(publishedWith(gpu, ['VariantName', 'EndpointName']), true, 'in any order');
    assert.equal(publishedWith(gpu, ['EndpointName', 'VariantName', 'InstanceId']), true, 'enhanced metrics');
    assert.equal(publishedWith(gpu, ['VariantName']), false);
    assert.equal(publishedWith(gpu, ['EndpointName', 'ModelName']), false);
    assert.equal(metricFacts('AWS/SageMaker', 'NoSuchMetric'), undefined);
  });
});

describe('endpoint kinds, as the file tells them', () => {
  it('from the dimension: inference components and serverless provisioned concurrency', () => {
    assert.equal(
      endpointKindOf(targetOf('"ScalingPolicies": []', 'sagemaker:inference-component:DesiredCopyCount')).kind,
      'inference-component',
    );
    assert.equal(
      endpointKindOf(targetOf('"ScalingPolicies": []', 'sagemaker:variant:DesiredProvisionedConcurrency')).kind,
      'serverless',
    );
  });

  it('from the metrics of an instance variant: backlog means asynchronous, invocations per instance real-time', () => {
    const async = endpointKindOf(targetOf(customized('AWS/SageMaker', 'ApproximateBacklogSizePerInstance')));
    assert.equal(async.kind, 'async');
    assert.equal(async.evidence?.facts.name, 'ApproximateBacklogSizePerInstance');
    assert.equal(endpointKindOf(targetOf(predefined('SageMakerVariantInvocationsPerInstance'))).kind, 'real-time');
    assert.equal(
      endpointKindOf(targetOf(predefined('SageMakerVariantConcurrentRequestsPerModelHighResolution'))).kind,
      'real-time',
    );
  });

  it('stays undefined where the metrics do not tell (instance metrics, a namespace of your own, no policy)', () => {
    assert.equal(endpointKindOf(targetOf(customized('/aws/sagemaker/Endpoints', 'CPUUtilization'))).kind, undefined);
    assert.equal(endpointKindOf(targetOf(customized('MyApp', 'QueueDepth'))).kind, undefined);
    assert.equal(endpointKindOf(targetOf('"ScalingPolicies": []')).kind, undefined);
  });

  it('reports metrics of two kinds on one variant as a conflict', () => {
    const text = `"ScalingPolicies": [
      { "PolicyName": "a", "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70,
        "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" } } },
      { "PolicyName": "b", "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 5,
        "CustomizedMetricSpecification": { "Namespace": "AWS/SageMaker", "MetricName": "ApproximateBacklogSizePerInstance", "Statistic": "Average" } } } ]`;
    const reading = endpointKindOf(targetOf(text));
    assert.equal(reading.kind, undefined);
    assert.equal(reading.conflict?.metric.facts.name, 'ApproximateBacklogSizePerInstance');
    assert.equal(reading.conflict?.with?.facts.name, 'InvocationsPerInstance');
  });
});
