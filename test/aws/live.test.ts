import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { applyPlan } from '../../aws/apply';
import {
  describeEndpoint,
  fetchResourceScaling,
  fetchScalingActivities,
  listEndpoints,
  listInferenceComponents,
} from '../../aws/endpoints';
import { fetchCallerIdentity } from '../../aws/identity';
import { fetchLiveState, fetchTargetsFor } from '../../aws/fetchLive';
import { runLiveChecks } from '../../aws/liveChecks';
import { isReadOperation, type AwsClients, type CallRecord } from '../../aws/session';
import { analyzeText } from '../../core/lint/check';
import { desiredFromText } from '../../core/plan/desired';
import type { DesiredState } from '../../core/plan/liveState';
import { liveToDocument } from '../../core/plan/liveDocument';
import { planChanges } from '../../core/plan/plan';
import { describeWithBoto3, motoAvailable, seedEndpoint, seedWeekdayCap } from './moto';
import { motoForSuite } from './motoSuite';
import { INSTANCES, scalingFile, target, variantId, variantKey } from './scalingFiles';

// The AWS API of aws/ against a real moto_server: list, describe, fetch, plan, apply,
// prune, live checks. Each test works in its own region, so tests do not see each other.

const writes = (calls: CallRecord[]) => calls.filter((c) => !isReadOperation(c.operation));
const ops = (calls: CallRecord[]) => calls.map((c) => c.operation);

function desiredOf(text: string): DesiredState {
  const desired = desiredFromText(text);
  assert.ok(desired, 'the file parses');
  return desired;
}

/** plan → apply → the result, with the calls of the whole cycle. */
async function cycle(clients: AwsClients, desired: DesiredState, calls: CallRecord[], prune = false, concurrency = 1) {
  calls.length = 0;
  const live = await fetchLiveState(clients, desired.targets);
  const plan = planChanges(desired, live, { prune });
  const result = await applyPlan(clients, plan, { live, concurrency, notFoundRetry: { attempts: 3, delayMs: 10 } });
  return { plan, result, calls: [...calls] };
}

