import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import { applyRuleConfig, checkRuleConfig } from '../../core/lint/config';
import { has } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import { buildModel } from '../../core/document/model';
import { defineMultiCodeRule, defineRule, type RuleContext } from '../../core/lint/rule';
import { RULES_BY_CODE } from '../../core/rules';
import { insideString } from '../../core/rules/locate';

const NOW = new Date('2026-11-28T12:00:00Z');

function model(text: string) {
  const m = buildModel(parseDocument(text).root);
  assert.ok(m, 'model built');
  return m;
}

describe('model', () => {
  const text = `{
  // a comment
  "Region": "eu-west-1",
  "ScalableTargets": [
    { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v", "MinCapacity": 1, "MaxCapacity": "ten",
      "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "StepScaling",
        "StepScalingPolicyConfiguration": { "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 2 } ] },
        "CloudWatchAlarm": { "Threshold": 100, "Dimensions": [ { "Name": "EndpointName", "Value": "e" } ] } } ],
      "ScheduledActions": [ { "ScheduledActionName": "a", "Schedule": "rate(1 day)", "ScalableTargetAction": { "MaxCapacity": 3 } } ] },
    42
  ]
}`;

  it('keeps the range of every value and of its key', () => {
    const m = model(text);
    assert.equal(m.region?.value, 'eu-west-1');
    assert.equal(text.slice(m.region!.range.start, m.region!.range.end), '"eu-west-1"');
    assert.equal(text.slice(m.region!.keyRange.start, m.region!.keyRange.end), '"Region"');
    const target = m.targets[0]!;
    assert.equal(text.slice(target.minCapacity!.range.start, target.minCapacity!.range.end), '1');
  });

  it('skips array elements that are not objects but keeps positions', () => {
    const m = model(text);
    assert.equal(m.targets.length, 1);
    assert.equal(m.targets[0]!.index, 0);
  });

  it('leaves out a value of the wrong type, which has() still sees', () => {
    const target = model(text).targets[0]!;
    assert.equal(target.maxCapacity, undefined);
    assert.ok(has(target, 'MaxCapacity'));
    assert.ok(!has(target, 'RoleARN'));
  });

  it('reads nested policy, step, alarm and action members', () => {
    const target = model(text).targets[0]!;
    const policy = target.policies[0]!;
    assert.equal(policy.policyType?.value, 'StepScaling');
    assert.equal(policy.stepScaling?.stepAdjustments?.items[0]?.scalingAdjustment?.value, 2);
    assert.equal(policy.stepScaling?.stepAdjustments?.items[0]?.upperBound, undefined);
    assert.equal(policy.alarm?.threshold?.value, 100);
    assert.equal(policy.alarm?.dimensions?.items[0]?.value?.value, 'e');
    assert.equal(target.scheduledActions[0]?.action?.maxCapacity?.value, 3);
    assert.equal(target.scheduledActions[0]?.action?.minCapacity, undefined);
  });

  it("reads every alarm of a policy, the first as policy.alarm, and each alarm's actions and trigger", () => {
    const several = `{ "ScalableTargets": [ { "ScalingPolicies": [
      { "PolicyName": "one", "CloudWatchAlarm": { "AlarmName": "a", "AlarmActions": ["arn:aws:sns:x:1:t", 7] } },
      { "PolicyName": "list", "CloudWatchAlarms": [
        { "AlarmName": "b", "TriggerPolicyOn": "OK", "OKActions": ["arn:aws:sns:x:1:t"] },
        "not an alarm",
        { "AlarmName": "c", "TriggerPolicyOn": ["ALARM", "INSUFFICIENT_DATA"], "InsufficientDataActions": [] } ] },
      { "PolicyName": "none" } ] } ] }`;
    const [one, list, none] = model(several).targets[0]!.policies;
    assert.deepEqual(
      one!.alarms.map((a) => [a.alarmName?.value, a.index]),
      [['a', undefined]],
    );
    assert.equal(one!.alarm, one!.alarms[0]);
    assert.deepEqual(
      one!.alarm!.alarmActions!.items.map((i) => i.value),
      ['arn:aws:sns:x:1:t'],
    );
    assert.equal(one!.alarmList, undefined);
    assert.deepEqual(
      list!.alarms.map((a) => [a.alarmName?.value, a.index, a.keyRange]),
      [
        ['b', 0, undefined],
        ['c', 2, undefined],
      ],
    );
    assert.equal(list!.alarm, list!.alarms[0]);
    assert.equal(several.slice(list!.alarmList!.keyRange!.start, list!.alarmList!.keyRange!.end), '"CloudWatchAlarms"');
    assert.deepEqual(
      list!.alarms.map((a) => a.triggerPolicyOn?.states.map((s) => s.value)),
      [['OK'], ['ALARM', 'INSUFFICIENT_DATA']],
    );
    assert.deepEqual(
      list!.alarms[0]!.okActions!.items.map((i) => i.value),
      ['arn:aws:sns:x:1:t'],
    );
    assert.deepEqual(list!.alarms[1]!.insufficientDataActions!.items, []);
    assert.deepEqual(none!.alarms, []);
    assert.equal(none!.alarm, undefined);
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const m = model('{ "ScalableTargets": [ { "MinCapacity": 1, "MinCapacity": 7 } ] }');
    assert.equal(m.targets[0]!.minCapacity!.value, 7);
  });

  it('has no model for a root that is not an object', () => {
    for (const t of ['[]', '42', '"x"', 'null', '']) assert.equal(buildModel(parseDocument(t).root), undefined, t);
  });
});

