import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { desiredFromModel, desiredFromText } from '../../core/plan/desired';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import { EXAMPLES } from '../paths';

// Reading a file into the desired state: API-shaped plain objects, read-only members of
// describe output dropped, the step policy's alarm kept, nothing the API cannot address.

const KEY = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/ep/variant/AllTraffic',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
};

/** The least step policy, for the tests of the alarms it carries. */
const STEP = {
  PolicyName: 'step',
  PolicyType: 'StepScaling',
  StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity' },
};

const text = (targets: object[], extra: object = {}) => JSON.stringify({ ...extra, ScalableTargets: targets }, null, 2);

describe('desiredFromText', () => {
  it("reads the format's example, comments and trailing commas included", () => {
    const desired = desiredFromText(`// a scaling file
{
  "Region": "us-east-1", // optional
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 1,
      "MaxCapacity": 10,
      "ScalingPolicies": [
        { "PolicyName": "invocations", "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70.0,
            "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" },
            "ScaleInCooldown": 300, "ScaleOutCooldown": 60 } },
      ],
      "ScheduledActions": [
        { "ScheduledActionName": "scale-up-morning", "Schedule": "cron(0 8 * * ? *)",
          "Timezone": "Europe/Berlin", "ScalableTargetAction": { "MinCapacity": 5, "MaxCapacity": 20 } },
      ],
    },
  ],
}`);
    assert.deepEqual(desired, {
      Region: 'us-east-1',
      targets: [
        {
          ServiceNamespace: 'sagemaker',
          ResourceId: 'endpoint/my-endpoint/variant/AllTraffic',
          ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          MinCapacity: 1,
          MaxCapacity: 10,
          ScalingPolicies: [
            {
              PolicyName: 'invocations',
              PolicyType: 'TargetTrackingScaling',
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 70,
                PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
                ScaleOutCooldown: 60,
                ScaleInCooldown: 300,
              },
            },
          ],
          ScheduledActions: [
            {
              ScheduledActionName: 'scale-up-morning',
              Schedule: 'cron(0 8 * * ? *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 5, MaxCapacity: 20 },
            },
          ],
        },
      ],
    });
  });

  it('drops the read-only members of describe output', () => {
    const desired = desiredFromText(
      text([
        {
          ...KEY,
          MinCapacity: 1,
          MaxCapacity: 2,
          ScalableTargetARN: 'arn:t',
          CreationTime: '2026-01-01T00:00:00Z',
          PredictedCapacity: 2,
          ScalingPolicies: [
            {
              PolicyName: 'p',
              PolicyType: 'TargetTrackingScaling',
              PolicyARN: 'arn:p',
              CreationTime: '2026-01-01T00:00:00Z',
              Alarms: [{ AlarmName: 'TargetTracking-x', AlarmARN: 'arn:a' }],
              ...KEY,
              TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 },
            },
          ],
          ScheduledActions: [
            {
              ScheduledActionName: 's',
              Schedule: 'rate(1 day)',
              ScheduledActionARN: 'arn:s',
              CreationTime: '2026-01-01T00:00:00Z',
              ...KEY,
            },
          ],
        },
      ]),
    )!;
    const [target] = desired.targets;
    assert.deepEqual(Object.keys(target!), [
      'ServiceNamespace',
      'ResourceId',
      'ScalableDimension',
      'MinCapacity',
      'MaxCapacity',
      'ScalingPolicies',
      'ScheduledActions',
    ]);
    assert.deepEqual(target!.ScalingPolicies[0], {
      PolicyName: 'p',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 },
    });
    assert.deepEqual(target!.ScheduledActions[0], { ScheduledActionName: 's', Schedule: 'rate(1 day)' });
  });

  it("keeps a step policy's alarm with its other actions and trigger; drops an alarm on another kind of policy", () => {
    const alarm = {
      AlarmName: 'a',
      AlarmActions: ['arn:x'],
      TriggerPolicyOn: 'OK',
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      StateValue: 'OK',
    };
    const desired = desiredFromText(
      text([
        {
          ...KEY,
          ScalingPolicies: [
            { ...STEP, CloudWatchAlarm: alarm },
            {
              PolicyName: 'tt',
              PolicyType: 'TargetTrackingScaling',
              TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 },
              CloudWatchAlarm: alarm,
              CloudWatchAlarms: [alarm],
            },
          ],
        },
      ]),
    )!;
    const [step, tt] = desired.targets[0]!.ScalingPolicies;
    assert.deepEqual(step!.CloudWatchAlarm, {
      AlarmName: 'a',
      TriggerPolicyOn: 'OK',
      AlarmActions: ['arn:x'],
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    assert.equal(tt!.CloudWatchAlarm, undefined);
    assert.equal(tt!.CloudWatchAlarms, undefined);
  });

  it('keeps the alarms of CloudWatchAlarms in order, the first of two with one name, none without a name', () => {
    const alarm = (name: string, threshold: number) => ({
      AlarmName: name,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: threshold,
    });
    const desired = desiredFromText(
      text([
        {
          ...KEY,
          ScalingPolicies: [
            { ...STEP, CloudWatchAlarms: [alarm('gpu', 80), alarm('cpu', 70), alarm('gpu', 1), { Threshold: 3 }] },
          ],
        },
      ]),
    )!;
    const [step] = desired.targets[0]!.ScalingPolicies;
    assert.equal(step!.CloudWatchAlarm, undefined);
    assert.deepEqual(
      step!.CloudWatchAlarms!.map((a) => `${a.AlarmName} ${String(a.Threshold)}`),
      ['gpu 80', 'cpu 70'],
    );
  });

  it('infers a missing PolicyType from the configuration', () => {
    const desired = desiredFromText(
      text([
        {
          ...KEY,
          ScalingPolicies: [
            { PolicyName: 'a', StepScalingPolicyConfiguration: {}, CloudWatchAlarm: { AlarmName: 'x' } },
            { PolicyName: 'b', TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 } },
            { PolicyName: 'c', PredictiveScalingPolicyConfiguration: { MetricSpecifications: [] } },
            { PolicyName: 'd' },
          ],
        },
      ]),
    )!;
    assert.deepEqual(
      desired.targets[0]!.ScalingPolicies.map((p) => p.PolicyType),
      ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling', ''],
    );
    assert.equal(desired.targets[0]!.ScalingPolicies[0]!.CloudWatchAlarm?.AlarmName, 'x');
  });

  it('leaves out what the API could not address, and the second of duplicates', () => {
    const desired = desiredFromText(
      text([
        { ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/no-dimension/variant/v' },
        {
          ...KEY,
          MinCapacity: 1,
          ScalingPolicies: [
            { PolicyType: 'StepScaling' },
            { PolicyName: 'p', PolicyType: 'StepScaling' },
            { PolicyName: 'p', PolicyType: 'TargetTrackingScaling' },
          ],
          ScheduledActions: [{ Schedule: 'rate(1 day)' }, { ScheduledActionName: 's' }],
        },
        { ...KEY, MinCapacity: 2 },
      ]),
    )!;
    assert.equal(desired.targets.length, 1);
    const [target] = desired.targets;
    assert.equal(target!.MinCapacity, 1);
    assert.deepEqual(
      target!.ScalingPolicies.map((p) => `${p.PolicyName}:${p.PolicyType}`),
      ['p:StepScaling'],
    );
    // A named action without Schedule stays, so that a prune does not take it for gone.
    assert.deepEqual(target!.ScheduledActions, [{ ScheduledActionName: 's', Schedule: '' }]);
  });

  it("keeps SuspendedState, Tags and RoleARN as written, members in the schema's order", () => {
    const desired = desiredFromText(
      text([
        {
          ...KEY,
          RoleARN: 'arn:r',
          Tags: { team: 'ml', env: 'prod' },
          SuspendedState: { ScheduledScalingSuspended: true, DynamicScalingInSuspended: false },
        },
      ]),
    )!;
    const [target] = desired.targets;
    assert.equal(target!.RoleARN, 'arn:r');
    assert.deepEqual(target!.Tags, { team: 'ml', env: 'prod' });
    assert.deepEqual(Object.entries(target!.SuspendedState!), [
      ['DynamicScalingInSuspended', false],
      ['ScheduledScalingSuspended', true],
    ]);
  });

  it("puts configuration members in the schema's order and keeps times as written", () => {
    const desired = desiredFromText(
      text([
        {
          ...KEY,
          ScalingPolicies: [
            {
              PolicyName: 'p',
              PolicyType: 'StepScaling',
              StepScalingPolicyConfiguration: {
                MetricAggregationType: 'Maximum',
                Cooldown: 60,
                StepAdjustments: [{ ScalingAdjustment: 1, MetricIntervalLowerBound: 0 }],
                AdjustmentType: 'ChangeInCapacity',
              },
            },
          ],
          ScheduledActions: [{ ScheduledActionName: 's', StartTime: '2030-01-01T08:00:00', Schedule: 'rate(1 day)' }],
        },
      ]),
    )!;
    const [policy] = desired.targets[0]!.ScalingPolicies;
    assert.deepEqual(Object.keys(policy!.StepScalingPolicyConfiguration!), [
      'AdjustmentType',
      'StepAdjustments',
      'Cooldown',
      'MetricAggregationType',
    ]);
    assert.deepEqual(Object.keys((policy!.StepScalingPolicyConfiguration!.StepAdjustments as object[])[0]!), [
      'MetricIntervalLowerBound',
      'ScalingAdjustment',
    ]);
    assert.equal(desired.targets[0]!.ScheduledActions[0]!.StartTime, '2030-01-01T08:00:00');
  });

  it('is undefined when the text is no JSON object', () => {
    for (const bad of ['', '[]', '42', '// only a comment'])
      assert.equal(desiredFromText(bad), undefined, JSON.stringify(bad));
    assert.deepEqual(desiredFromText('{}'), { targets: [] });
  });

  it('agrees with desiredFromModel, and reads every example', () => {
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.scaling.json'))) {
      const source = readFileSync(join(EXAMPLES, file), 'utf8');
      const model = buildModel(parseDocument(source).root)!;
      const desired = desiredFromText(source)!;
      assert.deepEqual(desired, desiredFromModel(model), file);
      assert.equal(desired.targets.length, model.targets.length, file);
      assert.deepEqual(
        desired.targets.flatMap((t) => t.ScalingPolicies.map((p) => p.PolicyName)),
        model.targets.flatMap((t) => t.policies.map((p) => p.policyName?.value)),
        file,
      );
    }
  });
});
