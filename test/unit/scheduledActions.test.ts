import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';

const NOW = new Date('2026-11-28T12:00:00Z');

function findings(text: string, prefixes: string[]) {
  return analyzeText(text, { now: NOW })
    .findings.filter((f) => prefixes.includes(f.code))
    .map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
}

function target(min: number, max: number, actions: string[]): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": ${min}, "MaxCapacity": ${max}, "ScheduledActions": [ ${actions.join(', ')} ] } ] }`;
}

function action(name: string, bounds: string, extra = ''): string {
  return `{ "ScheduledActionName": "${name}", "Schedule": "cron(0 8 ? * * *)", "ScalableTargetAction": { ${bounds} }${extra} }`;
}

const CROSSING = ['sched.action-vs-target', 'sanity.sched-min-above-max'];

describe('one-sided scheduled actions against the target and each other', () => {
  it('compares with the target alone when no other action sets the opposite bound', () => {
    assert.deepEqual(
      findings(target(1, 10, [action('up', '"MinCapacity": 12'), action('down', '"MinCapacity": 1')]), CROSSING),
      ['sched.action-vs-target 12'],
    );
    assert.deepEqual(
      findings(target(3, 10, [action('cap', '"MaxCapacity": 2'), action('uncap', '"MaxCapacity": 10')]), CROSSING),
      ['sched.action-vs-target 2'],
    );
  });

  it('reports a bound no other action makes room for under the sanity code only', () => {
    assert.deepEqual(
      findings(target(1, 10, [action('ceiling', '"MaxCapacity": 12'), action('up', '"MinCapacity": 15')]), CROSSING),
      ['sanity.sched-min-above-max 15'],
    );
    assert.deepEqual(
      findings(target(4, 10, [action('floor', '"MinCapacity": 3'), action('cap', '"MaxCapacity": 2')]), CROSSING),
      ['sanity.sched-min-above-max 2'],
    );
  });

  it('says nothing when another action makes room, or when the action sets both bounds', () => {
    assert.deepEqual(
      findings(target(1, 10, [action('ceiling', '"MaxCapacity": 15'), action('up', '"MinCapacity": 15')]), CROSSING),
      [],
    );
    assert.deepEqual(
      findings(target(4, 10, [action('floor', '"MinCapacity": 2'), action('cap', '"MaxCapacity": 2')]), CROSSING),
      [],
    );
    assert.deepEqual(findings(target(1, 10, [action('up', '"MinCapacity": 12, "MaxCapacity": 20')]), CROSSING), []);
    assert.deepEqual(
      findings(target(1, 10, [action('up', '"MinCapacity": 12, "MaxCapacity": "20"')]), CROSSING),
      [],
      'a Max of the wrong type still counts as given',
    );
  });
});

describe('StartTime and EndTime on at() schedules', () => {
  it('reports them as pointless, and not also as local or in the past', () => {
    const text = target(1, 10, [
      `{ "ScheduledActionName": "once", "Schedule": "at(2027-03-01T06:00:00)", "StartTime": "2026-01-01T00:00:00", "EndTime": "2026-02-01T00:00:00", "ScalableTargetAction": { "MinCapacity": 2 } }`,
    ]);
    assert.deepEqual(findings(text, ['sched.start-end-with-at', 'sched.start-end-utc', 'sched.end-in-past']), [
      'sched.start-end-with-at "StartTime": "2026-01-01T00:00:00"',
      'sched.start-end-with-at "EndTime": "2026-02-01T00:00:00"',
    ]);
  });
});

describe('sched.end-in-past', () => {
  it('compares with the injected clock', () => {
    const text = (end: string) => target(1, 10, [action('a', '"MinCapacity": 2', `, "EndTime": "${end}"`)]);
    assert.deepEqual(findings(text('2026-11-28T11:59:59Z'), ['sched.end-in-past']), [
      'sched.end-in-past "2026-11-28T11:59:59Z"',
    ]);
    assert.deepEqual(findings(text('2026-11-28T12:00:00Z'), ['sched.end-in-past']), []);
    assert.deepEqual(findings(text('2026-11-28T13:30:00+01:00'), ['sched.end-in-past']), []);
  });
});

describe('sched.end-after-start', () => {
  it('compares instants, offsets included', () => {
    const text = (start: string, end: string) =>
      target(1, 10, [action('a', '"MinCapacity": 2', `, "StartTime": "${start}", "EndTime": "${end}"`)]);
    assert.deepEqual(
      findings(text('2027-01-01T10:00:00+02:00', '2027-01-01T09:00:00Z'), ['sched.end-after-start']),
      [],
    );
    assert.equal(findings(text('2027-01-01T10:00:00Z', '2027-01-01T10:00:00Z'), ['sched.end-after-start']).length, 1);
    assert.equal(
      findings(text('2027-01-01T10:00:00Z', '2027-01-01T11:00:00+02:00'), ['sched.end-after-start']).length,
      1,
    );
  });
});
