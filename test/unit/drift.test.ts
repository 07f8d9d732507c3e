import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driftOf, driftWords, summarizeDrift, type TargetDrift } from '../../core/plan/drift';
import { keyText, type DesiredState, type LiveState, type LiveTarget, type TargetKey } from '../../core/plan/liveState';

// The marks of the Auto Scaling view: each live target against the workspace's files.

const key = (endpoint: string): TargetKey => ({
  ServiceNamespace: 'sagemaker',
  ResourceId: `endpoint/${endpoint}/variant/AllTraffic`,
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
});

const policy = {
  PolicyName: 'invocations',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 70,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
  },
};

const live = (endpoint: string, max: number, extra: Partial<LiveTarget> = {}): LiveTarget => ({
  ...key(endpoint),
  MinCapacity: 1,
  MaxCapacity: max,
  ScalingPolicies: [policy],
  ScheduledActions: [],
  policyFacts: { invocations: { PolicyARN: `arn:${endpoint}`, AlarmNames: [] } },
  ...extra,
});

const desired = (...targets: [string, number][]): DesiredState => ({
  targets: targets.map(([endpoint, max]) => ({
    ...key(endpoint),
    MinCapacity: 1,
    MaxCapacity: max,
    ScalingPolicies: [policy],
    ScheduledActions: [],
  })),
});

describe('drift of live targets against the workspace files', () => {
  const state: LiveState = {
    targets: [
      live('same', 4),
      live('changed', 8),
      live('extra', 4, {
        ScheduledActions: [{ ScheduledActionName: 'by-hand', Schedule: 'cron(0 8 * * ? *)' }],
      }),
      live('nobody', 2),
    ],
  };
  const liveKeys = state.targets.map((t) => key(t.ResourceId.split('/')[1]!));
  const drift = driftOf(
    [
      { file: 'a.scaling.json', desired: desired(['same', 4], ['changed', 4], ['gone', 2]) },
      { file: 'b.scaling.json', desired: desired(['extra', 4], ['same', 9]) },
    ],
    state,
    liveKeys,
  );
  const of = (endpoint: string) => drift.get(keyText(key(endpoint)));

  it('marks each target in sync, drifted with its differences, untracked, or missing live', () => {
    assert.deepEqual(of('same'), { status: 'inSync', file: 'a.scaling.json' }, 'the first file that names it counts');
    assert.deepEqual(of('changed'), { status: 'drifted', file: 'a.scaling.json', differences: 1 });
    assert.deepEqual(
      of('extra'),
      { status: 'drifted', file: 'b.scaling.json', differences: 1 },
      'a live action the file lacks is a difference',
    );
    assert.deepEqual(of('nobody'), { status: 'untracked' });
    assert.deepEqual(of('gone'), { status: 'missing', file: 'a.scaling.json' });
  });

  it('sums marks: a drift outweighs a missing target, which outweighs an untracked one', () => {
    const marks = (...d: TargetDrift[]) => summarizeDrift(d);
    assert.equal(summarizeDrift([]), undefined);
    const all = marks(of('same')!, of('changed')!, of('extra')!, of('nobody')!, of('gone')!)!;
    assert.deepEqual(all, {
      status: 'drifted',
      differences: 2,
      files: ['a.scaling.json', 'b.scaling.json'],
      targets: 5,
    });
    assert.equal(driftWords(all), 'drifted: 2 differences');
    assert.equal(driftWords(marks(of('same')!, of('gone')!, of('nobody')!)!), 'in a file, missing live');
    assert.equal(driftWords(marks(of('same')!, of('nobody')!)!), 'not in a file');
    assert.equal(driftWords(marks(of('same')!)!), 'in sync');
    assert.equal(driftWords(marks(of('changed')!)!), 'drifted: 1 difference');
  });
});
