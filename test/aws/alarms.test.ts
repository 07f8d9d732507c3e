import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyPlan } from '../../aws/apply';
import { fetchLiveState, fetchTargetsFor } from '../../aws/fetchLive';
import { isReadOperation, type AwsClients, type CallRecord } from '../../aws/session';
import { analyzeText } from '../../core/lint/check';
import { desiredFromText } from '../../core/plan/desired';
import type { DesiredState } from '../../core/plan/liveState';
import { liveToDocument } from '../../core/plan/liveDocument';
import { planChanges } from '../../core/plan/plan';
import { describeWithBoto3, motoAvailable, seedEndpoint } from './moto';
import { motoForSuite } from './motoSuite';
import { INSTANCES, scalingFile, variantId, variantKey } from './scalingFiles';

// Several alarms on one step policy, an alarm whose OKActions trigger its policy, and other
// actions (an SNS topic) beside the policy's: applied to moto_server, read back with boto3,
// fetched back to the same file, and applied again without a write.

const REGION = 'ap-south-1';
const ENDPOINT = 'generator';
const TOPIC = `arn:aws:sns:${REGION}:123456789012:scaling-events`;

const writes = (calls: CallRecord[]) => calls.filter((c) => !isReadOperation(c.operation));

const dimensions = [
  { Name: 'EndpointName', Value: ENDPOINT },
  { Name: 'VariantName', Value: 'AllTraffic' },
];
const utilization = (name: string, metric: string, threshold: number) => ({
  AlarmName: name,
  MetricName: metric,
  Namespace: '/aws/sagemaker/Endpoints',
  Dimensions: dimensions,
  Statistic: 'Average',
  Period: 60,
  EvaluationPeriods: 3,
  Threshold: threshold,
  ComparisonOperator: 'GreaterThanThreshold',
});
const steps = (adjustment: number, type = 'ChangeInCapacity') => ({
  AdjustmentType: type,
  StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: adjustment }],
  Cooldown: 300,
});

/**
 * The file, written as fetch writes it (policies and alarms by name, members in the
 * schema's order, defaults left out), so the fetched document can be compared with it whole.
 */
const FILE = {
  ServiceNamespace: 'sagemaker',
  ResourceId: variantId(ENDPOINT),
  ScalableDimension: INSTANCES,
  MinCapacity: 1,
  MaxCapacity: 4,
  ScalingPolicies: [
    {
      // Like test/fixtures/wild/24: the policy runs on ALARM and on OK alike.
      PolicyName: 'invocation-bands',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [
          { MetricIntervalUpperBound: 20, ScalingAdjustment: -1 },
          { MetricIntervalLowerBound: 20, ScalingAdjustment: 1 },
        ],
        Cooldown: 300,
      },
      CloudWatchAlarm: {
        ...utilization(`${ENDPOINT}-invocation-bands`, 'InvocationsPerInstance', 0),
        TriggerPolicyOn: ['ALARM', 'OK'],
        Namespace: 'AWS/SageMaker',
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      },
    },
    {
      PolicyName: 'scale-in-when-quiet',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: steps(1, 'ExactCapacity'),
      CloudWatchAlarm: {
        // Busy: notify the topic; back to OK: the policy sets one instance, and notifies too.
        ...utilization(`${ENDPOINT}-busy`, 'CPUUtilization', 50),
        TriggerPolicyOn: 'OK',
        AlarmActions: [TOPIC],
        OKActions: [TOPIC],
      },
    },
    {
      PolicyName: 'scale-out-busy',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: steps(1),
      CloudWatchAlarms: [
        { ...utilization(`${ENDPOINT}-cpu-high`, 'CPUUtilization', 80), AlarmActions: [TOPIC] },
        utilization(`${ENDPOINT}-gpu-high`, 'GPUUtilization', 80),
        utilization(`${ENDPOINT}-memory-high`, 'MemoryUtilization', 85),
      ],
    },
  ],
  ScheduledActions: [],
};

