import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import { alarmCondition, alwaysHolds, atomsInWords, bothHold } from '../../core/rules/alarmConditions';

// Alarm conditions read back from a step policy's alarm, metric math included.

const CPU = `{ "Id": "cpu", "ReturnData": false, "MetricStat": { "Stat": "Average", "Metric": { "Namespace": "/aws/sagemaker/Endpoints", "MetricName": "CPUUtilization" } } }`;
const GPU = `{ "Id": "gpu", "ReturnData": false, "MetricStat": { "Stat": "Average", "Metric": { "Namespace": "/aws/sagemaker/Endpoints", "MetricName": "GPUUtilization" } } }`;

function alarm(members: string) {
  const text = `{ "ScalableTargets": [ { "ScalingPolicies": [ { "PolicyType": "StepScaling", "CloudWatchAlarm": { ${members} } } ] } ] }`;
  const a = buildModel(parseDocument(text).root)?.targets[0]?.policies[0]?.alarm;
  assert.ok(a);
  return alarmCondition(a);
}

const math = (expression: string, operator = 'GreaterThanOrEqualToThreshold', threshold = 0.5) =>
  alarm(
    `"ComparisonOperator": "${operator}", "Threshold": ${threshold}, "Metrics": [ { "Id": "r", "Expression": ${JSON.stringify(expression)}, "ReturnData": true }, ${CPU}, ${GPU} ]`,
  );

describe('alarm conditions', () => {
  it('reads a single-metric alarm as a comparison', () => {
    const c = alarm(
      '"Namespace": "AWS/SageMaker", "MetricName": "InvocationsPerInstance", "Statistic": "Sum", "Threshold": 100, "ComparisonOperator": "GreaterThanThreshold"',
    );
    assert.deepEqual(c && { kind: c.kind, ...(c.kind === 'atom' ? { op: c.op, value: c.value } : {}) }, {
      kind: 'atom',
      op: '>',
      value: 100,
    });
  });

  it('tells OR conditions that can hold together from exclusive ones', () => {
    const up = math('cpu >= 80 OR gpu >= 80')!;
    const down = math('cpu <= 20 OR gpu <= 20')!;
    assert.equal(atomsInWords(bothHold(up, down)!), 'CPUUtilization ≥ 80 and GPUUtilization ≤ 20');
    const downBoth = math('cpu <= 20 AND gpu <= 20')!;
    assert.equal(bothHold(up, downBoth), undefined);
  });

  it('reads IF(condition, 1, 0), ABS(), FILL() and a LessThan operator on a 0/1 result', () => {
    const idle = math('IF(FILL(cpu, 0) <= 20, 1, 0)')!;
    const busy = math('ABS(cpu > 20)')!;
    assert.equal(bothHold(idle, busy), undefined, 'cpu ≤ 20 and cpu > 20 exclude each other');
    const notBusy = math('ABS(cpu > 20)', 'LessThanThreshold', 0.5)!; // the expression is 0: cpu ≤ 20
    assert.equal(bothHold(notBusy, busy), undefined);
    assert.ok(bothHold(notBusy, idle));
  });

  it('knows an always-firing alarm, and stays silent on arithmetic it cannot read', () => {
    assert.equal(alwaysHolds(math('cpu >= 0 OR cpu < 0')!), true);
    assert.equal(alwaysHolds(math('cpu >= 80')!), false);
    assert.equal(math('(cpu + gpu) / 2 >= 80'), undefined);
    assert.equal(math("SEARCH('{AWS/SageMaker} MetricName=\"Invocations\"', 'Sum')"), undefined);
  });
});
