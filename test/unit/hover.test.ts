import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../core/language/hover';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';

const NOW = new Date('2026-11-28T12:00:00Z');

/** The hover at the position of `|` in the text, and the text without the marker. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, hover: hoverAt(text, buildModel(parseDocument(text).root), offset, NOW) };
}

function actionDoc(members: string): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10,
  "ScheduledActions": [ { "ScheduledActionName": "other", "Schedule": "rate(1 day)", "ScalableTargetAction": { "MinCapacity": 1 } },
    { "ScheduledActionName": "scale-up", ${members}, "ScalableTargetAction": { "MinCapacity": 5 } } ] } ] }`;
}

/** The table rows of a hover's Markdown. */
function rows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| UTC |') && !/^\| [A-Z][a-z]+\/[A-Za-z_]+ \| UTC \|$/.test(l));
}

describe('hover on a Schedule', () => {
  it('shows the schedule in words and its next five runs in its zone and in UTC', () => {
    const { text, hover } = at(actionDoc('"Schedule": "cron(0 8 ? * MON|-FRI *)", "Timezone": "Europe/Berlin"'));
    assert.ok(hover);
    assert.equal(text.slice(hover.range.start, hover.range.end), '"cron(0 8 ? * MON-FRI *)"');
    assert.match(
      hover.markdown,
      /^\*\*Schedule\*\* `cron\(0 8 \? \* MON-FRI \*\)`: at 08:00 on Monday to Friday, Europe\/Berlin/,
    );
    assert.match(hover.markdown, /\| Europe\/Berlin \| UTC \|/);
    assert.deepEqual(rows(hover.markdown), [
      '| Mon 2026-11-30 08:00 +01:00 | Mon 2026-11-30 07:00 UTC |',
      '| Tue 2026-12-01 08:00 +01:00 | Tue 2026-12-01 07:00 UTC |',
      '| Wed 2026-12-02 08:00 +01:00 | Wed 2026-12-02 07:00 UTC |',
      '| Thu 2026-12-03 08:00 +01:00 | Thu 2026-12-03 07:00 UTC |',
      '| Fri 2026-12-04 08:00 +01:00 | Fri 2026-12-04 07:00 UTC |',
    ]);
  });

  it('shows UTC alone, and says so, when the action has no Timezone', () => {
    const { hover } = at(actionDoc('"Schedule": "|cron(0 20 * * ? *)"'));
    assert.ok(hover);
    assert.match(hover.markdown, /No `Timezone`: the times are UTC\./);
    assert.equal(rows(hover.markdown)[0], '| Sat 2026-11-28 20:00 UTC |');
    assert.equal(rows(hover.markdown).length, 5);
  });

  it('honours StartTime and EndTime', () => {
    const { hover } = at(
      actionDoc(
        '"Schedule": "cron(0 8 * * ? *)|", "Timezone": "Asia/Tokyo", "StartTime": "2027-01-01T00:00:00Z", "EndTime": "2027-01-03T00:00:00Z"',
      ),
    );
    assert.ok(hover);
    assert.match(hover.markdown, /Active from Fri 2027-01-01 00:00 UTC until Sun 2027-01-03 00:00 UTC/);
    // 08:00 in Tokyo is 23:00 UTC the day before: 1 January's run (31 December UTC) is before StartTime.
    assert.deepEqual(rows(hover.markdown), [
      '| Sat 2027-01-02 08:00 +09:00 | Fri 2027-01-01 23:00 UTC |',
      '| Sun 2027-01-03 08:00 +09:00 | Sat 2027-01-02 23:00 UTC |',
    ]);
    assert.match(hover.markdown, /No further runs before EndTime\./);
  });

  it('lists the problems of an expression that does not parse', () => {
    const { hover } = at(actionDoc('"Schedule": "cron(0 16 * * MON-FRI *)|"'));
    assert.ok(hover);
    assert.match(hover.markdown, /can't be read/);
    assert.match(
      hover.markdown,
      /- error `cron\.dom-dow-question`: Day-of-month `\*` and day-of-week `MON-FRI` are both set/,
    );
    assert.doesNotMatch(hover.markdown, /\| UTC \|/);
  });

  it('lists the zone problem of an unknown Timezone', () => {
    const { hover } = at(actionDoc('"Schedule": "cron(0 8 * * ? *)|", "Timezone": "Europe/Berln"'));
    assert.ok(hover);
    assert.match(hover.markdown, /`tz\.valid`: Unknown time zone `Europe\/Berln`; did you mean `Europe\/Berlin`\?/);
    assert.doesNotMatch(hover.markdown, /can't be read/, 'the cron is sound; only the zone is wrong');
    assert.match(hover.markdown, /is well formed, but its Timezone `Europe\/Berln` is not a zone AWS knows/);
  });

  it('says why a one-time schedule in the past has no run', () => {
    const { hover } = at(actionDoc('"Schedule": "at(2026-01-01T08:00:00)|", "Timezone": "UTC"'));
    assert.ok(hover);
    assert.match(hover.markdown, /once, at 2026-01-01 08:00 UTC/);
    assert.match(hover.markdown, /\*\*No run to come\.\*\*/);
    assert.match(hover.markdown, /`at\.past`/);
  });

  it('says where rate() intervals count from', () => {
    const { hover } = at(actionDoc('"Schedule": "rate(6 hours)|"'));
    assert.ok(hover);
    assert.match(hover.markdown, /every 6 hours/);
    assert.match(hover.markdown, /count from when AWS creates the action/);
    assert.equal(rows(hover.markdown)[0], '| Sat 2026-11-28 18:00 UTC |');
  });

  it('warns in the hover about a run that daylight saving skips', () => {
    const { hover } = at(actionDoc('"Schedule": "cron(30 2 ? * SUN *)|", "Timezone": "Europe/Berlin"'));
    assert.ok(hover);
    assert.match(hover.markdown, /⚠ On 2027-03-28 the clocks in Europe\/Berlin jump from 02:00 to 03:00/);
  });

  it('says nothing on the Schedule key or elsewhere', () => {
    assert.equal(at(actionDoc('"Sche|dule": "cron(0 8 * * ? *)"')).hover, undefined);
    assert.equal(at(actionDoc('"Schedule": "cron(0 8 * * ? *)", "Timezone": "Europe/Be|rlin"')).hover, undefined);
    assert.equal(at('{ "ScalableTargets": [ { "MinCapacity": |1 } ] }').hover, undefined);
    assert.equal(hoverAt('[', undefined, 0, NOW), undefined);
  });
});

function stepDoc(alarm: string, marker: string): string {
  const steps = [
    '{ "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 50, "ScalingAdjustment": 1 }',
    '{ "MetricIntervalLowerBound": 50, "ScalingAdjustment": 2 }',
  ].map((s, i) => (i === 1 ? s.replace('"ScalingAdjustment"', marker) : s));
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10,
  "ScalingPolicies": [ { "PolicyName": "scale-out-steps", "PolicyType": "StepScaling",
    "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [ ${steps.join(', ')} ] }${alarm} } ] } ] }`;
}

const ALARM = `, "CloudWatchAlarm": { "AlarmName": "high", "Namespace": "AWS/SageMaker", "MetricName": "InvocationsPerInstance",
  "Statistic": "Average", "Period": 60, "EvaluationPeriods": 3, "Threshold": 100, "ComparisonOperator": "GreaterThanOrEqualToThreshold" }`;

describe('hover on a step adjustment', () => {
  it('shows the absolute metric interval from the alarm threshold', () => {
    const { text, hover } = at(stepDoc(ALARM, '"Scaling|Adjustment"'));
    assert.ok(hover);
    assert.equal(
      text.slice(hover.range.start, hover.range.end),
      '{ "MetricIntervalLowerBound": 50, "ScalingAdjustment": 2 }',
    );
    assert.match(
      hover.markdown,
      /^\*\*Step 2\*\* of `scale-out-steps`: adds 2 to the capacity \(ChangeInCapacity \+2\)/,
    );
    assert.match(
      hover.markdown,
      /Runs when `InvocationsPerInstance` is in \*\*\[150, \+∞\)\*\*: the alarm's Threshold 100 \+ the bounds \[50, \+∞\)\./,
    );
    assert.match(hover.markdown, /in ALARM above its threshold/);
  });

  it('works on any member of the step, key or value', () => {
    const value = at(
      stepDoc(ALARM, '"ScalingAdjustment"').replace(
        '"MetricIntervalLowerBound": 50',
        '"MetricIntervalLowerBound": 5|0',
      ),
    );
    assert.match(value.hover?.markdown ?? '', /\[150, \+∞\)/);
  });

  it('shows the offsets when the policy has no alarm with a Threshold', () => {
    const { hover } = at(stepDoc('', '"|ScalingAdjustment"'));
    assert.ok(hover);
    assert.match(hover.markdown, /the alarm's threshold \+ \[50, \+∞\)\. Add a `CloudWatchAlarm` with a `Threshold`/);
  });

  it('with several alarms, gives the metric values under each, from its own threshold', () => {
    const alarms = `, "CloudWatchAlarms": [
      { "AlarmName": "cpu-high", "Namespace": "/aws/sagemaker/Endpoints", "MetricName": "CPUUtilization", "Statistic": "Average",
        "Period": 60, "EvaluationPeriods": 3, "Threshold": 80, "ComparisonOperator": "GreaterThanThreshold" },
      { "AlarmName": "gpu-high", "Namespace": "/aws/sagemaker/Endpoints", "MetricName": "GPUUtilization", "Statistic": "Average",
        "Period": 60, "EvaluationPeriods": 3, "Threshold": 60, "ComparisonOperator": "GreaterThanThreshold" } ]`;
    const { hover } = at(stepDoc(alarms, '"|ScalingAdjustment"'));
    assert.ok(hover);
    assert.match(hover.markdown, /Bounds \[50, \+∞\) from the threshold of whichever alarm runs the policy:/);
    assert.match(
      hover.markdown,
      /- `cpu-high`: `CPUUtilization` in \*\*\[130, \+∞\)\*\* \(Threshold 80\); GreaterThanThreshold, is in ALARM above its threshold/,
    );
    assert.match(hover.markdown, /- `gpu-high`: `GPUUtilization` in \*\*\[110, \+∞\)\*\* \(Threshold 60\)/);
  });

  it('says when the alarm runs the policy on OK, on the other side of its threshold', () => {
    const ok = ALARM.replace('"AlarmName": "high",', '"AlarmName": "high", "TriggerPolicyOn": "OK",');
    const { hover } = at(stepDoc(ok, '"|ScalingAdjustment"'));
    assert.ok(hover);
    assert.match(
      hover.markdown,
      /The alarm \(GreaterThanOrEqualToThreshold\) runs the policy when OK, below its threshold, so only steps on that side can run\./,
    );
    const both = ALARM.replace('"AlarmName": "high",', '"AlarmName": "high", "TriggerPolicyOn": ["ALARM", "OK"],');
    assert.match(
      at(stepDoc(both, '"|ScalingAdjustment"')).hover?.markdown ?? '',
      /runs the policy in ALARM above its threshold and when OK, below its threshold, so steps on both sides can run\./,
    );
  });

  it('says nothing on a target-tracking policy or outside the steps', () => {
    const tt = stepDoc(ALARM, '"|ScalingAdjustment"').replace('"StepScaling"', '"TargetTrackingScaling"');
    assert.equal(at(tt).hover, undefined);
    assert.equal(
      at(stepDoc(ALARM, '"ScalingAdjustment"').replace('"ChangeInCapacity"', '"Change|InCapacity"')).hover,
      undefined,
    );
  });
});

function trackingDoc(metric: string, targetValue: string): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10,
  "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "TargetTrackingScaling",
    "TargetTrackingScalingPolicyConfiguration": { "TargetValue": ${targetValue},
      "PredefinedMetricSpecification": { "PredefinedMetricType": ${metric} } } } ] } ] }`;
}

describe('hover on target tracking', () => {
  it('says TargetValue of invocations per instance is per minute, with the load-testing formula', () => {
    const { text, hover } = at(trackingDoc('"SageMakerVariantInvocationsPerInstance"', '3|0'));
    assert.ok(hover);
    assert.equal(text.slice(hover.range.start, hover.range.end), '30');
    assert.match(
      hover.markdown,
      /counts invocations per instance \*\*per minute\*\*, so this holds each instance at about 0\.5 requests per second/,
    );
    assert.match(hover.markdown, /MAX_RPS × SAFETY_FACTOR × 60/);
    assert.match(hover.markdown, /endpoint-scaling-loadtest\.html/);
  });

  it('explains a high-resolution metric on its PredefinedMetricType', () => {
    const { hover } = at(trackingDoc('"SageMakerInferenceComponentConcurrentRequestsPerCopyHigh|Resolution"', '4'));
    assert.ok(hover);
    assert.match(hover.markdown, /requests in flight per copy, queued ones included, published every 10 seconds/);
    assert.match(hover.markdown, /scale-in keeps the standard pace/);
  });

  it('says nothing on a metric it has nothing to add about', () => {
    assert.equal(at(trackingDoc('"SageMakerVariantInvocations|PerInstance"', '30')).hover, undefined);
  });
});

describe('hover on a step larger than the capacity range', () => {
  it('says where the capacity stops', () => {
    const doc = stepDoc(ALARM, '"Scaling|Adjustment"').replace('"MaxCapacity": 10', '"MaxCapacity": 2');
    const { hover } = at(doc);
    assert.ok(hover);
    assert.match(
      hover.markdown,
      /Capacity stays within MinCapacity 1 and MaxCapacity 2, so this step adds at most 1: from any capacity it reaches 2\./,
    );
  });
});

describe('hover on the Region', () => {
  it("shows the Region's name in words, in every partition", () => {
    const { text, hover } = at('{ "Region": "eu-cen|tral-1", "ScalableTargets": [] }');
    assert.ok(hover);
    assert.equal(text.slice(hover.range.start, hover.range.end), '"eu-central-1"');
    assert.equal(hover.markdown, '**eu-central-1**: Europe (Frankfurt)');
    assert.equal(at('{ "Region": "|cn-north-1" }').hover?.markdown, '**cn-north-1**: China (Beijing)');
  });

  it('leaves a Region AWS does not have to its finding, and the key to the schema', () => {
    assert.equal(at('{ "Region": "eu-cen|trall-1" }').hover, undefined);
    assert.equal(at('{ "Reg|ion": "eu-central-1" }').hover, undefined);
    assert.equal(at('{ "Region": 4|2 }').hover, undefined);
  });
});
