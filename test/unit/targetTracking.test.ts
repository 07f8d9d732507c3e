import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricType, ScalableDimension } from '@aws-sdk/client-application-auto-scaling';
import { analyzeText } from '../../core/lint/check';
import type { TextEdit } from '../../core/finding';
import {
  metricFitsDimension,
  PREDEFINED_METRIC_TYPES,
  predefinedMetricsFor,
  SCALABLE_DIMENSIONS,
} from '../../core/facts/predefinedMetrics';
import { compactJsonBytes, expressionRefs } from '../../core/rules/metricMath';
import { SAGEMAKER_METRICS_BY_DIMENSION } from '../../core/facts/sagemaker';

describe('predefined metrics', () => {
  it("lists exactly the SDK's metric types and dimensions", () => {
    assert.deepEqual([...PREDEFINED_METRIC_TYPES].sort(), Object.values(MetricType).sort());
    assert.deepEqual([...SCALABLE_DIMENSIONS].sort(), Object.values(ScalableDimension).sort());
  });

  it('gives every metric type at least one dimension', () => {
    for (const metric of PREDEFINED_METRIC_TYPES) {
      assert.ok(
        SCALABLE_DIMENSIONS.some((d) => metricFitsDimension(metric, d)),
        `${metric} fits no dimension`,
      );
    }
  });

  it('agrees with the SageMaker table', () => {
    for (const [dimension, metrics] of Object.entries(SAGEMAKER_METRICS_BY_DIMENSION)) {
      assert.deepEqual(predefinedMetricsFor(dimension), [...(metrics ?? [])].sort());
    }
  });

  it('matches read and write capacity, and ALB to Spot Fleet and ECS only', () => {
    assert.equal(metricFitsDimension('DynamoDBReadCapacityUtilization', 'dynamodb:index:ReadCapacityUnits'), true);
    assert.equal(metricFitsDimension('DynamoDBReadCapacityUtilization', 'dynamodb:table:WriteCapacityUnits'), false);
    assert.equal(metricFitsDimension('CassandraWriteCapacityUtilization', 'cassandra:table:WriteCapacityUnits'), true);
    assert.equal(metricFitsDimension('ALBRequestCountPerTarget', 'ecs:service:DesiredCount'), true);
    assert.equal(metricFitsDimension('ALBRequestCountPerTarget', 'sagemaker:variant:DesiredInstanceCount'), false);
    assert.equal(metricFitsDimension('SageMakerVariantInvocationsPerInstance', 'ecs:service:DesiredCount'), false);
    assert.deepEqual(predefinedMetricsFor('custom-resource:ResourceType:Property'), []);
  });

  it('leaves unknown values to the schema', () => {
    assert.equal(
      metricFitsDimension('SageMakerVariantInvocations', 'sagemaker:variant:DesiredInstanceCount'),
      undefined,
    );
    assert.equal(
      metricFitsDimension('SageMakerVariantInvocationsPerInstance', 'sagemaker:variant:InstanceCount'),
      undefined,
    );
  });
});

describe('metric math expressions', () => {
  const ids = (expression: string, known: string[] = []) =>
    expressionRefs(expression, (w) => known.includes(w)).refs.map((r) => `${r.id}@${r.at}`);

  it('finds lower-case Ids and skips functions, keywords, strings and numbers', () => {
    assert.deepEqual(ids('(m1 + m2) / 2'), ['m1@1', 'm2@6']);
    assert.deepEqual(ids('FILL(m1, REPEAT) * 1e5 + .5e3'), ['m1@5']);
    assert.deepEqual(ids("SUM(SEARCH('{AWS/SageMaker,EndpointName} MetricName=\"invocations\"', 'Sum', 60))"), []);
    assert.deepEqual(ids('IF(errors > 0, errors / total, 0)'), ['errors@3', 'errors@15', 'total@24']);
    assert.deepEqual(ids('max (m1)'), ['m1@5'], 'a lower-case word called as a function is no Id');
  });

  it('counts an upper-case word as a reference when a query has that Id', () => {
    assert.deepEqual(ids('Gpu + memory', ['Gpu']), ['Gpu@0', 'memory@6']);
  });

  it('notes METRICS(), which uses every query', () => {
    assert.equal(expressionRefs('SUM(METRICS())').usesAll, true);
    assert.equal(expressionRefs('SUM([m1, m2])').usesAll, false);
  });

  it('survives an unterminated string', () => {
    assert.deepEqual(ids("m1 + 'abc"), ['m1@0']);
  });
});

