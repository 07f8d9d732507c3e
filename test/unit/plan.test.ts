import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { policyAlarms, setPolicyAlarms } from '../../core/plan/alarmActions';
import { desiredFromText } from '../../core/plan/desired';
import type { AlarmSpec, DesiredState, LiveState, LiveTarget } from '../../core/plan/liveState';
import { countChanges, planChanges, RENAME_NOTE, renderPlanText, summarizePlan } from '../../core/plan/plan';
import type { Change, Plan } from '../../core/plan/planTypes';
import { EXAMPLES } from '../paths';
import { liveToDocument } from '../../core/plan/liveDocument';
import { FakeAws } from './fakeAws';
import { liveTargets } from './liveArbitraries';

// The plan, table-driven: each case is a file, a live state and the changes expected, in
// order, written compactly (`putPolicy update invocations [path, …]`). Then the
// normalisations (each next to a real difference), ordering, and idempotence against a
// small simulator of AWS (fakeAws.ts).

/* eslint-disable @typescript-eslint/no-explicit-any -- test data is built as plain JSON objects */

const KEY = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/ep/variant/AllTraffic',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
};
const OTHER_KEY = { ...KEY, ResourceId: 'endpoint/other/variant/AllTraffic' };

const TT = {
  PolicyName: 'invocations',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 70,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    ScaleInCooldown: 300,
    ScaleOutCooldown: 60,
  },
};
const ALARM = {
  AlarmName: 'ep-invocations-high',
  Namespace: 'AWS/SageMaker',
  MetricName: 'InvocationsPerInstance',
  Dimensions: [
    { Name: 'EndpointName', Value: 'ep' },
    { Name: 'VariantName', Value: 'AllTraffic' },
  ],
  Statistic: 'Average',
  Period: 60,
  EvaluationPeriods: 3,
  Threshold: 100,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
};
const STEP = {
  PolicyName: 'steps',
  PolicyType: 'StepScaling',
  StepScalingPolicyConfiguration: {
    AdjustmentType: 'ChangeInCapacity',
    Cooldown: 300,
    StepAdjustments: [
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 50, ScalingAdjustment: 1 },
      { MetricIntervalLowerBound: 50, ScalingAdjustment: 2 },
    ],
  },
  CloudWatchAlarm: ALARM,
};
const GPU_ALARM = { ...ALARM, AlarmName: 'ep-gpu-high', MetricName: 'GPUUtilization', Threshold: 80 };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:scaling-events';
const PAGER = 'arn:aws:sns:us-east-1:123456789012:pager';
const ACTION = {
  ScheduledActionName: 'morning',
  Schedule: 'cron(0 8 ? * MON-FRI *)',
  Timezone: 'Europe/Berlin',
  ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 10 },
};
const TARGET = { ...KEY, MinCapacity: 1, MaxCapacity: 10, ScalingPolicies: [TT, STEP], ScheduledActions: [ACTION] };

/** The table's target with its step policy triggered by these alarms (CloudWatchAlarm for one). */
function withAlarms(alarms: object[]): typeof TARGET {
  return edit(TARGET, (t) => setPolicyAlarms(t.ScalingPolicies[1], alarms as AlarmSpec[]));
}

/** A deep copy of a value, changed by fn. */
function edit<T>(value: T, fn: (copy: any) => void): T {
  const copy = structuredClone(value);
  fn(copy);
  return copy;
}

function desiredOf(...targets: object[]): DesiredState {
  return desiredFromText(JSON.stringify({ ScalableTargets: targets }))!;
}

const arnOf = (name: string) =>
  `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0000:resource/sagemaker/endpoint/ep/variant/AllTraffic:policyName/${name}`;

/** Live targets from plain objects, with the facts AWS would list for their policies. */
function liveOf(...targets: object[]): LiveState {
  return {
    targets: targets.map((t) => {
      const live = structuredClone(t) as any;
      live.ScalingPolicies ??= [];
      live.ScheduledActions ??= [];
      live.policyFacts = {};
      for (const p of live.ScalingPolicies) {
        const alarms =
          p.PolicyType === 'TargetTrackingScaling'
            ? [`TargetTracking-${live.ResourceId}-AlarmHigh-1`, `TargetTracking-${live.ResourceId}-AlarmLow-1`]
            : policyAlarms(p).map((a) => a.AlarmName);
        live.policyFacts[p.PolicyName] = { PolicyARN: arnOf(p.PolicyName), AlarmNames: alarms };
      }
      return live as LiveTarget;
    }),
  };
}

/** A change in one short line, for comparing whole plans. */
function brief(change: Change): string {
  const paths = 'diff' in change && change.diff.length > 0 ? ` [${change.diff.map((d) => d.path).join(', ')}]` : '';
  const how = 'create' in change ? (change.create ? 'create' : 'update') : '';
  switch (change.kind) {
    case 'registerTarget':
      return `registerTarget ${how}${paths}`;
    case 'putPolicy':
      return `putPolicy ${how} ${change.policy.PolicyName}${paths}`;
    case 'deletePolicy':
      return `deletePolicy ${change.policyName}`;
    case 'putAlarm':
      return `putAlarm ${how} ${change.alarm.AlarmName}${paths}`;
    case 'deleteAlarm':
      return `deleteAlarm ${change.alarmName}`;
    case 'putScheduledAction':
      return `putScheduledAction ${how} ${change.action.ScheduledActionName}${paths}`;
    case 'deleteScheduledAction':
      return `deleteScheduledAction ${change.actionName}`;
  }
}

const briefUnmanaged = (plan: Plan) => plan.unmanaged.map((u) => `${u.kind} ${u.name}`);

interface Case {
  name: string;
  file: object[];
  live: object[];
  prune?: boolean;
  changes: string[];
  unmanaged?: string[];
}

