import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { applyPlan } from '../../aws/apply';
import { fetchScalingActivities } from '../../aws/endpoints';
import { explainAwsError } from '../../aws/errors';
import { fetchLiveState } from '../../aws/fetchLive';
import { isReadOperation, type AwsClients, type CallRecord } from '../../aws/session';
import { desiredFromText } from '../../core/plan/desired';
import type { DesiredState } from '../../core/plan/liveState';
import { planChanges } from '../../core/plan/plan';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import {
  describeWithBoto3,
  freePort,
  MOTO_REGIONS,
  motoAvailable,
  rejectionOf,
  startMoto,
  testClients,
  type Moto,
} from './moto';
import { INSTANCES, scalingFile, target, variantKey } from './scalingFiles';

// Faults moto never gives, injected by a loopback proxy between the SDK and moto: apply
// either completes, or reports exactly what was and was not applied, and changes nothing
// it was not asked to. Re-running converges.

const writes = (calls: CallRecord[]) => calls.filter((c) => !isReadOperation(c.operation));

function desiredOf(text: string): DesiredState {
  const desired = desiredFromText(text);
  assert.ok(desired);
  return desired;
}

describe(
  'apply under faults (a proxy in front of moto_server)',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH' },
  () => {
    let moto: Moto;
    let proxy: FaultProxy;
    const open: AwsClients[] = [];
    let nextRegion = 0;

    /** A fresh region, and clients through the proxy whose every call goes into `calls`. */
    const session = async () => {
      const region = MOTO_REGIONS[nextRegion++]!;
      const calls: CallRecord[] = [];
      const clients = await testClients(proxy.endpoint, region, calls);
      open.push(clients);
      return { region, calls, clients };
    };

    /** A fresh session, and an unrelated target the apply must not touch. */
    const setup = async () => {
      const { region, calls, clients } = await session();
      const bystander = variantKey('bystander');
      await clients.autoScaling.send(
        new RegisterScalableTargetCommand({
          ...bystander,
          MinCapacity: 3,
          MaxCapacity: 4,
        }),
      );
      const bystanderBefore = await fetchLiveState(clients, [bystander]);
      const desired = desiredOf(scalingFile(region, [target({ endpoint: 'app' })]));
      const live = await fetchLiveState(clients, desired.targets);
      const plan = planChanges(desired, live, { prune: false });
      calls.length = 0;
      const untouched = async () =>
        assert.deepEqual(
          await fetchLiveState(clients, [bystander]),
          bystanderBefore,
          'a target outside the file is untouched',
        );
      return { region, calls, clients, desired, live, plan, untouched };
    };

    const converged = async (clients: AwsClients, desired: DesiredState) => {
      const live = await fetchLiveState(clients, desired.targets);
      assert.deepEqual(planChanges(desired, live, { prune: true }).changes, [], 'AWS matches the file');
    };

    before(async () => {
      moto = await startMoto();
      proxy = await startFaultProxy(moto.endpoint);
    });
    beforeEach(() => proxy.clear());
    after(async () => {
      for (const c of open) c.destroy();
      await proxy?.close();
      await moto?.stop();
    });

    it('retries throttling, 5xx, dropped connections and concurrent updates, and completes', async () => {
      const { calls, clients, desired, live, plan, untouched } = await setup();
      proxy.add({ operation: 'RegisterScalableTarget', fault: { kind: 'status', status: 503 } });
      proxy.add({ operation: 'PutScalingPolicy', fault: { kind: 'throttle' }, times: 2 });
      proxy.add({ operation: 'PutMetricAlarm', fault: { kind: 'drop' } });
      proxy.add({ operation: 'PutScheduledAction', fault: { kind: 'concurrent' }, times: 2 });
      const result = await applyPlan(clients, plan, { live });
      assert.equal(result.failed, undefined);
      assert.equal(result.applied.length, plan.changes.length);
      assert.deepEqual(
        proxy.seen.filter((s) => s.outcome !== 'forwarded').map((s) => `${s.operation} ${s.outcome}`),
        [
          'RegisterScalableTarget status',
          'PutScalingPolicy throttle',
          'PutScalingPolicy throttle',
          'PutMetricAlarm drop',
          'PutScheduledAction concurrent',
          'PutScheduledAction concurrent',
        ],
      );
      assert.deepEqual(
        writes(calls).map((c) => `${c.operation} ${c.attempts}`),
        [
          'RegisterScalableTarget 2',
          'PutScalingPolicy 3',
          'PutScalingPolicy 1',
          'PutMetricAlarm 2',
          'PutScheduledAction 3',
          'PutScheduledAction 1',
        ],
        'one logged call per change, with its attempts',
      );
      await converged(clients, desired);
      await untouched();
    });

    it('survives a response lost after AWS applied the write (a put and a delete are safe to resend)', async () => {
      const { clients, desired, live, plan } = await setup();
      proxy.add({ operation: 'PutScalingPolicy', fault: { kind: 'dropAfter' } });
      const result = await applyPlan(clients, plan, { live });
      assert.equal(result.failed, undefined);
      await converged(clients, desired);

      // Prune the step policy with its response lost: the resend finds it gone, which is the goal.
      const smaller = desiredOf(scalingFile(desired.Region!, [target({ endpoint: 'app', noStep: true })]));
      const prunePlan = planChanges(smaller, await fetchLiveState(clients, smaller.targets), { prune: true });
      assert.deepEqual(
        prunePlan.changes.map((c) => c.kind),
        ['deleteAlarm', 'deletePolicy'],
      );
      proxy.add({ operation: 'DeleteScalingPolicy', fault: { kind: 'dropAfter' } });
      const pruned = await applyPlan(clients, prunePlan, {});
      assert.equal(pruned.failed, undefined, pruned.failed?.message);
      await converged(clients, smaller);
    });

    it('stops at access denied, says exactly what was and was not applied, and a re-run converges', async () => {
      const { region, calls, clients, desired, live, plan, untouched } = await setup();
      proxy.add({ operation: 'PutScheduledAction', fault: { kind: 'denied' }, times: Infinity });
      const result = await applyPlan(clients, plan, { live, profile: 'ci' });
      assert.ok(result.failed);
      assert.equal(result.failed.change.kind, 'putScheduledAction');
      assert.equal(result.failed.code, 'AccessDeniedException');
      assert.match(
        result.failed.message,
        /^Access denied: profile ci may not call application-autoscaling:PutScheduledAction in us-east-1|^Access denied: profile ci may not call application-autoscaling:PutScheduledAction/,
      );
      assert.deepEqual(
        result.applied.map((c) => c.kind),
        ['registerTarget', 'putPolicy', 'putPolicy', 'putAlarm'],
      );
      assert.deepEqual(result.notAttempted, plan.changes.slice(5), 'the second action was never sent');
      assert.equal(
        writes(calls).filter((c) => c.operation === 'PutScheduledAction').length,
        1,
        'not retried: access denied does not pass',
      );

      // What AWS holds is exactly what the result says was applied.
      const view = describeWithBoto3(moto.endpoint, region, variantKey('app'), ['app-AllTraffic-invocations-high']);
      assert.deepEqual(view.policies.map((p) => p.PolicyName).sort(), ['invocations', 'scale-out-steps']);
      assert.equal(view.alarms.length, 1);
      assert.deepEqual(view.actions, []);
      await untouched();

      // The permission arrives; the same file plans only what is missing and converges.
      proxy.clear();
      calls.length = 0;
      const rest = planChanges(desired, await fetchLiveState(clients, desired.targets), { prune: false });
      assert.deepEqual(
        rest.changes.map((c) => c.kind),
        ['putScheduledAction', 'putScheduledAction'],
      );
      const second = await applyPlan(clients, rest, {});
      assert.equal(second.failed, undefined);
      await converged(clients, desired);
      await untouched();
    });

    it('gives up on throttling that outlasts the retries, with a message and nothing half-done', async () => {
      const { calls, clients, live, plan } = await setup();
      proxy.add({ operation: 'PutScalingPolicy', fault: { kind: 'throttle' }, times: Infinity });
      const result = await applyPlan(clients, plan, { live });
      assert.equal(result.failed?.change.kind, 'putPolicy');
      assert.match(
        result.failed?.message ?? '',
        /AWS kept throttling PutScalingPolicy after 4 attempts: wait a little and run it again/,
      );
      assert.deepEqual(
        result.applied.map((c) => c.kind),
        ['registerTarget'],
      );
      assert.equal(result.notAttempted.length, plan.changes.length - 2);
      assert.deepEqual(
        writes(calls).map((c) => `${c.operation} ${c.outcome} ${c.attempts}`),
        ['RegisterScalableTarget ok 1', 'PutScalingPolicy ThrottlingException 4'],
      );
    });

    it('bounded concurrency still stops every target at the first failure and reports the rest', async () => {
      const { region, clients } = await session();
      const desired = desiredOf(
        scalingFile(
          region,
          ['a', 'b', 'c', 'd', 'e', 'f'].map((endpoint) => target({ endpoint, noStep: true })),
        ),
      );
      const plan = planChanges(desired, await fetchLiveState(clients, desired.targets), { prune: false });
      proxy.add({ operation: 'PutScalingPolicy', fault: { kind: 'denied' }, times: Infinity });
      const result = await applyPlan(clients, plan, { concurrency: 3 });
      assert.ok(result.failed);
      const failed = [result.failed, ...(result.otherFailures ?? [])];
      assert.ok(failed.every((f) => f.change.kind === 'putPolicy'));
      const accounted = [...result.applied, ...failed.map((f) => f.change), ...result.notAttempted];
      assert.equal(accounted.length, plan.changes.length, 'every change is applied, failed or not attempted');
      assert.equal(new Set(accounted).size, plan.changes.length);
      assert.ok(
        result.applied.every((c) => c.kind === 'registerTarget'),
        'nothing after a failed policy',
      );
      const live = await fetchLiveState(clients, desired.targets);
      assert.deepEqual(
        live.targets.map((t) => t.ResourceId).sort(),
        result.applied.map((c) => c.target.ResourceId).sort(),
        'AWS holds exactly the applied targets',
      );
      proxy.clear();
      assert.equal(
        (await applyPlan(clients, planChanges(desired, live, { prune: false }), { live, concurrency: 3 })).failed,
        undefined,
      );
      await converged(clients, desired);
    });

    it('four targets at once under throttling: every change applied, in order within each target', async () => {
      const { region, calls, clients } = await session();
      const desired = desiredOf(
        scalingFile(
          region,
          ['t1', 't2', 't3', 't4', 't5', 't6'].map((endpoint) => target({ endpoint })),
        ),
      );
      const live = await fetchLiveState(clients, desired.targets);
      const plan = planChanges(desired, live, { prune: false });
      proxy.add({ operation: 'PutScalingPolicy', fault: { kind: 'throttle' }, times: 3 });
      proxy.add({ operation: 'PutScheduledAction', fault: { kind: 'throttle' }, times: 3 });
      calls.length = 0;
      const result = await applyPlan(clients, plan, { live, concurrency: 4 });
      assert.equal(result.failed, undefined, result.failed?.message);
      assert.equal(result.applied.length, plan.changes.length);
      assert.equal(proxy.seen.filter((s) => s.outcome === 'throttle').length, 6, 'the throttles happened');
      // Within each target, the order of the plan: target → policies → alarms → actions.
      for (const key of desired.targets) {
        const mine = (list: typeof plan.changes) => list.filter((c) => c.target.ResourceId === key.ResourceId);
        assert.deepEqual(mine(result.applied), mine(plan.changes), key.ResourceId);
      }
      await converged(clients, desired);
    });

    it('reads scaling activities the proxy serves where moto has none', async () => {
      const clients = await testClients(proxy.endpoint, 'ap-south-1');
      open.push(clients);
      const key = variantKey('busy');
      const activity = (id: string, start: number) => ({
        ActivityId: id,
        ServiceNamespace: 'sagemaker',
        ResourceId: key.ResourceId,
        ScalableDimension: INSTANCES,
        Description: `Setting desired instance count to ${id}.`,
        Cause: 'monitor alarm TargetTracking-high in state ALARM triggered policy invocations',
        StartTime: start,
        EndTime: start + 60,
        StatusCode: 'Successful',
        StatusMessage: 'Successfully set desired instance count.',
      });
      proxy.add({
        operation: 'DescribeScalingActivities',
        fault: {
          kind: 'canned',
          body: {
            ScalingActivities: [
              activity('2', 1767225600),
              activity('3', 1767229200),
              { ...activity('x', 1767229200), ResourceId: `${key.ResourceId}2` },
            ],
          },
        },
      });
      const { activities, unavailable } = await fetchScalingActivities(clients, key);
      assert.equal(unavailable, undefined);
      assert.deepEqual(
        activities.map((a) => [a.ActivityId, a.StartTime, a.StatusCode]),
        [
          ['3', '2026-01-01T01:00:00Z', 'Successful'],
          ['2', '2026-01-01T00:00:00Z', 'Successful'],
        ],
      );
    });

    it('names the fix when reads keep failing', async () => {
      const clients = await testClients(proxy.endpoint, 'ap-southeast-2');
      open.push(clients);
      proxy.add({ operation: 'DescribeScalableTargets', fault: { kind: 'status', status: 500 }, times: Infinity });
      const error = await rejectionOf(fetchLiveState(clients, [variantKey('x')]));
      assert.match(
        explainAwsError(error),
        /DescribeScalableTargets failed with a server error \(InternalServiceException, HTTP 500\) after 4 attempts/,
      );
      proxy.clear();
      proxy.add({ operation: 'DescribeScalableTargets', fault: { kind: 'denied' } });
      const denied = await rejectionOf(fetchLiveState(clients, [variantKey('x')]));
      assert.match(
        explainAwsError(denied, { profile: 'readonly' }),
        /^Access denied: profile readonly may not call application-autoscaling:DescribeScalableTargets in ap-southeast-2/,
      );
      const port = await freePort();
      const closed = await testClients(`http://127.0.0.1:${port}`, 'ap-southeast-2');
      open.push(closed);
      const unreachable = await rejectionOf(fetchLiveState(closed, [variantKey('x')]));
      assert.match(
        explainAwsError(unreachable),
        new RegExp(
          `^Cannot reach http://127\\.0\\.0\\.1:${port} for DescribeScalableTargets: the connection was refused`,
        ),
      );
    });
  },
);