describe('compact JSON size', () => {
  it('drops whitespace and comments outside strings and counts UTF-8 bytes', () => {
    const text = '{ "a" : "x y", // note\n /* block */ "b": "é€😀" }';
    assert.equal(compactJsonBytes(text, 0, text.length), '{"a":"x y","b":"é€😀"}'.length + 1 + 2 + 2);
  });

  it('leaves out a skipped range', () => {
    const text = '{"a":1,"alarm":{"x":2}}';
    const start = text.indexOf('"alarm"');
    assert.equal(compactJsonBytes(text, 0, text.length, [{ start, end: text.indexOf('}') + 1 }]), '{"a":1,}'.length);
  });

  it("leaves the alarms out of a metric-math policy's request, CloudWatchAlarms as well as CloudWatchAlarm", () => {
    // PutScalingPolicy does not carry the alarms (PutMetricAlarm does), however large they are.
    const large = `{ "AlarmName": "a", "AlarmDescription": "${'x'.repeat(60_000)}" }`;
    for (const [key, value] of [
      ['CloudWatchAlarm', large],
      ['CloudWatchAlarms', `[${large}]`],
    ] as const) {
      const text = `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4,
  "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "TargetTrackingScaling",
    "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70, "CustomizedMetricSpecification": { "Metrics": [
      { "Id": "m1", "ReturnData": false, "MetricStat": { "Stat": "Sum", "Metric": { "Namespace": "AWS/SageMaker", "MetricName": "Invocations" } } },
      { "Id": "e1", "Expression": "m1 / 2", "ReturnData": true } ] } },
    "${key}": ${value} } ] } ] }`;
      const codes = analyzeText(text, { now: new Date('2026-11-28T12:00:00Z') }).findings.map((f) => f.code);
      assert.ok(codes.includes('alarm.not-step'), codes.join(', '));
      assert.ok(!codes.includes('tt.math-size'), `${key} counted in the policy's request`);
    }
  });
});

/** The text after the first quick fix of the first finding of `code`. */
function fixed(text: string, code: string): string {
  const finding = analyzeText(text, { now: new Date('2026-11-28T12:00:00Z') }).findings.find((f) => f.code === code);
  assert.ok(finding?.fixes?.[0], `${code} offers a fix`);
  const edits: TextEdit[] = [...finding.fixes[0].edits].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

function policyDoc(config: string): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4,
  "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "TargetTrackingScaling",
    "TargetTrackingScalingPolicyConfiguration": {
      "TargetValue": 70,
      "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" },
${config}
    } } ] } ] }`;
}

describe('quick fixes', () => {
  it('swaps the two cooldowns in place', () => {
    const text = policyDoc('      "ScaleOutCooldown": 600, // slow\n      "ScaleInCooldown": 120');
    assert.equal(
      fixed(text, 'sanity.cooldown-out-gt-in'),
      policyDoc('      "ScaleOutCooldown": 120, // slow\n      "ScaleInCooldown": 600'),
    );
  });

  it('writes out the default scale-in cooldown it swaps with', () => {
    const text = policyDoc('      "ScaleOutCooldown": 900');
    assert.equal(
      fixed(text, 'sanity.cooldown-out-gt-in'),
      policyDoc('      "ScaleOutCooldown": 300,\n      "ScaleInCooldown": 900'),
    );
  });

  it('turns a percentage into a ratio', () => {
    const text = policyDoc('      "ScaleOutCooldown": 60')
      .replace('SageMakerVariantInvocationsPerInstance', 'SageMakerVariantProvisionedConcurrencyUtilization')
      .replace('"TargetValue": 70', '"TargetValue": 85');
    assert.match(fixed(text, 'sm.target-value-pc-util'), /"TargetValue": 0\.85,/);
  });
});