const CASES: Case[] = [
  { name: 'nothing to do when live matches the file', file: [TARGET], live: [TARGET], changes: [] },
  {
    name: 'a target AWS does not have: register, then everything under it',
    file: [TARGET],
    live: [],
    changes: [
      'registerTarget create',
      'putPolicy create invocations',
      'putPolicy create steps',
      'putAlarm create ep-invocations-high',
      'putScheduledAction create morning',
    ],
  },
  {
    name: 'MaxCapacity differs',
    file: [
      edit(TARGET, (t) => {
        t.MaxCapacity = 20;
      }),
    ],
    live: [TARGET],
    changes: ['registerTarget update [MaxCapacity]'],
  },
  {
    name: 'MinCapacity and RoleARN differ',
    file: [
      edit(TARGET, (t) => {
        t.MinCapacity = 2;
        t.RoleARN = 'arn:aws:iam::123456789012:role/scaling';
      }),
    ],
    live: [
      edit(TARGET, (t) => {
        t.RoleARN = 'arn:aws:iam::123456789012:role/other';
      }),
    ],
    changes: ['registerTarget update [MinCapacity, RoleARN]'],
  },
  {
    name: 'a suspension the file states',
    file: [
      edit(TARGET, (t) => {
        t.SuspendedState = { DynamicScalingInSuspended: true };
      }),
    ],
    live: [TARGET],
    changes: ['registerTarget update [SuspendedState.DynamicScalingInSuspended]'],
  },
  {
    name: 'a policy member changes',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.ScaleInCooldown = 600;
      }),
    ],
    live: [TARGET],
    changes: ['putPolicy update invocations [TargetTrackingScalingPolicyConfiguration.ScaleInCooldown]'],
  },
  {
    name: 'a new policy',
    file: [TARGET],
    live: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [TT];
      }),
    ],
    changes: ['putPolicy create steps', 'putAlarm create ep-invocations-high'],
  },
  {
    name: 'a live policy the file does not list, prune off: kept and shown',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [TT];
      }),
    ],
    live: [TARGET],
    changes: [],
    unmanaged: ['policy steps'],
  },
  {
    name: 'a live step policy the file does not list, prune on: its alarm goes first, then the policy',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [TT];
      }),
    ],
    live: [TARGET],
    prune: true,
    changes: ['deleteAlarm ep-invocations-high', 'deletePolicy steps'],
  },
  {
    name: 'a live target tracking policy, prune on: deleted, its AWS-owned alarms never',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [STEP];
      }),
    ],
    live: [TARGET],
    prune: true,
    changes: ['deletePolicy invocations'],
  },
  {
    name: 'a rename: create the new name, delete the old one, prune or not',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[0].PolicyName = 'invocations-v2';
      }),
    ],
    live: [TARGET],
    changes: ['putPolicy create invocations-v2', 'deletePolicy invocations'],
  },
  {
    name: 'a renamed step policy keeps its alarm, put again to name the new policy',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].PolicyName = 'steps-v2';
      }),
    ],
    live: [TARGET],
    prune: true,
    changes: ['putPolicy create steps-v2', 'putAlarm update ep-invocations-high', 'deletePolicy steps'],
  },
  {
    name: 'a new name with another configuration is no rename: prune off keeps the old one',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[0].PolicyName = 'other';
        t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue = 80;
      }),
    ],
    live: [TARGET],
    changes: ['putPolicy create other'],
    unmanaged: ['policy invocations'],
  },
  {
    name: 'a type change: delete, then create under the same name, before the alarm is put',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [{ ...STEP, PolicyName: 'invocations' }];
      }),
    ],
    live: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [TT];
      }),
    ],
    changes: [
      'deletePolicy invocations',
      'putPolicy create invocations [PolicyType]',
      'putAlarm create ep-invocations-high',
    ],
  },
  {
    name: 'a step policy without its alarm live: the alarm is created',
    file: [TARGET],
    live: [
      edit(TARGET, (t) => {
        delete t.ScalingPolicies[1].CloudWatchAlarm;
      }),
    ],
    changes: ['putAlarm create ep-invocations-high'],
  },
  {
    name: 'an alarm member changes',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].CloudWatchAlarm.Threshold = 120;
      }),
    ],
    live: [TARGET],
    changes: ['putAlarm update ep-invocations-high [Threshold]'],
  },
  {
    name: 'an alarm member the file drops is a change: PutMetricAlarm overwrites the whole alarm',
    file: [TARGET],
    live: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].CloudWatchAlarm.Unit = 'Count';
      }),
    ],
    changes: ['putAlarm update ep-invocations-high [Unit]'],
  },
  {
    name: 'a changed step policy leaves its unchanged alarm alone (an update keeps the ARN)',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].StepScalingPolicyConfiguration.Cooldown = 600;
      }),
    ],
    live: [TARGET],
    changes: ['putPolicy update steps [StepScalingPolicyConfiguration.Cooldown]'],
  },
  {
    name: 'the file moves a step policy to a new alarm, prune off: the old alarm is shown',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].CloudWatchAlarm.AlarmName = 'new-alarm';
      }),
    ],
    live: [TARGET],
    changes: ['putAlarm create new-alarm'],
    unmanaged: ['alarm ep-invocations-high'],
  },
  {
    name: 'the file moves a step policy to a new alarm, prune on: the old alarm is deleted',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].CloudWatchAlarm.AlarmName = 'new-alarm';
      }),
    ],
    live: [TARGET],
    prune: true,
    changes: ['putAlarm create new-alarm', 'deleteAlarm ep-invocations-high'],
  },
  {
    name: 'a step policy whose alarm is managed elsewhere (none in the file): the live alarm is left alone',
    file: [
      edit(TARGET, (t) => {
        delete t.ScalingPolicies[1].CloudWatchAlarm;
      }),
    ],
    live: [TARGET],
    prune: true,
    changes: [],
  },
  {
    name: 'alarms named TargetTracking-… are never deleted, even when listed for a step policy',
    file: [
      edit(TARGET, (t) => {
        t.ScalingPolicies = [TT];
      }),
    ],
    live: [
      edit(TARGET, (t) => {
        t.ScalingPolicies[1].CloudWatchAlarm.AlarmName = 'TargetTracking-foreign';
      }),
    ],
    prune: true,
    changes: ['deletePolicy steps'],
  },
  {
    name: 'a new scheduled action',
    file: [TARGET],
    live: [
      edit(TARGET, (t) => {
        t.ScheduledActions = [];
      }),
    ],
    changes: ['putScheduledAction create morning'],
  },
  {
    name: 'a scheduled action changes',
    file: [
      edit(TARGET, (t) => {
        t.ScheduledActions[0].ScalableTargetAction.MinCapacity = 3;
      }),
    ],
    live: [TARGET],
    changes: ['putScheduledAction update morning [ScalableTargetAction.MinCapacity]'],
  },
  {
    name: 'a live scheduled action the file does not list, prune off',
    file: [
      edit(TARGET, (t) => {
        t.ScheduledActions = [];
      }),
    ],
    live: [TARGET],
    changes: [],
    unmanaged: ['scheduledAction morning'],
  },
  {
    name: 'a live scheduled action the file does not list, prune on',
    file: [
      edit(TARGET, (t) => {
        t.ScheduledActions = [];
      }),
    ],
    live: [TARGET],
    prune: true,
    changes: ['deleteScheduledAction morning'],
  },
  {
    name: 'a live StartTime the file does not have is a change (a put without it deletes it)',
    file: [TARGET],
    live: [
      edit(TARGET, (t) => {
        t.ScheduledActions[0].StartTime = '2026-01-01T00:00:00.000Z';
      }),
    ],
    changes: ['putScheduledAction update morning [StartTime]'],
  },
  {
    name: 'targets the file does not list are untouched, even with prune',
    file: [TARGET],
    live: [TARGET, { ...OTHER_KEY, MinCapacity: 1, MaxCapacity: 2, ScalingPolicies: [TT], ScheduledActions: [ACTION] }],
    prune: true,
    changes: [],
  },
  {
    name: 'several alarms on one policy, as in the file: nothing to do',
    file: [withAlarms([ALARM, GPU_ALARM])],
    live: [withAlarms([ALARM, GPU_ALARM])],
    changes: [],
  },
  {
    name: 'a second alarm added to a policy: created; the first left alone',
    file: [withAlarms([ALARM, GPU_ALARM])],
    live: [TARGET],
    changes: ['putAlarm create ep-gpu-high'],
  },
  {
    name: 'one of several alarms changes: only that one is put',
    file: [withAlarms([ALARM, { ...GPU_ALARM, Threshold: 90 }])],
    live: [withAlarms([ALARM, GPU_ALARM])],
    changes: ['putAlarm update ep-gpu-high [Threshold]'],
  },
  {
    name: 'an alarm dropped from CloudWatchAlarms that still triggers the policy, prune off: shown, kept',
    file: [TARGET],
    live: [withAlarms([ALARM, GPU_ALARM])],
    changes: [],
    unmanaged: ['alarm ep-gpu-high'],
  },
  {
    name: 'an alarm dropped from CloudWatchAlarms that still triggers the policy, prune on: deleted',
    file: [TARGET],
    live: [withAlarms([ALARM, GPU_ALARM])],
    prune: true,
    changes: ['deleteAlarm ep-gpu-high'],
  },
  {
    name: 'an SNS topic added beside the policy: the alarm is put',
    file: [withAlarms([{ ...ALARM, AlarmActions: [TOPIC] }])],
    live: [TARGET],
    changes: ['putAlarm update ep-invocations-high [AlarmActions]'],
  },
  {
    name: 'a live SNS topic the file leaves out is a change: PutMetricAlarm replaces every list',
    file: [TARGET],
    live: [withAlarms([{ ...ALARM, AlarmActions: [TOPIC] }])],
    changes: ['putAlarm update ep-invocations-high [AlarmActions]'],
  },
  {
    name: 'the other actions compare as sets: their order is no change',
    file: [withAlarms([{ ...ALARM, OKActions: [TOPIC, PAGER] }])],
    live: [withAlarms([{ ...ALARM, OKActions: [PAGER, TOPIC] }])],
    changes: [],
  },
  {
    name: 'TriggerPolicyOn ALARM, written or not, is one thing',
    file: [withAlarms([{ ...ALARM, TriggerPolicyOn: 'ALARM' }])],
    live: [TARGET],
    changes: [],
  },
  {
    name: 'the trigger moves from ALARM to OK',
    file: [withAlarms([{ ...ALARM, TriggerPolicyOn: 'OK' }])],
    live: [TARGET],
    changes: ['putAlarm update ep-invocations-high [TriggerPolicyOn]'],
  },
  {
    name: 'a list of states in another order is the same trigger',
    file: [withAlarms([{ ...ALARM, TriggerPolicyOn: ['OK', 'ALARM'] }])],
    live: [withAlarms([{ ...ALARM, TriggerPolicyOn: ['ALARM', 'OK'] }])],
    changes: [],
  },
  {
    name: 'every kind at once, in apply order',
    file: [
      edit(TARGET, (t) => {
        t.MaxCapacity = 12;
        t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue = 75;
        t.ScalingPolicies[1].CloudWatchAlarm.Threshold = 110;
        t.ScheduledActions[0].Schedule = 'cron(0 7 ? * MON-FRI *)';
      }),
      {
        ...OTHER_KEY,
        MinCapacity: 1,
        MaxCapacity: 3,
        ScalingPolicies: [{ ...STEP, CloudWatchAlarm: { ...ALARM, AlarmName: 'other-high' } }],
      },
    ],
    live: [
      edit(TARGET, (t) => {
        t.ScalingPolicies.push({
          ...STEP,
          PolicyName: 'legacy',
          CloudWatchAlarm: { ...ALARM, AlarmName: 'legacy-alarm' },
        });
        t.ScheduledActions.push({ ...ACTION, ScheduledActionName: 'old' });
      }),
    ],
    prune: true,
    changes: [
      'registerTarget update [MaxCapacity]',
      'registerTarget create',
      'putPolicy update invocations [TargetTrackingScalingPolicyConfiguration.TargetValue]',
      'putPolicy create steps',
      'putAlarm update ep-invocations-high [Threshold]',
      'putAlarm create other-high',
      'putScheduledAction update morning [Schedule]',
      'deleteScheduledAction old',
      'deleteAlarm legacy-alarm',
      'deletePolicy legacy',
    ],
  },
];

