import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, type ScalingPolicy } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import {
  alarmSide,
  formatInterval,
  isStepPolicy,
  relativeInterval,
  runInterval,
  runSide,
  stepIntervals,
  triggerStates,
} from '../../core/language/stepIntervals';

/** The first policy of a one-target document built around the given policy JSON. */
function policyOf(policyJson: string): ScalingPolicy {
  const text = `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v",
    "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10,
    "ScalingPolicies": [ ${policyJson} ] } ] }`;
  const policy = buildModel(parseDocument(text).root)?.targets[0]?.policies[0];
  assert.ok(policy, 'policy built');
  return policy;
}

const SCALE_OUT_STEPS = `"StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
  { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 50, "ScalingAdjustment": 1 },
  { "MetricIntervalLowerBound": 50, "MetricIntervalUpperBound": 100, "ScalingAdjustment": 2 },
  { "MetricIntervalLowerBound": 100, "ScalingAdjustment": 3 } ] }`;

const SCALE_OUT_ALARM = `"CloudWatchAlarm": { "AlarmName": "a", "Namespace": "AWS/SageMaker", "MetricName": "InvocationsPerInstance",
  "Statistic": "Average", "Period": 60, "EvaluationPeriods": 3, "Threshold": 100, "ComparisonOperator": "GreaterThanOrEqualToThreshold" }`;