describe(
  'several alarms and other alarm actions against moto_server',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH (pip install "moto[server]")' },
  () => {
    const moto = motoForSuite();
    let clients: AwsClients;
    const calls: CallRecord[] = [];
    before(async () => {
      clients = await moto.session(REGION, calls);
      await seedEndpoint(clients, ENDPOINT);
    });

    const cycle = async (desired: DesiredState) => {
      calls.length = 0;
      const live = await fetchLiveState(clients, desired.targets);
      const plan = planChanges(desired, live, { prune: false });
      const result = await applyPlan(clients, plan, { live });
      return { plan, result, calls: [...calls] };
    };

    const text = scalingFile(REGION, [FILE]);

    it('lints clean', () => {
      const { findings } = analyzeText(text, { now: new Date('2026-01-01T00:00:00Z') });
      assert.deepEqual(
        findings.filter((f) => f.severity === 'error'),
        [],
      );
    });

    it('applies: boto3 sees each alarm with exactly its actions, the policy ARN in the lists the file names', async () => {
      const { plan, result } = await cycle(desiredFromText(text)!);
      assert.equal(result.failed, undefined);
      assert.deepEqual(
        plan.changes.map((c) => c.kind),
        ['registerTarget', 'putPolicy', 'putPolicy', 'putPolicy', ...Array<string>(5).fill('putAlarm')],
      );

      const names = [
        `${ENDPOINT}-busy`,
        `${ENDPOINT}-cpu-high`,
        `${ENDPOINT}-gpu-high`,
        `${ENDPOINT}-invocation-bands`,
        `${ENDPOINT}-memory-high`,
      ];
      const view = describeWithBoto3(moto.endpoint, REGION, variantKey(ENDPOINT), names);
      const arn = (policy: string) => view.policies.find((p) => p.PolicyName === policy)!.PolicyARN as string;
      const actions = Object.fromEntries(
        view.alarms.map((a) => [
          a.AlarmName,
          {
            alarm: [...(a.AlarmActions as string[])].sort(),
            ok: [...(a.OKActions as string[])].sort(),
            insufficientData: a.InsufficientDataActions,
          },
        ]),
      );
      const sorted = (...arns: string[]) => arns.sort();
      assert.deepEqual(actions, {
        [`${ENDPOINT}-busy`]: { alarm: [TOPIC], ok: sorted(arn('scale-in-when-quiet'), TOPIC), insufficientData: [] },
        [`${ENDPOINT}-cpu-high`]: { alarm: sorted(arn('scale-out-busy'), TOPIC), ok: [], insufficientData: [] },
        [`${ENDPOINT}-gpu-high`]: { alarm: [arn('scale-out-busy')], ok: [], insufficientData: [] },
        [`${ENDPOINT}-invocation-bands`]: {
          alarm: [arn('invocation-bands')],
          ok: [arn('invocation-bands')],
          insufficientData: [],
        },
        [`${ENDPOINT}-memory-high`]: { alarm: [arn('scale-out-busy')], ok: [], insufficientData: [] },
      });
      // And the rest of each alarm as the file says.
      const cpu = view.alarms.find((a) => a.AlarmName === `${ENDPOINT}-cpu-high`)!;
      assert.deepEqual(
        [cpu.MetricName, cpu.Namespace, cpu.Threshold, cpu.EvaluationPeriods, cpu.Dimensions],
        ['CPUUtilization', '/aws/sagemaker/Endpoints', 80, 3, dimensions],
      );
    });

    it('fetch gives back the same file, which lints clean and plans nothing', async () => {
      const fetched = await fetchTargetsFor(clients, [variantId(ENDPOINT)]);
      const document = liveToDocument(fetched.targets, { region: REGION, header: 'fetched' });
      const body = JSON.parse(document.replace(/^\/\/.*\n/gm, '')) as unknown;
      assert.deepEqual(body, JSON.parse(text), document);
      const desired = desiredFromText(document)!;
      assert.deepEqual(planChanges(desired, await fetchLiveState(clients, desired.targets), { prune: true }), {
        changes: [],
        unmanaged: [],
      });
    });

    it('applying the file again sends no write', async () => {
      const again = await cycle(desiredFromText(text)!);
      assert.deepEqual(again.plan.changes, []);
      assert.deepEqual(writes(again.calls), []);
    });

    it('an alarm dropped from CloudWatchAlarms is shown, and deleted only with prune', async () => {
      const smaller = structuredClone(FILE);
      smaller.ScalingPolicies[2]!.CloudWatchAlarms!.pop();
      const desired = desiredFromText(scalingFile(REGION, [smaller]))!;
      const live = await fetchLiveState(clients, desired.targets);
      const kept = planChanges(desired, live, { prune: false });
      assert.deepEqual(kept.changes, []);
      assert.deepEqual(
        kept.unmanaged.map((u) => `${u.kind} ${u.name}`),
        [`alarm ${ENDPOINT}-memory-high`],
      );
      const pruned = planChanges(desired, live, { prune: true });
      assert.deepEqual(
        pruned.changes.map((c) => c.summary),
        [
          `delete alarm "${ENDPOINT}-memory-high" of policy "scale-out-busy" on ${variantId(ENDPOINT)} (${INSTANCES}) (prune)`,
        ],
      );
      const result = await applyPlan(clients, pruned, { live });
      assert.equal(result.failed, undefined);
      const view = describeWithBoto3(moto.endpoint, REGION, variantKey(ENDPOINT), [
        `${ENDPOINT}-cpu-high`,
        `${ENDPOINT}-memory-high`,
      ]);
      assert.deepEqual(
        view.alarms.map((a) => a.AlarmName),
        [`${ENDPOINT}-cpu-high`],
      );
      const after = await fetchLiveState(clients, desired.targets);
      assert.deepEqual(planChanges(desired, after, { prune: true }).changes, []);
    });
  },
);