describe('planChanges: change kinds', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const plan = planChanges(desiredOf(...c.file), liveOf(...c.live), { prune: c.prune ?? false });
      assert.deepEqual(plan.changes.map(brief), c.changes);
      assert.deepEqual(briefUnmanaged(plan), c.unmanaged ?? []);
    });
  }
});

describe('planChanges: what the changes carry', () => {
  it('a create registers with all the file states, Tags included', () => {
    const plan = planChanges(
      desiredOf(
        edit(TARGET, (t) => {
          t.Tags = { team: 'ml' };
        }),
      ),
      { targets: [] },
      { prune: false },
    );
    const change = plan.changes[0]!;
    assert.equal(change.kind, 'registerTarget');
    assert.deepEqual(change.kind === 'registerTarget' && change.settings, {
      MinCapacity: 1,
      MaxCapacity: 10,
      Tags: { team: 'ml' },
    });
  });

  it('an update sends what the file states, a partial SuspendedState completed from live', () => {
    const file = edit(TARGET, (t) => {
      t.MaxCapacity = 20;
      t.SuspendedState = { DynamicScalingInSuspended: true };
    });
    const live = edit(TARGET, (t) => {
      t.SuspendedState = { ScheduledScalingSuspended: true };
    });
    const [change] = planChanges(desiredOf(file), liveOf(live), { prune: false }).changes;
    assert.ok(change?.kind === 'registerTarget' && !change.create);
    assert.deepEqual(change.settings, {
      MinCapacity: 1,
      MaxCapacity: 20,
      SuspendedState: {
        DynamicScalingInSuspended: true,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: true,
      },
    });
    assert.deepEqual(change.diff, [
      { path: 'MaxCapacity', live: 10, desired: 20 },
      { path: 'SuspendedState.DynamicScalingInSuspended', live: false, desired: true },
    ]);
  });

  it('a policy put carries no alarm, and the alarm put no AlarmActions', () => {
    const plan = planChanges(desiredOf(TARGET), { targets: [] }, { prune: false });
    for (const change of plan.changes) {
      if (change.kind === 'putPolicy') assert.equal('CloudWatchAlarm' in change.policy, false);
      if (change.kind === 'putAlarm') {
        assert.equal('AlarmActions' in change.alarm, false);
        assert.equal(change.policyName, 'steps');
      }
    }
  });

  it('both halves of a rename say why', () => {
    const plan = planChanges(
      desiredOf(
        edit(TARGET, (t) => {
          t.ScalingPolicies[0].PolicyName = 'v2';
        }),
      ),
      liveOf(TARGET),
      { prune: false },
    );
    const notes = plan.changes.map((c) => ('note' in c ? c.note : undefined));
    assert.equal(notes.filter((n) => n?.startsWith(RENAME_NOTE)).length, 2);
    assert.match(notes[0]!, /renamed from "invocations"/);
    assert.match(notes[1]!, /renamed to "v2"/);
  });

  it('a type change says so on both halves', () => {
    const plan = planChanges(
      desiredOf(
        edit(TARGET, (t) => {
          t.ScalingPolicies = [{ ...STEP, PolicyName: 'invocations' }];
        }),
      ),
      liveOf(
        edit(TARGET, (t) => {
          t.ScalingPolicies = [TT];
        }),
      ),
      { prune: false },
    );
    for (const change of plan.changes.slice(0, 2))
      assert.match(
        'note' in change ? (change.note ?? '') : '',
        /TargetTrackingScaling → StepScaling.*delete \+ create/,
      );
  });

  it('a scheduled action put always re-sends StartTime and EndTime, as UTC instants', () => {
    const file = edit(TARGET, (t) => {
      Object.assign(t.ScheduledActions[0], {
        StartTime: '2026-01-01T09:00:00',
        EndTime: '2027-01-01T00:00:00+01:00',
        Schedule: 'cron(0 9 ? * MON-FRI *)',
      });
    });
    const live = edit(TARGET, (t) => {
      Object.assign(t.ScheduledActions[0], { StartTime: '2026-01-01T09:00:00.000Z', EndTime: '2026-12-31T23:00:00Z' });
    });
    const [change] = planChanges(desiredOf(file), liveOf(live), { prune: false }).changes;
    assert.ok(change?.kind === 'putScheduledAction');
    assert.deepEqual(
      change.diff.map((d) => d.path),
      ['Schedule'],
    );
    assert.equal(change.action.StartTime, '2026-01-01T09:00:00.000Z');
    assert.equal(change.action.EndTime, '2026-12-31T23:00:00.000Z');
  });

  it('a file without Timezone puts UTC when AWS has another zone', () => {
    const file = edit(TARGET, (t) => {
      delete t.ScheduledActions[0].Timezone;
    });
    const [change] = planChanges(desiredOf(file), liveOf(TARGET), { prune: false }).changes;
    assert.ok(change?.kind === 'putScheduledAction');
    assert.deepEqual(change.diff, [{ path: 'Timezone', live: 'Europe/Berlin', desired: 'UTC' }]);
    assert.equal(change.action.Timezone, 'UTC');
  });

  it('an alarm that triggers another policy now is put again', () => {
    const live = edit(TARGET, (t) => {
      t.ScalingPolicies.push({ ...STEP, PolicyName: 'steps-2', CloudWatchAlarm: { ...ALARM, AlarmName: 'other' } });
    });
    const file = edit(live, (t) => {
      t.ScalingPolicies[1].CloudWatchAlarm = { ...ALARM, AlarmName: 'other' };
      t.ScalingPolicies[2].CloudWatchAlarm = ALARM;
    });
    const plan = planChanges(desiredOf(file), liveOf(live), { prune: true });
    assert.deepEqual(plan.changes.map(brief), [
      'putAlarm update other [TriggerPolicyOn, AlarmActions]',
      'putAlarm update ep-invocations-high [TriggerPolicyOn, AlarmActions]',
    ]);
    // Each alarm names the other policy's ARN: to this policy, another action, and no trigger.
    const [first] = plan.changes;
    assert.ok(first?.kind === 'putAlarm');
    assert.deepEqual(first.diff, [
      { path: 'TriggerPolicyOn', live: undefined, desired: 'ALARM' },
      { path: 'AlarmActions', live: [arnOf('steps-2')], desired: undefined },
    ]);
    assert.match(first.note ?? '', /another policy/);
    assert.deepEqual(plan.unmanaged, []);
  });

  it("a policy several alarms trigger: the file's alarm is compared from the live list, the others are not in the file", () => {
    // As DescribeAlarms has them: the policy's ARN in AlarmActions.
    const second = { ...ALARM, AlarmName: 'zz-second', Threshold: 90, AlarmActions: [arnOf('steps')] };
    const live = liveOf(TARGET);
    live.targets[0]!.policyFacts.steps!.AlarmNames = [ALARM.AlarmName, second.AlarmName];
    live.alarms = [{ ...structuredClone(ALARM), AlarmActions: [arnOf('steps')] }, second];
    const file = edit(TARGET, (t) => {
      t.ScalingPolicies[1].CloudWatchAlarm = { ...ALARM, AlarmName: 'zz-second', Threshold: 95 };
    });
    const kept = planChanges(desiredOf(file), live, { prune: false });
    assert.deepEqual(kept.changes.map(brief), ['putAlarm update zz-second [Threshold]']);
    assert.deepEqual(briefUnmanaged(kept), ['alarm ep-invocations-high']);
    const pruned = planChanges(desiredOf(file), live, { prune: true });
    assert.deepEqual(pruned.changes.map(brief), [
      'putAlarm update zz-second [Threshold]',
      'deleteAlarm ep-invocations-high',
    ]);
  });

  it('an alarm AWS lists for the policy but whose configuration was not read is put again', () => {
    const live = liveOf(
      edit(TARGET, (t) => {
        delete t.ScalingPolicies[1].CloudWatchAlarm;
      }),
    );
    live.targets[0]!.policyFacts.steps!.AlarmNames = [ALARM.AlarmName];
    const [change] = planChanges(desiredOf(TARGET), live, { prune: false }).changes;
    assert.ok(change?.kind === 'putAlarm' && !change.create);
    assert.match(change.note ?? '', /not read/);
  });

  it('an alarm whose live actions do not name the policy is put again', () => {
    const live = liveOf(TARGET);
    (live.targets[0]!.ScalingPolicies[1]!.CloudWatchAlarm as Record<string, unknown>).AlarmActions = ['arn:elsewhere'];
    const plan = planChanges(desiredOf(TARGET), live, { prune: false });
    assert.deepEqual(plan.changes.map(brief), ['putAlarm update ep-invocations-high [AlarmActions]']);
  });
});