describe('stepIntervals', () => {
  it('shows the absolute interval from the alarm threshold, lower bound inclusive above it', () => {
    const policy = policyOf(
      `{ "PolicyName": "out", "PolicyType": "StepScaling", ${SCALE_OUT_STEPS}, ${SCALE_OUT_ALARM} }`,
    );
    const info = stepIntervals(policy, 1)?.[0];
    assert.ok(info);
    assert.equal(info.text, '[150, 200) InvocationsPerInstance: threshold 100 + [50, 100)');
    assert.deepEqual(info.absolute, { lower: 150, upper: 200, lowerInclusive: true, upperInclusive: false });
    assert.equal(info.firesOn, 'above');
    assert.equal(stepIntervals(policy, 0)?.[0]?.text, '[100, 150) InvocationsPerInstance: threshold 100 + [0, 50)');
    assert.equal(stepIntervals(policy, 2)?.[0]?.text, '[200, +∞) InvocationsPerInstance: threshold 100 + [100, +∞)');
  });

  it('reverses inclusivity below the threshold', () => {
    const policy = policyOf(`{ "PolicyName": "in", "PolicyType": "StepScaling",
      "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
        { "MetricIntervalUpperBound": -10, "ScalingAdjustment": -2 },
        { "MetricIntervalLowerBound": -10, "MetricIntervalUpperBound": 0, "ScalingAdjustment": -1 } ] },
      "CloudWatchAlarm": { "AlarmName": "a", "MetricName": "CPUUtilization", "Namespace": "/aws/sagemaker/Endpoints",
        "Statistic": "Average", "Period": 60, "EvaluationPeriods": 15, "Threshold": 20, "ComparisonOperator": "LessThanOrEqualToThreshold" } }`);
    assert.equal(stepIntervals(policy, 0)?.[0]?.text, '(−∞, 10] CPUUtilization: threshold 20 + (−∞, -10]');
    assert.equal(stepIntervals(policy, 1)?.[0]?.text, '(10, 20] CPUUtilization: threshold 20 + (-10, 0]');
    assert.equal(stepIntervals(policy, 1)?.[0]?.firesOn, 'below');
  });

  it('gives the relative interval when the policy has no alarm', () => {
    const policy = policyOf(`{ "PolicyName": "out", "PolicyType": "StepScaling", ${SCALE_OUT_STEPS} }`);
    const info = stepIntervals(policy, 1)?.[0];
    assert.equal(info?.text, 'alarm threshold + [50, 100)');
    assert.equal(info?.absolute, undefined);
  });

  it('keeps decimal thresholds free of binary noise', () => {
    const policy = policyOf(`{ "PolicyName": "out", "PolicyType": "StepScaling",
      "StepScalingPolicyConfiguration": { "StepAdjustments": [ { "MetricIntervalLowerBound": 0.2, "ScalingAdjustment": 1 } ] },
      "CloudWatchAlarm": { "MetricName": "M", "Threshold": 0.1, "ComparisonOperator": "GreaterThanThreshold" } }`);
    assert.equal(stepIntervals(policy, 0)?.[0]?.text, '[0.3, +∞) M: threshold 0.1 + [0.2, +∞)');
  });

  it('treats a step that spans the threshold as open at both ends', () => {
    assert.equal(formatInterval(relativeInterval({ lower: -5, upper: 5 })), '(-5, 5)');
    assert.equal(formatInterval(relativeInterval({})), '(−∞, +∞)');
  });

  it('returns undefined for a step that does not exist', () => {
    const policy = policyOf(`{ "PolicyName": "out", "PolicyType": "StepScaling", ${SCALE_OUT_STEPS} }`);
    assert.equal(stepIntervals(policy, 7), undefined);
  });

  it('reads a step under each alarm of CloudWatchAlarms, from its own threshold', () => {
    const policy = policyOf(`{ "PolicyName": "out", "PolicyType": "StepScaling", ${SCALE_OUT_STEPS},
      "CloudWatchAlarms": [
        { "AlarmName": "cpu", "Namespace": "/aws/sagemaker/Endpoints", "MetricName": "CPUUtilization", "Threshold": 80, "ComparisonOperator": "GreaterThanThreshold" },
        { "AlarmName": "gpu", "Namespace": "/aws/sagemaker/Endpoints", "MetricName": "GPUUtilization", "Threshold": 60, "ComparisonOperator": "GreaterThanThreshold", "TriggerPolicyOn": ["ALARM", "OK"] } ] }`);
    const infos = stepIntervals(policy, 0);
    assert.deepEqual(
      infos?.map((i) => [i.alarm?.alarmName?.value, i.text, i.states]),
      [
        ['cpu', '[80, 130) CPUUtilization: threshold 80 + [0, 50)', ['ALARM']],
        ['gpu', '[60, 110) GPUUtilization: threshold 60 + [0, 50)', ['ALARM', 'OK']],
      ],
    );
  });

  it('places the metric on the other side of the threshold when the alarm runs the policy on OK', () => {
    const policy = policyOf(`{ "PolicyName": "zero", "PolicyType": "StepScaling",
      "StepScalingPolicyConfiguration": { "AdjustmentType": "ExactCapacity", "StepAdjustments": [ { "MetricIntervalUpperBound": 0, "ScalingAdjustment": 0 } ] },
      "CloudWatchAlarm": { "AlarmName": "backlog", "TriggerPolicyOn": "OK", "MetricName": "ApproximateBacklogSize", "Threshold": 0, "ComparisonOperator": "GreaterThanThreshold" } }`);
    const alarm = policy.alarm!;
    assert.deepEqual(triggerStates(alarm), ['OK']);
    assert.equal(runSide(alarm, 'OK'), 'below');
    assert.equal(runSide(alarm, 'ALARM'), 'above');
    assert.equal(runSide(alarm, 'INSUFFICIENT_DATA'), undefined);
    // GreaterThanThreshold 0 is OK at 0 and below; GreaterThanOrEqualToThreshold only below.
    assert.equal(formatInterval(runInterval(alarm, 'OK')!), '(−∞, 0]');
    assert.equal(formatInterval(runInterval(alarm, 'ALARM')!), '(0, +∞)');
    assert.equal(stepIntervals(policy, 0)?.[0]?.text, '(−∞, 0] ApproximateBacklogSize: threshold 0 + (−∞, 0]');
  });

  it('reads TriggerPolicyOn as ALARM when absent, and leaves out values AWS has no state for', () => {
    const states = (trigger: string) =>
      triggerStates(
        policyOf(
          `{ "PolicyName": "p", "PolicyType": "StepScaling", "CloudWatchAlarm": { "AlarmName": "a"${trigger} } }`,
        ).alarm!,
      );
    assert.deepEqual(states(''), ['ALARM']);
    assert.deepEqual(states(', "TriggerPolicyOn": ["OK", "OK", "INSUFFICIENT_DATA"]'), ['OK', 'INSUFFICIENT_DATA']);
    assert.deepEqual(states(', "TriggerPolicyOn": "ALARMS"'), []);
  });

  it('reads the side from the comparison operator', () => {
    assert.equal(alarmSide('GreaterThanThreshold'), 'above');
    assert.equal(alarmSide('LessThanThreshold'), 'below');
    assert.equal(alarmSide('GreaterThanUpperThreshold'), undefined);
    assert.equal(alarmSide(undefined), undefined);
  });

  it('knows a step policy by its type, or by its configuration when untyped', () => {
    assert.equal(isStepPolicy(policyOf(`{ "PolicyName": "p", "PolicyType": "StepScaling" }`)), true);
    assert.equal(isStepPolicy(policyOf(`{ "PolicyName": "p", ${SCALE_OUT_STEPS} }`)), true);
    assert.equal(
      isStepPolicy(policyOf(`{ "PolicyName": "p", "PolicyType": "TargetTrackingScaling", ${SCALE_OUT_STEPS} }`)),
      false,
    );
  });
});
