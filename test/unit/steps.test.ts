import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import type { Finding } from '../../core/finding';
import { alarmRules } from '../../core/rules/alarm';
import { stepRules } from '../../core/rules/steps';
import { EXAMPLES } from '../paths';

// Cases the fixtures cannot express: the warning half of rules registered as errors,
// documents the rules must stay quiet on, and the shipped examples.

const NOW = new Date('2026-11-28T12:00:00Z');
const RULES = [...stepRules, ...alarmRules];
const OUR_CODES = new Set(RULES.flatMap((r) => r.codes.map((c) => c.code)));

function findings(text: string): Finding[] {
  return analyzeText(text, { now: NOW, rules: RULES }).findings;
}

function doc(config: string, { dimension = 'sagemaker:variant:DesiredInstanceCount', alarm = true } = {}): string {
  const cloudWatchAlarm = alarm
    ? `, "CloudWatchAlarm": { "AlarmName": "a", "Namespace": "AWS/SageMaker", "MetricName": "InvocationsPerInstance",
        "Dimensions": [ { "Name": "EndpointName", "Value": "e" }, { "Name": "VariantName", "Value": "v" } ],
        "Statistic": "Average", "Period": 60, "EvaluationPeriods": 3, "Threshold": 100, "ComparisonOperator": "GreaterThanOrEqualToThreshold" }`
    : '';
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v",
    "ScalableDimension": "${dimension}", "MinCapacity": 1, "MaxCapacity": 10,
    "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "StepScaling",
      "StepScalingPolicyConfiguration": ${config}${cloudWatchAlarm} } ] } ] }`;
}

const STEPS =
  '"StepAdjustments": [ { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 50, "ScalingAdjustment": 1 }, { "MetricIntervalLowerBound": 50, "ScalingAdjustment": 2 } ]';

describe('step rules', () => {
  it('warns (not errors) on a short cooldown on an instance fleet, and only there', () => {
    const short = findings(doc(`{ "AdjustmentType": "ChangeInCapacity", ${STEPS}, "Cooldown": 30 }`)).filter(
      (f) => f.code === 'step.cooldown',
    );
    assert.deepEqual(
      short.map((f) => f.severity),
      ['warning'],
    );
    const serverless = findings(
      doc(`{ "AdjustmentType": "ChangeInCapacity", ${STEPS}, "Cooldown": 30 }`, {
        dimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
      }),
    );
    assert.equal(serverless.filter((f) => f.code === 'step.cooldown').length, 0);
    const seed = findings(doc(`{ "AdjustmentType": "ChangeInCapacity", ${STEPS}, "Cooldown": 60 }`));
    assert.equal(seed.filter((f) => f.code === 'step.cooldown').length, 0);
  });

  it('warns (not errors) on a MinAdjustmentMagnitude of 0 with percentages', () => {
    const text = doc(
      `{ "AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 0, ${STEPS.replace('"ScalingAdjustment": 1', '"ScalingAdjustment": 20').replace('"ScalingAdjustment": 2', '"ScalingAdjustment": 40')} }`,
    );
    const found = findings(text).filter((f) => f.code === 'step.min-adjustment-magnitude');
    assert.deepEqual(
      found.map((f) => [f.severity, text.slice(f.start, f.end)]),
      [['warning', '0']],
    );
  });

  it('stays quiet about intervals when a bound is not a number (the schema reports it)', () => {
    const text = doc(`{ "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
      { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": "50", "ScalingAdjustment": 1 },
      { "MetricIntervalLowerBound": 60, "ScalingAdjustment": 2 } ] }`);
    const codes = findings(text).map((f) => f.code);
    for (const code of [
      'step.no-gap',
      'step.no-overlap',
      'step.single-null-upper',
      'step.bound-present',
      'step.bounds-relative',
    ]) {
      assert.ok(!codes.includes(code), `${code} fired on an unreadable bound`);
    }
  });

  it('reports a gap and an overlap in one policy on the steps that break them', () => {
    const text = doc(`{ "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
      { "MetricIntervalLowerBound": 60, "MetricIntervalUpperBound": 120, "ScalingAdjustment": 2 },
      { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 50, "ScalingAdjustment": 1 },
      { "MetricIntervalLowerBound": 100, "ScalingAdjustment": 3 } ] }`);
    const found = findings(text).filter((f) => f.code === 'step.no-gap' || f.code === 'step.no-overlap');
    assert.deepEqual(
      found.map((f) => [f.code, text.slice(f.start, f.end)]),
      [
        ['step.no-gap', '60'],
        ['step.no-overlap', '100'],
      ],
    );
    assert.match(found[0]!.message, /step 2 \[0, 50\)/);
    assert.match(found[1]!.message, /step 1 \[60, 120\)/);
    assert.equal(found[0]!.related?.length, 1);
  });

  it('keeps percent rounding quiet on larger fleets and with MinAdjustmentMagnitude', () => {
    const percent = `{ "AdjustmentType": "PercentChangeInCapacity", ${STEPS.replace('"ScalingAdjustment": 1', '"ScalingAdjustment": 10')} }`;
    assert.ok(findings(doc(percent)).some((f) => f.code === 'step.percent-rounding'));
    const withMagnitude = percent.replace('"AdjustmentType"', '"MinAdjustmentMagnitude": 2, "AdjustmentType"');
    assert.ok(!findings(doc(withMagnitude)).some((f) => f.code === 'step.percent-rounding'));
  });

  it('infers the side from the adjustments only when they agree', () => {
    const mixed = doc(
      `{ "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
      { "MetricIntervalUpperBound": 0, "ScalingAdjustment": -1 }, { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] }`,
      { alarm: false },
    );
    assert.ok(!findings(mixed).some((f) => f.code === 'step.sign-side'));
  });

  it('leaves the shipped examples free of step and alarm findings', () => {
    for (const name of ['step-scaling.scaling.json', 'production.scaling.json']) {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const ours = analyzeText(text, { now: NOW }).findings.filter((f) => OUR_CODES.has(f.code));
      assert.deepEqual(
        ours.map((f) => `${f.code}: ${f.message}`),
        [],
        name,
      );
    }
  });
});