// Each normalisation: a pair that differs only by it plans nothing; the case beside it,
// with a real difference, plans exactly one change.
interface NormalisationCase {
  name: string;
  /** The file, as text or as targets. */
  file: string | object[];
  live: object[];
  /** A file or live state that differs for real, next to the equal one. */
  different: { file?: string | object[]; live?: object[] };
}

const fileText = (targets: object[]) => JSON.stringify({ ScalableTargets: targets }, null, 2);
const ttWith = (config: object) =>
  edit(TARGET, (t) => {
    Object.assign(t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration, config);
  });
const stepWith = (config: object) =>
  edit(TARGET, (t) => {
    Object.assign(t.ScalingPolicies[1].StepScalingPolicyConfiguration, config);
  });
const alarmWith = (alarm: object) =>
  edit(TARGET, (t) => {
    Object.assign(t.ScalingPolicies[1].CloudWatchAlarm, alarm);
  });
const actionWith = (action: object) =>
  edit(TARGET, (t) => {
    Object.assign(t.ScheduledActions[0], action);
  });
const without = (fn: (t: any) => void) => edit(TARGET, fn);

const NORMALISATIONS: NormalisationCase[] = [
  {
    name: 'numbers compare as values: 70.0 in the file is 70',
    file: fileText([TARGET]).replace('"TargetValue": 70', '"TargetValue": 70.0'),
    live: [TARGET],
    different: { file: fileText([TARGET]).replace('"TargetValue": 70', '"TargetValue": 70.5') },
  },
  {
    name: 'comments and trailing commas change nothing',
    file: `// header\n${fileText([TARGET])
      .replace('"MinCapacity": 1,', '"MinCapacity": 1, // floor')
      .replace(/}\s*]\s*}\s*$/, '},\n]\n}')}`,
    live: [TARGET],
    different: {
      file: `// header\n${fileText([
        edit(TARGET, (t) => {
          t.MinCapacity = 2;
        }),
      ])}`,
    },
  },
  {
    name: 'SuspendedState members AWS reports as false equal a file that leaves them out',
    file: [
      edit(TARGET, (t) => {
        t.SuspendedState = { DynamicScalingInSuspended: false };
      }),
    ],
    live: [
      edit(TARGET, (t) => {
        t.SuspendedState = {
          DynamicScalingInSuspended: false,
          DynamicScalingOutSuspended: false,
          ScheduledScalingSuspended: false,
        };
      }),
    ],
    different: {
      live: [
        edit(TARGET, (t) => {
          t.SuspendedState = {
            DynamicScalingInSuspended: true,
            DynamicScalingOutSuspended: false,
            ScheduledScalingSuspended: false,
          };
        }),
      ],
    },
  },
  {
    name: 'a SuspendedState AWS does not report is all false',
    file: [
      edit(TARGET, (t) => {
        t.SuspendedState = { ScheduledScalingSuspended: false };
      }),
    ],
    live: [TARGET],
    different: {
      file: [
        edit(TARGET, (t) => {
          t.SuspendedState = { ScheduledScalingSuspended: true };
        }),
      ],
    },
  },
  {
    name: 'DisableScaleIn false is the default',
    file: [TARGET],
    live: [ttWith({ DisableScaleIn: false })],
    different: { live: [ttWith({ DisableScaleIn: true })] },
  },
  {
    name: 'MetricAggregationType Average is the default',
    file: [TARGET],
    live: [stepWith({ MetricAggregationType: 'Average' })],
    different: { live: [stepWith({ MetricAggregationType: 'Maximum' })] },
  },
  {
    name: 'a member the file leaves out is not compared (a TT cooldown AWS reports)',
    file: [
      without((t) => {
        delete t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.ScaleInCooldown;
      }),
    ],
    live: [ttWith({ ScaleInCooldown: 900 })],
    different: { file: [ttWith({ ScaleInCooldown: 600 })] },
  },
  {
    name: 'a MinCapacity the file leaves out is kept by RegisterScalableTarget, so not compared',
    file: [
      without((t) => {
        delete t.MinCapacity;
      }),
    ],
    live: [TARGET],
    different: {
      file: [
        without((t) => {
          t.MinCapacity = 0;
        }),
      ],
    },
  },
  {
    name: 'a service-linked RoleARN AWS assigns equals a file without RoleARN',
    file: [TARGET],
    live: [
      edit(TARGET, (t) => {
        t.RoleARN =
          'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint';
      }),
    ],
    different: {
      file: [
        edit(TARGET, (t) => {
          t.RoleARN = 'arn:aws:iam::123456789012:role/mine';
        }),
      ],
    },
  },
  {
    name: 'timestamps compare as instants: Z, .000Z and +01:00 forms',
    file: [actionWith({ StartTime: '2026-01-01T00:00:00Z', EndTime: '2026-06-01T01:00:00+01:00' })],
    live: [actionWith({ StartTime: '2026-01-01T00:00:00.000Z', EndTime: '2026-06-01T00:00:00.000Z' })],
    different: { file: [actionWith({ StartTime: '2026-01-01T00:00:01Z', EndTime: '2026-06-01T01:00:00+01:00' })] },
  },
  {
    name: 'a time without offset is UTC, as AWS reads it',
    file: [actionWith({ StartTime: '2026-01-01T08:00:00' })],
    live: [actionWith({ StartTime: '2026-01-01T08:00:00.000Z' })],
    different: { live: [actionWith({ StartTime: '2026-01-01T07:00:00.000Z' })] },
  },
  {
    name: 'no Timezone is UTC',
    file: [
      without((t) => {
        delete t.ScheduledActions[0].Timezone;
      }),
    ],
    live: [actionWith({ Timezone: 'UTC' })],
    different: { live: [actionWith({ Timezone: 'Europe/London' })] },
  },
  {
    name: 'alarm dimensions are a set',
    file: [TARGET],
    live: [alarmWith({ Dimensions: [...ALARM.Dimensions].reverse() })],
    different: {
      live: [
        alarmWith({
          Dimensions: [
            { Name: 'VariantName', Value: 'Other' },
            { Name: 'EndpointName', Value: 'ep' },
          ],
        }),
      ],
    },
  },
  {
    name: 'customized metric dimensions are a set',
    file: [
      ttWith({
        PredefinedMetricSpecification: undefined,
        CustomizedMetricSpecification: {
          MetricName: 'M',
          Namespace: 'N',
          Statistic: 'Average',
          Dimensions: [
            { Name: 'a', Value: '1' },
            { Name: 'b', Value: '2' },
          ],
        },
      }),
    ],
    live: [
      ttWith({
        PredefinedMetricSpecification: undefined,
        CustomizedMetricSpecification: {
          MetricName: 'M',
          Namespace: 'N',
          Statistic: 'Average',
          Dimensions: [
            { Name: 'b', Value: '2' },
            { Name: 'a', Value: '1' },
          ],
        },
      }),
    ],
    different: {
      live: [
        ttWith({
          PredefinedMetricSpecification: undefined,
          CustomizedMetricSpecification: {
            MetricName: 'M',
            Namespace: 'N',
            Statistic: 'Average',
            Dimensions: [
              { Name: 'b', Value: '3' },
              { Name: 'a', Value: '1' },
            ],
          },
        }),
      ],
    },
  },
  {
    name: 'alarm defaults and describe extras: ActionsEnabled, empty lists, TreatMissingData, DatapointsToAlarm, state',
    file: [TARGET],
    live: [
      alarmWith({
        ActionsEnabled: true,
        OKActions: [],
        InsufficientDataActions: [],
        TreatMissingData: 'missing',
        DatapointsToAlarm: 3,
        StateValue: 'OK',
        AlarmArn: 'arn:aws:cloudwatch:x',
        AlarmConfigurationUpdatedTimestamp: '2026-01-01T00:00:00Z',
      }),
    ],
    different: { live: [alarmWith({ DatapointsToAlarm: 2 })] },
  },
  {
    name: "an alarm's notification ARNs are a set",
    file: [alarmWith({ OKActions: ['arn:b', 'arn:a'] })],
    live: [alarmWith({ OKActions: ['arn:a', 'arn:b'] })],
    different: { live: [alarmWith({ OKActions: ['arn:a'] })] },
  },
  {
    name: 'alarm Tags are not compared (DescribeAlarms does not return them)',
    file: [alarmWith({ Tags: [{ Key: 'team', Value: 'ml' }] })],
    live: [TARGET],
    different: { file: [alarmWith({ Tags: [{ Key: 'team', Value: 'ml' }], Period: 300 })] },
  },
  {
    name: 'target Tags are not compared (applied on creation only)',
    file: [
      edit(TARGET, (t) => {
        t.Tags = { team: 'ml' };
      }),
    ],
    live: [TARGET],
    different: {
      file: [
        edit(TARGET, (t) => {
          t.Tags = { team: 'ml' };
          t.MaxCapacity = 11;
        }),
      ],
    },
  },
  {
    name: 'read-only members pasted from describe output are ignored',
    file: [
      edit(TARGET, (t) => {
        Object.assign(t, { ScalableTargetARN: 'arn:t', CreationTime: '2026-01-01T00:00:00Z', PredictedCapacity: 3 });
        Object.assign(t.ScalingPolicies[0], {
          PolicyARN: 'arn:p',
          Alarms: [{ AlarmName: 'TargetTracking-x', AlarmARN: 'arn:a' }],
          CreationTime: '2026-01-01T00:00:00Z',
          ...KEY,
        });
        Object.assign(t.ScheduledActions[0], {
          ScheduledActionARN: 'arn:s',
          CreationTime: '2026-01-01T00:00:00Z',
          ...KEY,
        });
      }),
    ],
    live: [TARGET],
    different: {
      file: [
        edit(TARGET, (t) => {
          t.ScalingPolicies[0].PolicyARN = 'arn:p';
          t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue = 71;
        }),
      ],
    },
  },
  {
    name: 'empty strings and lists in describe output mean "not set"',
    file: [
      ttWith({
        PredefinedMetricSpecification: undefined,
        CustomizedMetricSpecification: { MetricName: 'M', Namespace: 'N', Statistic: 'Average' },
      }),
    ],
    live: [
      ttWith({
        PredefinedMetricSpecification: undefined,
        CustomizedMetricSpecification: {
          MetricName: 'M',
          Namespace: 'N',
          Statistic: 'Average',
          Dimensions: [],
          Unit: '',
        },
      }),
    ],
    different: {
      file: [
        ttWith({
          PredefinedMetricSpecification: undefined,
          CustomizedMetricSpecification: { MetricName: 'M', Namespace: 'N', Statistic: 'Average', Unit: 'Count' },
        }),
      ],
    },
  },
];

