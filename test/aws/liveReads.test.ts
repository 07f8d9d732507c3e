import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { fetchLiveState } from '../../aws/fetchLive';
import { readCalls } from '../../aws/liveReads';
import { applyPlan } from '../../aws/apply';
import { desiredFromText } from '../../core/plan/desired';
import { planChanges } from '../../core/plan/plan';
import type { AwsClients, CallRecord } from '../../aws/session';
import type { TargetKey } from '../../core/plan/liveState';
import { MOTO_REGIONS, motoAvailable } from './moto';
import { motoForSuite } from './motoSuite';
import { INSTANCES, scalingFile, target } from './scalingFiles';

// Reads of many targets: across the namespace or per target, the same live state. Every
// generated account goes into its own moto region, is read both ways (and the automatic
// way) for a generated selection of targets, some of which AWS does not have.

const POLICY_PREFIX = 'p';
/** Generated accounts, each in a region of its own. */
const ACCOUNTS = 16;

interface AccountShape {
  /** Per target: how many policies (crossing the 10-a-page boundary) and actions. */
  targets: { policies: number; actions: number }[];
  /** Which targets a file names (indices; beyond the account: a target AWS lacks). */
  named: number[];
}

const accountShape: fc.Arbitrary<AccountShape> = fc
  .array(fc.record({ policies: fc.integer({ min: 0, max: 12 }), actions: fc.integer({ min: 0, max: 3 }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((targets) =>
    fc.record({
      targets: fc.constant(targets),
      named: fc.uniqueArray(fc.integer({ min: 0, max: targets.length + 1 }), {
        minLength: 1,
        maxLength: targets.length + 2,
      }),
    }),
  );

const keyOf = (i: number): TargetKey => ({
  ServiceNamespace: 'sagemaker',
  ResourceId: `endpoint/e${i}/variant/AllTraffic`,
  ScalableDimension: INSTANCES,
});

async function seed(clients: AwsClients, shape: AccountShape): Promise<void> {
  for (const [i, t] of shape.targets.entries()) {
    const key = keyOf(i);
    await clients.autoScaling.send(
      new RegisterScalableTargetCommand({ ...key, MinCapacity: 1, MaxCapacity: 4 } as never),
    );
    for (let p = 0; p < t.policies; p++)
      await clients.autoScaling.send(
        new PutScalingPolicyCommand({
          ...key,
          PolicyName: `${POLICY_PREFIX}${p}`,
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 100 + p,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
          },
        } as never),
      );
    for (let a = 0; a < t.actions; a++)
      await clients.autoScaling.send(
        new PutScheduledActionCommand({
          ...key,
          ScheduledActionName: `a${a}`,
          Schedule: `cron(${a} 8 * * ? *)`,
          ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 + a },
        } as never),
      );
  }
}

describe('reading many targets', { skip: motoAvailable() ? false : 'moto_server is not on PATH' }, () => {
  const moto = motoForSuite();

  it('across the namespace and per target read the same live state (property, against moto)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(accountShape, async (shape) => {
        // A fresh region per generated account (moto keeps regions apart); shrinking reuses them.
        const region = MOTO_REGIONS[run++ % ACCOUNTS]!;
        const calls: CallRecord[] = [];
        const clients = await moto.session(region, calls);
        await seed(clients, shape);
        const keys = shape.named.map(keyOf);
        const read = async (strategy: 'perTarget' | 'namespace' | 'auto') => {
          calls.length = 0;
          const live = await fetchLiveState(clients, keys, { strategy });
          return { live, calls: calls.length };
        };
        const perTarget = await read('perTarget');
        const namespace = await read('namespace');
        const auto = await read('auto');
        assert.deepEqual(namespace.live, perTarget.live);
        assert.deepEqual(auto.live, perTarget.live);
        // What the file names and AWS has: every policy and action of those, and nothing else.
        const present = shape.named.filter((i) => i < shape.targets.length);
        assert.deepEqual(
          perTarget.live.targets.map((t) => [t.ResourceId, t.ScalingPolicies.length, t.ScheduledActions.length]),
          present.map((i) => [keyOf(i).ResourceId, shape.targets[i]!.policies, shape.targets[i]!.actions]),
        );
        // The automatic choice never costs more than twice the cheaper way (its budget).
        assert.ok(
          auto.calls <= 2 * Math.min(perTarget.calls, namespace.calls),
          `${auto.calls} vs ${perTarget.calls}/${namespace.calls}`,
        );
        // Moving everything out of the way for the next account is not needed: regions differ.
        clients.destroy(); // now rather than after the suite; destroying again then does nothing
      }),
      { numRuns: ACCOUNTS, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });

  it('reads the alarms of many step policies in one scan of the account, the same as one policy at a time', async () => {
    const calls: CallRecord[] = [];
    const region = 'af-south-1';
    const clients = await moto.session(region, calls);
    const desired = desiredFromText(
      scalingFile(
        region,
        ['s1', 's2', 's3', 's4', 's5', 's6'].map((endpoint) => target({ endpoint, noActions: true })),
      ),
    )!;
    const before = await fetchLiveState(clients, desired.targets);
    const applied = await applyPlan(clients, planChanges(desired, before, { prune: false }), { live: before });
    assert.equal(applied.failed, undefined, applied.failed?.message);
    calls.length = 0;
    const all = await fetchLiveState(clients, desired.targets);
    assert.equal(calls.filter((c) => c.operation === 'DescribeAlarms').length, 1, 'one page for six step policies');
    // One target at a time takes the per-policy look-ups: the same targets and alarms.
    for (const t of desired.targets) {
      const one = await fetchLiveState(clients, [t]);
      const mine = all.targets.find((x) => x.ResourceId === t.ResourceId)!;
      assert.deepEqual(one.targets, [mine]);
      const names = new Set(Object.values(mine.policyFacts).flatMap((f) => f.AlarmNames));
      assert.equal(names.size, 1, 'the step policy has its alarm');
      assert.deepEqual(
        one.alarms,
        all.alarms?.filter((a) => names.has(a.AlarmName)),
      );
    }
  });

  it('reads 50 targets with 3 calls to Application Auto Scaling instead of 101', async () => {
    const calls: CallRecord[] = [];
    const clients = await moto.session('me-central-1', calls);
    const shape: AccountShape = { targets: Array.from({ length: 50 }, () => ({ policies: 1, actions: 2 })), named: [] };
    await seed(clients, shape);
    const keys = shape.targets.map((_, i) => keyOf(i));
    calls.length = 0;
    await fetchLiveState(clients, keys, { strategy: 'perTarget' });
    const before = calls.filter((c) => c.service === 'ApplicationAutoScaling').length;
    calls.length = 0;
    const live = await fetchLiveState(clients, keys);
    const byOperation = (list: CallRecord[]) =>
      list.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.operation]: (acc[c.operation] ?? 0) + 1 }), {});
    assert.equal(before, 101);
    // 50 policies: 5 pages of 10; moto answers every scheduled action in one page.
    assert.deepEqual(byOperation(calls), {
      DescribeScalableTargets: 1,
      DescribeScalingPolicies: 5,
      DescribeScheduledActions: 1,
    });
    assert.equal(live.targets.length, 50);
    assert.deepEqual(readCalls({ policies: 500, actions: 1000 }, 500), { perTarget: 1000, namespace: 70 });
  });
});