describe(
  'aws/ against moto_server',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH (pip install "moto[server]")' },
  () => {
    const moto = motoForSuite();
    const session = moto.session;

    it('lists endpoints across pages, and describes variants', async () => {
      const calls: CallRecord[] = [];
      const clients = await session('us-west-1', calls);
      for (const name of ['ep-c', 'ep-a', 'ep-e', 'ep-b', 'ep-d']) await seedEndpoint(clients, name);
      await seedEndpoint(clients, 'ep-serverless', [{ ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }]);
      calls.length = 0;
      const endpoints = await listEndpoints(clients, { pageSize: 2 });
      assert.deepEqual(
        endpoints.map((e) => e.EndpointName),
        ['ep-a', 'ep-b', 'ep-c', 'ep-d', 'ep-e', 'ep-serverless'],
      );
      assert.ok(
        endpoints.every((e) => e.EndpointStatus === 'InService' && /^\d{4}-\d\d-\d\dT/.test(e.CreationTime ?? '')),
      );
      assert.deepEqual(ops(calls), ['ListEndpoints', 'ListEndpoints', 'ListEndpoints'], 'three pages of two');

      const details = await describeEndpoint(clients, 'ep-a');
      assert.equal(details.EndpointStatus, 'InService');
      assert.deepEqual(
        details.variants.map((v) => [v.VariantName, v.kind, v.InstanceType, v.scalableDimension, v.resourceId]),
        [['AllTraffic', 'instance', 'ml.m5.large', INSTANCES, 'endpoint/ep-a/variant/AllTraffic']],
      );
      const serverless = await describeEndpoint(clients, 'ep-serverless');
      assert.deepEqual(
        serverless.variants.map((v) => [v.kind, v.ServerlessConfig?.MaxConcurrency, v.scalableDimension]),
        [['serverless', 5, 'sagemaker:variant:DesiredProvisionedConcurrency']],
      );
      await assert.rejects(describeEndpoint(clients, 'nope'), /Endpoint "nope" does not exist in us-west-1/);
      assert.equal((await fetchCallerIdentity(clients)).Account, '123456789012');
    });

    it('applies a new file: boto3 reads back exactly the file, field by field; the second apply only reads', async () => {
      const region = 'us-east-2';
      const calls: CallRecord[] = [];
      const clients = await session(region, calls);
      await seedEndpoint(clients, 'orders');
      const text = scalingFile(region, [target({ endpoint: 'orders', min: 2, max: 8 })]);
      const desired = desiredOf(text);

      const first = await cycle(clients, desired, calls);
      assert.equal(first.result.failed, undefined);
      assert.deepEqual(first.result.notAttempted, []);
      assert.deepEqual(ops(writes(first.calls)), [
        'RegisterScalableTarget',
        'PutScalingPolicy',
        'PutScalingPolicy',
        'PutMetricAlarm',
        'PutScheduledAction',
        'PutScheduledAction',
      ]);

      // An independent client, field by field.
      const file = JSON.parse(text) as { ScalableTargets: Record<string, unknown>[] };
      const want = file.ScalableTargets[0] as {
        ScalingPolicies: Record<string, unknown>[];
        ScheduledActions: Record<string, unknown>[];
      } & Record<string, unknown>;
      const alarmName = 'orders-AllTraffic-invocations-high';
      const view = describeWithBoto3(moto.endpoint, region, variantKey('orders'), [alarmName]);
      assert.equal(view.targets.length, 1);
      assert.equal(view.targets[0]!.MinCapacity, 2);
      assert.equal(view.targets[0]!.MaxCapacity, 8);
      assert.deepEqual(view.policies.map((p) => p.PolicyName).sort(), ['invocations', 'scale-out-steps']);
      for (const wantPolicy of want.ScalingPolicies) {
        const got = view.policies.find((p) => p.PolicyName === wantPolicy.PolicyName)!;
        assert.equal(got.PolicyType, wantPolicy.PolicyType);
        for (const member of ['TargetTrackingScalingPolicyConfiguration', 'StepScalingPolicyConfiguration']) {
          assert.deepEqual(got[member], wantPolicy[member], `${String(wantPolicy.PolicyName)} ${member}`);
        }
      }
      const step = view.policies.find((p) => p.PolicyName === 'scale-out-steps')!;
      const wantAlarm = want.ScalingPolicies[1]!.CloudWatchAlarm as Record<string, unknown>;
      assert.equal(view.alarms.length, 1);
      const alarm = view.alarms[0]!;
      for (const [member, value] of Object.entries(wantAlarm))
        assert.deepEqual(alarm[member], value, `alarm ${member}`);
      assert.deepEqual(alarm.AlarmActions, [step.PolicyARN], 'the alarm triggers the step policy');
      assert.deepEqual(view.actions.map((a) => a.ScheduledActionName).sort(), [
        'scale-down-evening',
        'scale-up-morning',
      ]);
      for (const wantAction of want.ScheduledActions) {
        const got = view.actions.find((a) => a.ScheduledActionName === wantAction.ScheduledActionName)!;
        for (const member of ['Schedule', 'Timezone', 'ScalableTargetAction'])
          assert.deepEqual(got[member], wantAction[member], `${String(wantAction.ScheduledActionName)} ${member}`);
        for (const member of ['StartTime', 'EndTime']) {
          assert.equal(
            got[member] === undefined ? undefined : Date.parse(got[member] as string),
            wantAction[member] === undefined ? undefined : Date.parse(wantAction[member] as string),
            `${String(wantAction.ScheduledActionName)} ${member}`,
          );
        }
      }

      // Idempotence: the same file again plans nothing and sends only reads.
      const second = await cycle(clients, desired, calls);
      assert.deepEqual(second.plan.changes, []);
      assert.deepEqual(writes(second.calls), [], 'a no-op re-apply sends no write');
      assert.ok(second.calls.length > 0 && second.calls.every((c) => isReadOperation(c.operation)));
    });

    it('fetch → file → plan is empty, and the fetched file lints clean', async () => {
      const region = 'us-west-2';
      const clients = await session(region);
      await seedEndpoint(clients, 'search', [{}, {}]);
      const text = scalingFile(region, [
        target({ endpoint: 'search' }),
        target({ endpoint: 'search', variant: 'Variant2', noActions: true }),
      ]);
      const { result } = await cycle(clients, desiredOf(text), []);
      assert.equal(result.failed, undefined);

      const fetched = await fetchTargetsFor(clients, ['search', 'unknown-endpoint', 'endpoint/search/variant/Gone']);
      assert.deepEqual(
        fetched.targets.map((t) => t.ResourceId),
        [variantId('search'), variantId('search', 'Variant2')],
      );
      assert.deepEqual(fetched.notFound, ['unknown-endpoint', 'endpoint/search/variant/Gone']);
      const document = liveToDocument(fetched.targets, { region, header: 'test' });
      // The scaling rules here; the CLI test lints a fetched file with all three layers.
      const { findings } = analyzeText(document, { now: new Date('2026-01-01T00:00:00Z') });
      assert.deepEqual(
        findings.filter((f) => f.severity === 'error'),
        [],
        document,
      );
      assert.equal(document.includes('RoleARN'), false, 'no service-linked role pasted in');

      const fetchedDesired = desiredOf(document);
      const live = await fetchLiveState(clients, fetchedDesired.targets);
      assert.deepEqual(
        planChanges(fetchedDesired, live, { prune: true }).changes,
        [],
        'fetch then apply is a no-op, even with prune',
      );
      const variant2 = await fetchResourceScaling(clients, variantId('search', 'Variant2'));
      assert.deepEqual(
        variant2.map((t) => t.ScheduledActions.length),
        [0],
      );
    });

    it('a one-policy change plans one change and sends one write', async (t) => {
      const region = 'eu-west-1';
      const calls: CallRecord[] = [];
      const clients = await session(region, calls);
      await seedEndpoint(clients, 'recs');
      await cycle(clients, desiredOf(scalingFile(region, [target({ endpoint: 'recs' })])), calls);

      const changed = desiredOf(scalingFile(region, [target({ endpoint: 'recs', targetValue: 900 })]));
      const { plan, result, calls: sent } = await cycle(clients, changed, calls);
      assert.deepEqual(
        plan.changes.map((c) => [c.kind, 'diff' in c ? c.diff.map((d) => d.path) : []]),
        [['putPolicy', ['TargetTrackingScalingPolicyConfiguration.TargetValue']]],
      );
      assert.deepEqual(ops(writes(sent)), ['PutScalingPolicy'], 'exactly one write');
      t.diagnostic(
        `one-policy change: ${sent.length} calls = ${sent.length - 1} reads (${[...new Set(ops(sent).filter(isReadOperation))].join(', ')}) + 1 write`,
      );
      assert.equal(result.applied.length, 1);
      const live = await fetchLiveState(clients, changed.targets);
      assert.equal(
        (
          live.targets[0]!.ScalingPolicies.find((p) => p.PolicyName === 'invocations')!
            .TargetTrackingScalingPolicyConfiguration as { TargetValue: number }
        ).TargetValue,
        900,
      );
      assert.deepEqual(planChanges(changed, live, { prune: false }).changes, []);
    });

    it('prune deletes only what the file leaves out, with the step policy its alarm', async () => {
      const region = 'eu-west-2';
      const calls: CallRecord[] = [];
      const clients = await session(region, calls);
      await seedEndpoint(clients, 'ads');
      await cycle(clients, desiredOf(scalingFile(region, [target({ endpoint: 'ads' })])), calls);

      const smaller = target({ endpoint: 'ads', noStep: true });
      (smaller.ScheduledActions as unknown[]).pop();
      const desired = desiredOf(scalingFile(region, [smaller]));
      const live = await fetchLiveState(clients, desired.targets);
      const kept = planChanges(desired, live, { prune: false });
      assert.deepEqual(kept.changes, [], 'without prune nothing is deleted');
      assert.deepEqual(kept.unmanaged.map((u) => `${u.kind} ${u.name}`).sort(), [
        'policy scale-out-steps',
        'scheduledAction scale-up-morning',
      ]);

      const { plan, result, calls: sent } = await cycle(clients, desired, calls, true);
      assert.deepEqual(
        plan.changes.map((c) => c.kind),
        ['deleteScheduledAction', 'deleteAlarm', 'deletePolicy'],
      );
      assert.equal(result.failed, undefined);
      assert.deepEqual(ops(writes(sent)), ['DeleteScheduledAction', 'DeleteAlarms', 'DeleteScalingPolicy']);
      const view = describeWithBoto3(moto.endpoint, region, variantKey('ads'), ['ads-AllTraffic-invocations-high']);
      assert.deepEqual(
        view.policies.map((p) => p.PolicyName),
        ['invocations'],
      );
      assert.deepEqual(
        view.actions.map((a) => a.ScheduledActionName),
        ['scale-down-evening'],
      );
      assert.deepEqual(view.alarms, [], "the step policy's alarm went with it");
      assert.deepEqual(
        view.targets.map((t) => [t.MinCapacity, t.MaxCapacity]),
        [[1, 10]],
      );
    });

    it('reads exactly the named target although moto matches ResourceId as a substring', async () => {
      const region = 'eu-central-1';
      const clients = await session(region);
      await seedEndpoint(clients, 'shop', [{}, {}]);
      const a = variantKey('shop', 'AllTraffic');
      const b = { ...variantKey('shop', 'AllTraffic2') };
      for (const key of [a, b]) {
        await clients.autoScaling.send(
          new RegisterScalableTargetCommand({
            ...key,
            MinCapacity: 1,
            MaxCapacity: 3,
          }),
        );
        await clients.autoScaling.send(
          new PutScalingPolicyCommand({
            ...key,
            PolicyName: `only-${key.ResourceId.split('/').pop()}`,
            PolicyType: 'TargetTrackingScaling',
            TargetTrackingScalingPolicyConfiguration: {
              TargetValue: 500,
              PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
            },
          }),
        );
      }
      const live = await fetchLiveState(clients, [b]);
      assert.deepEqual(
        live.targets.map((t) => t.ScalingPolicies.map((p) => p.PolicyName)),
        [['only-AllTraffic2']],
      );
    });

    it('reads more than one page of targets and of policies', async () => {
      const region = 'ap-northeast-1';
      const clients = await session(region);
      const keys = Array.from({ length: 60 }, (_, i) => variantKey(`bulk-${String(i).padStart(2, '0')}`));
      for (const key of keys)
        await clients.autoScaling.send(
          new RegisterScalableTargetCommand({
            ...key,
            MinCapacity: 1,
            MaxCapacity: 2,
          }),
        );
      // DescribeScalingPolicies pages by 10 at most.
      for (let i = 0; i < 12; i++) {
        await clients.autoScaling.send(
          new PutScalingPolicyCommand({
            ...keys[0]!,
            PolicyName: `p${i}`,
            PolicyType: 'StepScaling',
            StepScalingPolicyConfiguration: {
              AdjustmentType: 'ChangeInCapacity',
              StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
            },
          }),
        );
      }
      const live = await fetchLiveState(clients, keys, { concurrency: 8 });
      assert.equal(live.targets.length, 60);
      assert.deepEqual(
        live.targets.map((t) => t.ResourceId),
        keys.map((k) => k.ResourceId),
      );
      assert.equal(live.targets[0]!.ScalingPolicies.length, 12);
    });

    it('live checks point at the offending part of the file', async () => {
      const region = 'ap-southeast-1';
      const clients = await session(region);
      await seedEndpoint(clients, 'good');
      await seedEndpoint(clients, 'burst', [{ InstanceType: 'ml.t2.medium' }]);
      await seedEndpoint(clients, 'nolambda', [{ ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }]);
      const pc = 'sagemaker:variant:DesiredProvisionedConcurrency';
      const targets = [
        { ...target({ endpoint: 'good', noStep: true, noActions: true }) },
        { ...target({ endpoint: 'missing', noStep: true, noActions: true }) },
        { ...target({ endpoint: 'good', variant: 'Blue', noStep: true, noActions: true }) },
        { ...target({ endpoint: 'burst', noStep: true, noActions: true }) },
        { ...target({ endpoint: 'good', noStep: true, noActions: true }), ScalableDimension: pc, ScalingPolicies: [] },
        { ...target({ endpoint: 'nolambda', noStep: true, noActions: true }), ScalingPolicies: [] },
        {
          ...target({ endpoint: 'nolambda', noStep: true, noActions: true }),
          ScalableDimension: pc,
          MaxCapacity: 9,
          ScalingPolicies: [],
        },
        {
          ServiceNamespace: 'sagemaker',
          ResourceId: 'inference-component/ic-1',
          ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
          MinCapacity: 1,
          MaxCapacity: 2,
        },
      ];
      const text = scalingFile(region, targets);
      const { findings, skipped } = await runLiveChecks(clients, text);
      const got = findings.map((f) => [f.code, text.slice(f.start, f.end)]);
      assert.deepEqual(got, [
        ['sm.endpoint-exists', 'missing'],
        ['sm.variant-exists', 'Blue'],
        ['sm.burstable', 'AllTraffic'],
        ['sm.variant-kind', `"${pc}"`],
        ['sm.variant-kind', `"${INSTANCES}"`],
        ['sm.serverless-pc-max', '9'],
      ]);
      assert.ok(findings.every((f) => f.severity === 'error'));
      assert.match(findings[1]!.message, /has no variant "Blue"; its variants: "AllTraffic"/);
      assert.match(
        skipped.join('\n'),
        /sm\.ic-exists for ic-1/,
        'moto has no inference components: the check is skipped, not failed',
      );
      const silenced = await runLiveChecks(clients, text, {
        config: { rules: { 'sm.burstable': 'off', 'sm.variant-kind': 'warning' } },
      });
      assert.deepEqual(
        silenced.findings
          .map((f) => [f.code, f.severity])
          .filter(([c]) => c !== 'sm.endpoint-exists' && c !== 'sm.variant-exists' && c !== 'sm.serverless-pc-max'),
        [
          ['sm.variant-kind', 'warning'],
          ['sm.variant-kind', 'warning'],
        ],
      );
    });

    it('sm.endpoint-exists names the closest endpoint of the region when the name looks like a slip', async () => {
      const region = 'ap-southeast-2';
      const clients = await session(region);
      await seedEndpoint(clients, 'fraud-scoring');
      await seedEndpoint(clients, 'recommender');
      const text = scalingFile(region, [
        target({ endpoint: 'fraud-scorring', noStep: true, noActions: true }),
        target({ endpoint: 'unrelated', noStep: true, noActions: true }),
      ]);
      const { findings } = await runLiveChecks(clients, text);
      assert.deepEqual(
        findings.map((f) => [f.code, text.slice(f.start, f.end)]),
        [
          ['sm.endpoint-exists', 'fraud-scorring'],
          ['sm.endpoint-exists', 'unrelated'],
        ],
      );
      assert.match(
        findings[0]!.message,
        /^Endpoint "fraud-scorring" does not exist in ap-southeast-2; did you mean fraud-scoring\?/,
      );
      assert.doesNotMatch(findings[1]!.message, /did you mean/);
    });

    it('sm.endpoint-kind: the endpoint configuration says real-time or asynchronous for sure, against what the file assumes', async () => {
      const region = 'ca-central-1';
      const clients = await session(region);
      const asyncConfig = { AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://bucket/async-out' } } };
      await seedEndpoint(clients, 'rt-cpu');
      await seedEndpoint(clients, 'rt-backlog');
      await seedEndpoint(clients, 'queue-invocations', [{}], asyncConfig);
      await seedEndpoint(clients, 'queue-ok', [{}], asyncConfig);
      const described = await describeEndpoint(clients, 'queue-ok');
      assert.equal(described.asynchronous, true, 'DescribeEndpointConfig carries the AsyncInferenceConfig');
      assert.equal((await describeEndpoint(clients, 'rt-cpu')).asynchronous, false);

      const customized = (endpoint: string, metric: string, dims: string[]) => ({
        PolicyName: metric,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 5,
          CustomizedMetricSpecification: {
            Namespace: metric === 'CPUUtilization' ? '/aws/sagemaker/Endpoints' : 'AWS/SageMaker',
            MetricName: metric,
            Statistic: 'Average',
            Dimensions: dims.map((Name) => ({ Name, Value: Name === 'EndpointName' ? endpoint : 'AllTraffic' })),
          },
        },
      });
      const base = (endpoint: string, min: number, policies: unknown[]) => ({
        ...target({ endpoint, noStep: true, noActions: true }),
        MinCapacity: min,
        ScalingPolicies: policies,
      });
      const text = scalingFile(region, [
        // Real-time, but the file cannot tell (CPU): plan says so at MinCapacity 0.
        base('rt-cpu', 0, [customized('rt-cpu', 'CPUUtilization', ['EndpointName', 'VariantName'])]),
        // Real-time, watched on the backlog, which only asynchronous endpoints publish.
        base('rt-backlog', 1, [customized('rt-backlog', 'ApproximateBacklogSizePerInstance', ['EndpointName'])]),
        // Asynchronous, tracked on InvocationsPerInstance, which they do not publish.
        base('queue-invocations', 1, [
          {
            PolicyName: 'invocations',
            PolicyType: 'TargetTrackingScaling',
            TargetTrackingScalingPolicyConfiguration: {
              TargetValue: 100,
              PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
            },
          },
        ]),
        // Asynchronous at zero with its backlog policy: as AWS documents.
        base('queue-ok', 0, [customized('queue-ok', 'ApproximateBacklogSizePerInstance', ['EndpointName'])]),
      ]);
      const { findings } = await runLiveChecks(clients, text);
      const kind = findings.filter((f) => f.code === 'sm.endpoint-kind');
      assert.deepEqual(
        kind.map((f) => text.slice(f.start, f.end)),
        ['0', '"ApproximateBacklogSizePerInstance"', '"SageMakerVariantInvocationsPerInstance"'],
      );
      assert.match(
        kind[0]!.message,
        /Endpoint "rt-cpu" is real-time \(its configuration has no AsyncInferenceConfig\)/,
      );
      assert.match(kind[1]!.message, /SageMaker publishes it for asynchronous endpoints only/);
      assert.match(
        kind[2]!.message,
        /Endpoint "queue-invocations" is asynchronous, and InvocationsPerInstance never has data/,
      );
      assert.ok(kind.every((f) => f.severity === 'warning'));
    });

    it("sched.live-undoes-target: a live scheduled action that apply keeps undoes the file's bound; with prune it is deleted, so nothing to say", async () => {
      const region = 'me-south-1';
      const clients = await session(region);
      await seedWeekdayCap(clients, 'shop');
      // The file raises MaxCapacity to 8 and does not list the live action.
      const text = scalingFile(region, [
        { ...target({ endpoint: 'shop', noStep: true, noActions: true }), MaxCapacity: 8 },
      ]);
      const desired = desiredOf(text);
      const live = await fetchLiveState(clients, desired.targets);
      const now = new Date('2026-11-28T12:00:00Z');
      const kept = await runLiveChecks(clients, text, { live, prune: false, now });
      const undo = kept.findings.filter((f) => f.code === 'sched.live-undoes-target');
      assert.deepEqual(
        undo.map((f) => text.slice(f.start, f.end)),
        ['8'],
      );
      assert.match(
        undo[0]!.message,
        /Scheduled action "weekday-cap" is live on this target but not in the file, so apply keeps it .* sets MaxCapacity to 4 \(next on Mon 2026-11-30 08:00 \+01:00 \(Europe\/Berlin\)\)/,
      );
      const pruned = await runLiveChecks(clients, text, { live, prune: true, now });
      assert.deepEqual(
        pruned.findings.filter((f) => f.code === 'sched.live-undoes-target'),
        [],
      );
      // An action in the file that sets 8 again: the live one no longer undoes anything for good.
      const restoring = scalingFile(region, [
        {
          ...target({ endpoint: 'shop', noStep: true, noActions: true }),
          MaxCapacity: 8,
          ScheduledActions: [
            {
              ScheduledActionName: 'weekday-evening',
              Schedule: 'cron(0 20 ? * MON-FRI *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MaxCapacity: 8 },
            },
          ],
        },
      ]);
      const fine = await runLiveChecks(clients, restoring, { live, prune: false, now });
      assert.deepEqual(
        fine.findings.filter((f) => f.code === 'sched.live-undoes-target'),
        [],
      );
    });

    it('tt.custom-dimensions, alarm.metric-exists: a watched metric CloudWatch lacks with exactly these dimensions is a warning naming the sets it has', async () => {
      const region = 'eu-north-1';
      const clients = await session(region);
      await seedEndpoint(clients, 'shop');
      // What the endpoint publishes: per endpoint and variant, nothing per endpoint alone.
      await clients.cloudWatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/SageMaker',
          MetricData: [
            {
              MetricName: 'ModelLatency',
              Value: 1200,
              Dimensions: [
                { Name: 'EndpointName', Value: 'shop' },
                { Name: 'VariantName', Value: 'AllTraffic' },
              ],
            },
          ],
        }),
      );
      const policy = (name: string, dimensions: { Name: string; Value: string }[], metricName = 'ModelLatency') => ({
        PolicyName: name,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 1000,
          ScaleInCooldown: 300,
          ScaleOutCooldown: 60,
          CustomizedMetricSpecification: {
            MetricName: metricName,
            Namespace: 'AWS/SageMaker',
            Statistic: 'Average',
            Dimensions: dimensions,
          },
        },
      });
      const both = [
        { Name: 'EndpointName', Value: 'shop' },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ];
      const stepPolicy = (name: string, dimensions: { Name: string; Value: string }[]) => ({
        PolicyName: name,
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
          Cooldown: 300,
        },
        CloudWatchAlarm: {
          AlarmName: `${name}-high`,
          Namespace: 'AWS/SageMaker',
          MetricName: 'ModelLatency',
          Dimensions: dimensions,
          Statistic: 'Average',
          Period: 60,
          EvaluationPeriods: 2,
          Threshold: 200000,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      });
      const text = scalingFile(region, [
        {
          ...target({ endpoint: 'shop', noStep: true, noActions: true }),
          ScalingPolicies: [
            policy('exact', both),
            policy('reordered', [...both].reverse()),
            policy('endpoint-only', [{ Name: 'EndpointName', Value: 'shop' }]),
            policy('unpublished', both, 'InvocationsPerInstance'),
            stepPolicy('latency', both),
            stepPolicy('latency-typo', [
              { Name: 'EndpointName', Value: 'shop' },
              { Name: 'Variant', Value: 'AllTraffic' },
            ]),
          ],
        },
      ]);
      const { findings } = await runLiveChecks(clients, text);
      assert.deepEqual(
        findings.map((f) => [f.code, f.severity, text.slice(f.start, f.end)]),
        [
          ['tt.custom-dimensions', 'warning', '"Dimensions"'],
          ['tt.custom-dimensions', 'warning', '"Dimensions"'],
          ['alarm.metric-exists', 'warning', '"Dimensions"'],
        ],
      );
      assert.match(
        findings[0]!.message,
        /no AWS\/SageMaker metric ModelLatency with exactly the dimensions EndpointName=shop, so this policy would track nothing/,
      );
      assert.match(findings[0]!.message, /It has ModelLatency with: EndpointName=shop, VariantName=AllTraffic\./);
      assert.match(findings[1]!.message, /InvocationsPerInstance .*none in the last two weeks/);
      assert.match(
        findings[2]!.message,
        /dimensions EndpointName=shop, Variant=AllTraffic, so this alarm would get no data and never trigger its step policy/,
      );
      // Warnings: plan and apply go on.
      const silenced = await runLiveChecks(clients, text, {
        config: { rules: { 'tt.custom-dimensions': 'off', 'alarm.metric-exists': 'off' } },
      });
      assert.deepEqual(silenced.findings, []);
    });

    it('scaling activities and inference components degrade where moto lacks the calls', async () => {
      const clients = await session('ap-south-1');
      const activities = await fetchScalingActivities(clients, variantKey('any'));
      assert.deepEqual(activities.activities, []);
      assert.match(activities.unavailable ?? '', /does not implement DescribeScalingActivities/);
      assert.deepEqual(await listInferenceComponents(clients), []);
    });

    it('cancellation stops before the next call and reports what was not sent', async () => {
      const region = 'sa-east-1';
      const calls: CallRecord[] = [];
      const clients = await session(region, calls);
      await seedEndpoint(clients, 'cancel-me');
      const desired = desiredOf(scalingFile(region, [target({ endpoint: 'cancel-me' })]));
      const plan = planChanges(desired, await fetchLiveState(clients, desired.targets), { prune: false });
      const controller = new AbortController();
      calls.length = 0;
      const result = await applyPlan(clients, plan, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.state === 'applied' && p.index === 1) controller.abort();
        },
      });
      assert.equal(result.cancelled, true);
      assert.equal(result.failed, undefined);
      assert.deepEqual(
        result.applied.map((c) => c.kind),
        ['registerTarget', 'putPolicy'],
      );
      assert.deepEqual(result.notAttempted, plan.changes.slice(2));
      assert.deepEqual(ops(writes(calls)), ['RegisterScalableTarget', 'PutScalingPolicy']);
    });

    it('measures a 20-target apply: calls, and wall time sequential vs 4 targets at once', async (t) => {
      const measure = async (region: string, concurrency: number) => {
        const calls: CallRecord[] = [];
        const clients = await session(region, calls);
        // No endpoints needed: the live checks are not part of aws/apply (the CLI runs them).
        const names = Array.from({ length: 20 }, (_, i) => `fleet-${i}`);
        const desired = desiredOf(
          scalingFile(
            region,
            names.map((endpoint) => target({ endpoint })),
          ),
        );
        const live = await fetchLiveState(clients, desired.targets, { concurrency: 4 });
        const plan = planChanges(desired, live, { prune: false });
        calls.length = 0;
        const started = performance.now();
        const result = await applyPlan(clients, plan, { live, concurrency });
        const ms = performance.now() - started;
        assert.equal(result.failed, undefined);
        assert.equal(result.applied.length, plan.changes.length);
        const applyCalls = [...calls];
        const again = await cycle(clients, desired, calls);
        assert.deepEqual(writes(again.calls), [], 'the re-apply sends no write');
        return {
          ms,
          changes: plan.changes.length,
          writes: writes(applyCalls).length,
          reads: applyCalls.length - writes(applyCalls).length,
          noopReads: again.calls.length,
        };
      };
      const sequential = await measure('ca-central-1', 1);
      const parallel = await measure('eu-north-1', 4);
      assert.equal(sequential.writes, 120, '20 × (target, 2 policies, alarm, 2 actions)');
      assert.equal(parallel.writes, 120);
      t.diagnostic(
        `20-target apply: ${sequential.changes} changes, ${sequential.writes} writes + ${sequential.reads} reads; sequential ${Math.round(sequential.ms)} ms, 4 at once ${Math.round(parallel.ms)} ms; no-op re-apply ${sequential.noopReads} reads, 0 writes`,
      );
    });
  },
);