describe('planChanges: normalisations', () => {
  for (const c of NORMALISATIONS) {
    it(c.name, () => {
      const desired = (file: string | object[]) =>
        typeof file === 'string' ? desiredFromText(file)! : desiredOf(...file);
      const same = planChanges(desired(c.file), liveOf(...c.live), { prune: true });
      assert.deepEqual(same.changes.map(brief), [], 'equal up to the normalisation');
      assert.deepEqual(same.unmanaged, []);
      const other = planChanges(desired(c.different.file ?? c.file), liveOf(...(c.different.live ?? c.live)), {
        prune: true,
      });
      assert.equal(
        other.changes.length,
        1,
        `one change for a real difference, got ${JSON.stringify(other.changes.map(brief))}`,
      );
    });
  }

  it('a step bound the file leaves out is an open interval, not "don\'t care"', () => {
    const live = stepWith({
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 50, ScalingAdjustment: 1 },
        { MetricIntervalLowerBound: 50, MetricIntervalUpperBound: 80, ScalingAdjustment: 2 },
      ],
    });
    const plan = planChanges(desiredOf(TARGET), liveOf(live), { prune: false });
    assert.deepEqual(plan.changes.map(brief), [
      'putPolicy update steps [StepScalingPolicyConfiguration.StepAdjustments[1].MetricIntervalUpperBound]',
    ]);
  });

  it('step adjustments compare in the order written', () => {
    const reversed = stepWith({ StepAdjustments: [...STEP.StepScalingPolicyConfiguration.StepAdjustments].reverse() });
    assert.equal(planChanges(desiredOf(reversed), liveOf(TARGET), { prune: false }).changes[0]?.kind, 'putPolicy');
  });

  it('a predefined metric in the file against a customized one live is a change', () => {
    const live = ttWith({
      PredefinedMetricSpecification: undefined,
      CustomizedMetricSpecification: { MetricName: 'M', Namespace: 'N', Statistic: 'Average' },
    });
    const plan = planChanges(desiredOf(TARGET), liveOf(live), { prune: false });
    assert.deepEqual(plan.changes.map(brief), [
      'putPolicy update invocations [TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification, TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification]',
    ]);
  });
});