describe('engine', () => {
  it('reports an empty file, once', () => {
    for (const t of ['', '   \n', '// only a comment\n']) {
      assert.deepEqual(
        analyzeText(t, { now: NOW }).findings.map((f) => f.code),
        ['format.empty'],
        JSON.stringify(t),
      );
    }
  });

  it('survives nesting deeper than the parser stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const { findings } = analyzeText(deep, { now: NOW });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['format.too-deep'],
    );
  });

  it("reports each finding to the analysis that runs the rule, under the rule's own code", () => {
    const contexts: RuleContext[] = [];
    const probe = defineRule(
      { code: 'target.min-le-max', severity: 'error', title: 'probe' },
      {
        target(target, ctx) {
          contexts.push(ctx);
          ctx.report({ range: target.range, message: `seen ${target.index}` });
        },
      },
    );
    const one = analyzeText('{ "ScalableTargets": [ {}, {} ] }', { now: NOW, rules: [probe] });
    const other = analyzeText('{ "ScalableTargets": [ {} ] }', { now: NOW, rules: [probe] });
    assert.deepEqual(
      one.findings.map((f) => `${f.code} ${f.message}`),
      ['target.min-le-max seen 0', 'target.min-le-max seen 1'],
    );
    assert.deepEqual(
      other.findings.map((f) => f.message),
      ['seen 0'],
    );
    assert.notEqual(contexts[0], contexts[2], 'each analysis has a context of its own');
  });

  it('has a rule with several codes name the code of each report', () => {
    const codes = [
      { code: 'target.min-le-max', severity: 'error' as const, title: 'one' },
      { code: 'target.min-eq-max', severity: 'warning' as const, title: 'two' },
    ];
    const named = defineMultiCodeRule(codes, {
      target: (target, ctx) => ctx.report({ code: 'target.min-eq-max', range: target.range, message: 'named' }),
    });
    const found = analyzeText('{ "ScalableTargets": [ {} ] }', { now: NOW, rules: [named] }).findings;
    assert.deepEqual(
      found.map((f) => `${f.code} ${f.severity}`),
      ['target.min-eq-max warning'],
    );
    const unnamed = defineMultiCodeRule(codes, {
      target: (target, ctx) => ctx.report({ range: target.range, message: 'which?' }),
    });
    assert.throws(
      () => analyzeText('{ "ScalableTargets": [ {} ] }', { now: NOW, rules: [unnamed] }),
      /must name the code/,
    );
  });

  it('returns findings sorted by position', () => {
    const text =
      '{ "ScalableTargets": [ { "ServiceNamespace": "ecs", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 5, "MaxCapacity": 1 } ] }';
    const starts = analyzeText(text, { now: NOW }).findings.map((f) => f.start);
    assert.ok(starts.length >= 2);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });

  it('maps positions inside a string value across escapes', () => {
    const text = '{ "ResourceId": "endpoint/\\u0061b/variant/v" }';
    const prop = { range: { start: 16, end: text.length - 2 } };
    const r = insideString(text, prop, 'endpoint/'.length, 2);
    assert.equal(text.slice(r.start, r.end), '\\u0061b');
  });
});

describe('rule configuration', () => {
  const text =
    '{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 5, "MaxCapacity": 1 } ] }';

  it('turns a rule off and changes a severity', () => {
    const minMax = (config?: Parameters<typeof applyRuleConfig>[1]) =>
      analyzeText(text, { now: NOW, config }).findings.filter((f) => f.code === 'target.min-le-max');
    assert.deepEqual(
      minMax().map((f) => f.severity),
      ['error'],
    );
    assert.deepEqual(minMax({ rules: { 'target.min-le-max': 'off' } }), []);
    assert.deepEqual(
      minMax({ rules: { 'target.min-le-max': 'warning' } }).map((f) => f.severity),
      ['warning'],
    );
    const others = analyzeText(text, { now: NOW }).findings.filter((f) => f.code !== 'target.min-le-max');
    assert.deepEqual(
      analyzeText(text, { now: NOW, config: { rules: { 'target.min-le-max': 'off' } } }).findings,
      others,
      'other rules unaffected',
    );
  });

  it('reports unknown codes and levels instead of ignoring them', () => {
    const known = new Set(RULES_BY_CODE.keys());
    assert.deepEqual(checkRuleConfig({ rules: { 'target.min-le-max': 'off' } }, known), []);
    assert.deepEqual(checkRuleConfig({ rules: { 'target.nope': 'off' } }, known), ['unknown rule code "target.nope"']);
    assert.equal(checkRuleConfig({ rules: { 'target.min-le-max': 'fatal' } }, known).length, 1);
    assert.equal(checkRuleConfig([], known).length, 1);
  });
});
