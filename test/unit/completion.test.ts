import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionsAt } from '../../core/language/completion';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';

/** Completions at the position of `|` in the text. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, items: completionsAt(text, buildModel(parseDocument(text).root), offset) };
}

const doc = (dimension: string, inner: string) =>
  `{ "ScalableTargets": [ { "ScalableDimension": "${dimension}", ${inner} } ] }`;
const metricAt = (dimension: string) =>
  doc(
    dimension,
    `"ScalingPolicies": [ { "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "PredefinedMetricSpecification": { "PredefinedMetricType": "|" } } } ]`,
  );

describe('completion', () => {
  it('offers only the metric types that fit the target dimension', () => {
    assert.deepEqual(
      at(metricAt('sagemaker:variant:DesiredInstanceCount')).items.map((i) => i.label),
      ['SageMakerVariantInvocationsPerInstance', 'SageMakerVariantConcurrentRequestsPerModelHighResolution'],
    );
    assert.deepEqual(
      at(metricAt('sagemaker:variant:DesiredProvisionedConcurrency')).items.map((i) => i.label),
      ['SageMakerVariantProvisionedConcurrencyUtilization'],
    );
    assert.deepEqual(at(metricAt('sagemaker:inference-component:DesiredCopyCount')).items.length, 2);
  });

  it('replaces the whole string literal under the cursor', () => {
    const { text, items } = at(metricAt('sagemaker:variant:DesiredInstanceCount'));
    assert.equal(text.slice(items[0]!.range.start, items[0]!.range.end), '""');
    assert.equal(items[0]!.insertText, '"SageMakerVariantInvocationsPerInstance"');
  });

  it('offers the ResourceId template of the dimension', () => {
    const items = at(doc('sagemaker:inference-component:DesiredCopyCount', '"ResourceId": |')).items;
    assert.equal(items.length, 1);
    assert.equal(items[0]!.insertText, '"inference-component/${1:my-component}"');
    assert.ok(items[0]!.snippet);
  });

  it('offers nothing elsewhere or without a dimension', () => {
    assert.deepEqual(at(doc('sagemaker:variant:DesiredInstanceCount', '"MinCapacity": |')).items, []);
    assert.deepEqual(at('{ "ScalableTargets": [ { "ResourceId": | } ] }').items, []);
    assert.deepEqual(at('{ "ScalableTargets": [ { "|": 1 } ] }').items, []);
  });
});