describe('planChanges: idempotence against a simulated AWS', () => {
  const files: [string, string][] = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.scaling.json'))
    .map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')]);
  files.push([
    "the table's target",
    fileText([
      TARGET,
      {
        ...OTHER_KEY,
        MinCapacity: 1,
        MaxCapacity: 4,
        ScalingPolicies: [{ ...STEP, CloudWatchAlarm: { ...ALARM, AlarmName: 'other-high' } }],
      },
    ]),
  ]);
  files.push([
    'several alarms, other actions and triggers',
    fileText([
      withAlarms([
        { ...ALARM, AlarmActions: [TOPIC], OKActions: [PAGER] },
        { ...GPU_ALARM, TriggerPolicyOn: ['ALARM', 'OK'] },
        { ...ALARM, AlarmName: 'ep-backlog-ok', TriggerPolicyOn: 'OK', InsufficientDataActions: [PAGER] },
      ]),
    ]),
  ]);
  files.push([
    'times, zones and tags',
    fileText([
      edit(TARGET, (t) => {
        t.Tags = { team: 'ml' };
        t.SuspendedState = { ScheduledScalingSuspended: false };
        t.ScheduledActions.push({
          ScheduledActionName: 'window',
          Schedule: 'rate(1 day)',
          StartTime: '2030-01-01T00:00:00',
          EndTime: '2031-01-01T00:00:00+02:00',
          ScalableTargetAction: { MaxCapacity: 8 },
        });
      }),
    ]),
  ]);

  for (const [name, text] of files) {
    it(`${name}: apply, then the plan is empty`, () => {
      const desired = desiredFromText(text)!;
      const aws = new FakeAws();
      aws.apply(planChanges(desired, aws.live(), { prune: false }).changes);
      const again = planChanges(desired, aws.live(desired.targets), { prune: true });
      assert.deepEqual(again.changes.map(brief), []);
      assert.deepEqual(again.unmanaged, []);
    });
  }

  const STEPS: { name: string; from: object[]; to: object[] }[] = [
    {
      name: 'a rename',
      from: [TARGET],
      to: [
        edit(TARGET, (t) => {
          t.ScalingPolicies[1].PolicyName = 'steps-v2';
        }),
      ],
    },
    {
      name: 'a type change',
      from: [TARGET],
      to: [
        edit(TARGET, (t) => {
          t.ScalingPolicies = [{ ...STEP, PolicyName: 'invocations' }];
        }),
      ],
    },
    {
      name: 'a type change back',
      from: [
        edit(TARGET, (t) => {
          t.ScalingPolicies = [{ ...STEP, PolicyName: 'invocations' }];
        }),
      ],
      to: [TARGET],
    },
    { name: 'a new alarm name', from: [TARGET], to: [alarmWith({ AlarmName: 'renamed-alarm' })] },
    { name: 'a second alarm', from: [TARGET], to: [withAlarms([ALARM, GPU_ALARM])] },
    { name: 'back to one alarm', from: [withAlarms([ALARM, GPU_ALARM])], to: [withAlarms([GPU_ALARM])] },
    {
      name: 'an SNS topic beside the policy, and the trigger moved to OK',
      from: [withAlarms([ALARM, GPU_ALARM])],
      to: [
        withAlarms([
          { ...ALARM, AlarmActions: [TOPIC] },
          { ...GPU_ALARM, TriggerPolicyOn: 'OK' },
        ]),
      ],
    },
    {
      name: 'a topic dropped and the trigger back to ALARM',
      from: [withAlarms([{ ...ALARM, AlarmActions: [TOPIC], TriggerPolicyOn: ['ALARM', 'INSUFFICIENT_DATA'] }])],
      to: [TARGET],
    },
    { name: 'a changed step policy', from: [TARGET], to: [stepWith({ Cooldown: 600 })] },
    { name: 'times dropped from an action', from: [actionWith({ StartTime: '2030-01-01T00:00:00Z' })], to: [TARGET] },
    {
      name: 'a Timezone dropped',
      from: [TARGET],
      to: [
        without((t) => {
          delete t.ScheduledActions[0].Timezone;
        }),
      ],
    },
    {
      name: 'a suspension lifted',
      from: [
        edit(TARGET, (t) => {
          t.SuspendedState = { DynamicScalingInSuspended: true };
        }),
      ],
      to: [
        edit(TARGET, (t) => {
          t.SuspendedState = { DynamicScalingInSuspended: false };
        }),
      ],
    },
    {
      name: 'everything removed',
      from: [TARGET],
      to: [
        without((t) => {
          t.ScalingPolicies = [];
          t.ScheduledActions = [];
        }),
      ],
    },
  ];
  for (const step of STEPS) {
    for (const prune of [false, true]) {
      it(`${step.name}, prune ${prune ? 'on' : 'off'}: apply, then the plan has no change`, () => {
        const aws = new FakeAws();
        aws.apply(planChanges(desiredOf(...step.from), aws.live(), { prune }).changes);
        const desired = desiredOf(...step.to);
        const plan = planChanges(desired, aws.live(desired.targets), { prune });
        // Without prune, what the file drops is only shown.
        if (prune || !['everything removed', 'back to one alarm'].includes(step.name))
          assert.ok(plan.changes.length > 0, 'the step changes something');
        if (!prune && step.name === 'back to one alarm')
          assert.deepEqual(briefUnmanaged(plan), ['alarm ep-invocations-high']);
        aws.apply(plan.changes);
        const again = planChanges(desired, aws.live(desired.targets), { prune });
        assert.deepEqual(again.changes.map(brief), []);
        if (prune) assert.deepEqual(again.unmanaged, []);
      });
    }
  }

  it("prune leaves no alarm of the file's step policies behind, and never touches others", () => {
    const aws = new FakeAws();
    aws.apply(planChanges(desiredOf(TARGET), aws.live(), { prune: false }).changes);
    const desired = desiredOf(
      without((t) => {
        t.ScalingPolicies = [];
      }),
    );
    aws.apply(planChanges(desired, aws.live(desired.targets), { prune: true }).changes);
    assert.deepEqual(aws.alarmNames(), []);
  });

  it('from any file applied to any other file: apply, then the plan is empty (300 pairs)', () => {
    // Two generated set-ups over a few shared names, so the second updates, renames, retypes
    // and drops what the first created, each written as fetch would write it.
    // AWS holds no target without its bounds (registering one needs both).
    const names = fc.constantFrom('a', 'b', 'c');
    const setUp = liveTargets(names).map((targets) =>
      targets.map((t) => ({ ...t, MinCapacity: t.MinCapacity ?? 1, MaxCapacity: t.MaxCapacity ?? 10 })),
    );
    const asFile = (targets: LiveTarget[]) =>
      desiredFromText(liveToDocument(targets, { region: 'us-east-1', header: 'generated' }))!;
    // What the pairs exercised, so a generator that stopped making them fails here.
    const seen = { severalAlarms: 0, otherActions: 0, triggerNotAlarm: 0 };
    const count = (desired: DesiredState) => {
      for (const policy of desired.targets.flatMap((t) => t.ScalingPolicies)) {
        const alarms = policyAlarms(policy);
        if (alarms.length > 1) seen.severalAlarms++;
        if (alarms.some((a) => a.AlarmActions || a.OKActions || a.InsufficientDataActions)) seen.otherActions++;
        if (alarms.some((a) => a.TriggerPolicyOn !== undefined)) seen.triggerNotAlarm++;
      }
    };
    fc.assert(
      fc.property(setUp, setUp, fc.boolean(), (first, second, prune) => {
        const aws = new FakeAws();
        aws.apply(planChanges(asFile(first), aws.live(), { prune: false }).changes);
        const desired = asFile(second);
        count(desired);
        aws.apply(planChanges(desired, aws.live(desired.targets), { prune }).changes);
        const again = planChanges(desired, aws.live(desired.targets), { prune });
        assert.deepEqual(again.changes.map(brief), []);
        if (prune) assert.deepEqual(briefUnmanaged(again), []);
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261129) },
    );
    assert.ok(seen.severalAlarms > 20 && seen.otherActions > 20 && seen.triggerNotAlarm > 20, JSON.stringify(seen));
  });

  it('nothing changed, nothing sent', () => {
    const aws = new FakeAws();
    const desired = desiredOf(TARGET);
    aws.apply(planChanges(desired, aws.live(), { prune: false }).changes);
    const before = aws.calls.length;
    aws.apply(planChanges(desired, aws.live(), { prune: true }).changes);
    assert.equal(aws.calls.length, before);
  });
});

