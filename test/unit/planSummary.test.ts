import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { desiredFromText } from '../../core/plan/desired';
import type { LiveState } from '../../core/plan/liveState';
import { planChanges } from '../../core/plan/plan';
import { summarizeForConfirmation } from '../../core/plan/planSummary';

// The plan as a confirmation dialog shows it: by target, old → new values, what is kept,
// and a count per target when it is too long for a dialog.

const KEY = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/ep/variant/AllTraffic',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
};
const OTHER = { ...KEY, ResourceId: 'endpoint/other/variant/AllTraffic' };
const TT = (value: number) => ({
  PolicyName: 'invocations',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: value,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
  },
});
const action = (name: string, hour: number) => ({
  ScheduledActionName: name,
  Schedule: `cron(0 ${hour} * * ? *)`,
  Timezone: 'Europe/Berlin',
  ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 6 },
});

const live: LiveState = {
  targets: [
    {
      ...KEY,
      MinCapacity: 1,
      MaxCapacity: 4,
      ScalingPolicies: [TT(70)],
      ScheduledActions: [action('night', 22)],
      policyFacts: {},
    },
  ],
};

function plan(targets: object[], prune = false) {
  return planChanges(desiredFromText(JSON.stringify({ ScalableTargets: targets }))!, live, { prune });
}

describe('summarizeForConfirmation', () => {
  it('groups by target, names the target once, shows old → new values and what is kept', () => {
    const summary = summarizeForConfirmation(
      plan([
        { ...KEY, MinCapacity: 1, MaxCapacity: 8, ScalingPolicies: [TT(90)], ScheduledActions: [action('morning', 8)] },
        { ...OTHER, MinCapacity: 2, MaxCapacity: 6 },
      ]),
      { file: 'f.scaling.json' },
    );
    assert.equal(summary.complete, true);
    assert.equal(
      summary.text,
      [
        'f.scaling.json: 2 to create, 2 to update, 0 to delete; 1 live object not in the file is kept.',
        '',
        'endpoint/ep/variant/AllTraffic (DesiredInstanceCount)',
        '  ~ MaxCapacity 4 → 8',
        '  ~ policy "invocations": TargetValue 70 → 90',
        '  + scheduled action "morning": cron(0 8 * * ? *) Europe/Berlin → min 2, max 6',
        '  = scheduled action "night" kept (not in the file)',
        'endpoint/other/variant/AllTraffic (DesiredInstanceCount)',
        '  + target: min 2, max 6',
      ].join('\n'),
    );
  });

  it('says what prune deletes', () => {
    const summary = summarizeForConfirmation(plan([{ ...KEY, MinCapacity: 1, MaxCapacity: 4 }], true), {
      file: 'f.scaling.json',
    });
    assert.match(
      summary.text,
      /\n {2}- scheduled action "night" \(prune\)\n {2}- policy "invocations" \(not in the file \(prune\)\)$/,
    );
  });

  it('counts changes per target when the plan is longer than the dialog holds', () => {
    const actions = Array.from({ length: 20 }, (_, i) => action(`a${i}`, i));
    const summary = summarizeForConfirmation(
      plan([
        { ...KEY, MinCapacity: 1, MaxCapacity: 4, ScalingPolicies: [TT(70)], ScheduledActions: actions },
        { ...OTHER, MinCapacity: 2, MaxCapacity: 6 },
      ]),
      { file: 'f.scaling.json', maxLines: 12 },
    );
    assert.equal(summary.complete, false);
    // Targets in the order their first change is sent (registering the new target comes first).
    assert.deepEqual(summary.text.split('\n').slice(2), [
      'endpoint/other/variant/AllTraffic (DesiredInstanceCount): 1 to create',
      'endpoint/ep/variant/AllTraffic (DesiredInstanceCount): 20 to create; 1 kept',
    ]);
  });
});