describe('the plan for people', () => {
  const plan = planChanges(
    desiredOf(
      edit(TARGET, (t) => {
        t.MaxCapacity = 20;
        t.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.ScaleInCooldown = 600;
        t.ScalingPolicies[1].PolicyName = 'steps-v2';
        t.ScheduledActions = [];
      }),
    ),
    liveOf(
      edit(TARGET, (t) => {
        t.ScalingPolicies.push({
          ...TT,
          PolicyName: 'legacy',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 5,
            PredefinedMetricSpecification: {
              PredefinedMetricType: 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
            },
          },
        });
      }),
    ),
    { prune: false },
  );

  it('renders a terraform-like diff, grouped by target', () => {
    const text = renderPlanText(plan);
    assert.equal(
      text,
      [
        'Plan: 1 to create, 3 to update, 1 to delete.',
        '2 live objects are not in the file and kept (prune to delete).',
        '',
        'endpoint/ep/variant/AllTraffic (sagemaker:variant:DesiredInstanceCount)',
        '  ~ update target',
        '      MaxCapacity: 10 → 20',
        '  ~ update policy "invocations"',
        '      TargetTrackingScalingPolicyConfiguration.ScaleInCooldown: 300 → 600',
        `  + create policy "steps-v2" (${RENAME_NOTE} (renamed from "steps"))`,
        '      PolicyType: "StepScaling"',
        '      StepScalingPolicyConfiguration.AdjustmentType: "ChangeInCapacity"',
        '      StepScalingPolicyConfiguration.StepAdjustments[0].MetricIntervalLowerBound: 0',
        '      StepScalingPolicyConfiguration.StepAdjustments[0].MetricIntervalUpperBound: 50',
        '      StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustment: 1',
        '      StepScalingPolicyConfiguration.StepAdjustments[1].MetricIntervalLowerBound: 50',
        '      StepScalingPolicyConfiguration.StepAdjustments[1].ScalingAdjustment: 2',
        '      StepScalingPolicyConfiguration.Cooldown: 300',
        '  ~ put again alarm "ep-invocations-high" for policy "steps-v2" (its policy is created anew, so the alarm must name the new ARN)',
        `  - delete policy "steps" (${RENAME_NOTE} (renamed to "steps-v2"))`,
        '  ? policy "legacy" is live but not in the file: kept',
        '  ? scheduled action "morning" is live but not in the file: kept',
        '',
      ].join('\n'),
    );
  });

  it("shows an alarm's trigger and other actions as they change, and a new alarm in full", () => {
    const text = renderPlanText(
      planChanges(
        desiredOf(withAlarms([{ ...ALARM, TriggerPolicyOn: 'OK', AlarmActions: [TOPIC] }, GPU_ALARM])),
        liveOf(TARGET),
        { prune: false },
      ),
    );
    assert.match(
      text,
      new RegExp(
        [
          '  ~ update alarm "ep-invocations-high" for policy "steps"',
          '      TriggerPolicyOn: "ALARM" → "OK"',
          `      AlarmActions: \\(not set\\) → \\["${TOPIC}"\\]`,
          '  \\+ create alarm "ep-gpu-high" for policy "steps"',
        ].join('\n'),
      ),
    );
  });

  it('counts and summarises', () => {
    assert.deepEqual(countChanges(plan), { create: 1, update: 3, delete: 1 });
    const lines = summarizePlan(plan);
    assert.equal(lines.length, plan.changes.length + plan.unmanaged.length);
    assert.equal(
      lines[0],
      'update target endpoint/ep/variant/AllTraffic (sagemaker:variant:DesiredInstanceCount) (MaxCapacity)',
    );
    assert.match(
      lines.at(-1)!,
      /^scheduled action "morning" on endpoint\/ep\/variant\/AllTraffic .* kept \(prune to delete it\)$/,
    );
  });

  it('says so when nothing changes', () => {
    assert.equal(renderPlanText({ changes: [], unmanaged: [] }), 'No changes: AWS matches the file.\n');
  });

  it('deletes with prune say "(prune)"', () => {
    const pruned = planChanges(
      desiredOf(
        without((t) => {
          t.ScalingPolicies = [TT];
          t.ScheduledActions = [];
        }),
      ),
      liveOf(TARGET),
      { prune: true },
    );
    const text = renderPlanText(pruned);
    assert.match(text, /- delete scheduled action "morning" \(prune\)/);
    assert.match(text, /- delete alarm "ep-invocations-high" of policy "steps" \(prune\)/);
    assert.match(text, /- delete policy "steps" \(not in the file \(prune\)\)/);
  });
});
