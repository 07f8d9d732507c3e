import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeEndpoint, fetchScalingActivities, listInferenceComponents } from '../../aws/endpoints';
import { explainAwsError } from '../../aws/errors';
import { fetchLiveState } from '../../aws/fetchLive';
import { createClients, staticCredentials, type AwsClients, type CallRecord } from '../../aws/session';
import { forgetUnsupported } from '../../aws/unsupported';
import { cleanEnv, runCli, TEST_KEYS } from './cliProcess';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { motoAvailable, rejectionOf, seedEndpoint, startMoto, type Moto } from './moto';
import { variantKey } from './scalingFiles';

// Calls the API endpoint does not implement (moto answers ListInferenceComponents and
// DescribeScalingActivities with an HTTP 500 page) are sent once per endpoint URL and
// region, without retries, and not again: a proxy in front of moto counts what is sent.
// The sessions keep the default retries, as the extension and the CLI have them.

const NOT_SENT = 'not sent (unsupported here, as answered before)';

describe(
  'calls the API endpoint does not implement are asked once',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH' },
  () => {
    let moto: Moto;
    let proxy: FaultProxy;
    const open: AwsClients[] = [];

    before(async () => {
      moto = await startMoto();
      proxy = await startFaultProxy(moto.endpoint);
    });
    after(async () => {
      for (const c of open) c.destroy();
      await proxy?.close();
      await moto?.stop();
    });

    const session = async (region: string, calls?: CallRecord[]) => {
      const clients = await createClients(
        { region, endpointUrl: proxy.endpoint },
        {
          credentials: staticCredentials('testing', 'testing'),
          ...(calls ? { log: (_line: string, record: CallRecord) => calls.push(record) } : {}),
        },
      );
      open.push(clients);
      return clients;
    };
    const sent = (operation: string) => proxy.seen.filter((s) => s.operation === operation).length;
    const logged = (calls: CallRecord[], operation: string) =>
      calls.filter((c) => c.operation === operation).map((c) => `${c.outcome} ${c.attempts}`);

    it('expanding an endpoint three times sends ListInferenceComponents once, unretried; a new session remembers; another region asks once', async () => {
      const calls: CallRecord[] = [];
      const clients = await session('eu-north-1', calls);
      await seedEndpoint(clients, 'no-components');
      proxy.clear();
      // What the tree does when an endpoint is opened.
      for (let i = 0; i < 3; i++) {
        const [details, components] = await Promise.all([
          describeEndpoint(clients, 'no-components'),
          listInferenceComponents(clients, { endpointName: 'no-components' }),
        ]);
        assert.deepEqual(
          details.variants.map((v) => v.VariantName),
          ['AllTraffic'],
        );
        assert.deepEqual(components, []);
      }
      assert.equal(sent('ListInferenceComponents'), 1);
      assert.deepEqual(logged(calls, 'ListInferenceComponents'), ['SyntaxError 1', `${NOT_SENT} 0`, `${NOT_SENT} 0`]);

      const again = await session('eu-north-1');
      assert.deepEqual(await listInferenceComponents(again), []);
      assert.equal(sent('ListInferenceComponents'), 1, 'a new session at the same URL and region remembers');

      const elsewhere = await session('eu-south-1');
      assert.deepEqual(await listInferenceComponents(elsewhere), []);
      assert.equal(sent('ListInferenceComponents'), 2, 'another region asks for itself');
    });

    it("DescribeScalingActivities too; the tree's placeholder names the API endpoint, not the SageMaker endpoint", async () => {
      const clients = await session('ap-northeast-1');
      proxy.clear();
      for (let i = 0; i < 2; i++) {
        const { activities, unavailable } = await fetchScalingActivities(clients, variantKey('any'));
        assert.deepEqual(activities, []);
        assert.equal(
          unavailable,
          `The API endpoint ${proxy.endpoint} (where the calls go, not your SageMaker endpoint) does not implement DescribeScalingActivities: local stand-ins such as moto lack it.`,
        );
      }
      assert.equal(sent('DescribeScalingActivities'), 1);
    });

    it("a 503 page (a gateway's) is still retried; a 500 page is not, is remembered, and Refresh's forgetUnsupported asks again", async () => {
      const calls: CallRecord[] = [];
      const clients = await session('ca-central-1', calls);
      proxy.clear();
      proxy.add({ operation: 'DescribeScalableTargets', fault: { kind: 'page', status: 503 }, times: 2 });
      assert.deepEqual((await fetchLiveState(clients, [variantKey('gateway')])).targets, []);
      assert.deepEqual(logged(calls, 'DescribeScalableTargets'), ['ok 3']);

      proxy.add({ operation: 'DescribeScalableTargets', fault: { kind: 'page', status: 500 } });
      const first = await rejectionOf(fetchLiveState(clients, [variantKey('gateway')]));
      assert.match(
        explainAwsError(first),
        new RegExp(
          `^DescribeScalableTargets failed: ${proxy.endpoint} answered HTTP 500 with a body that is no AWS response\\.`,
        ),
      );
      const second = await rejectionOf(fetchLiveState(clients, [variantKey('gateway')]));
      assert.equal(
        explainAwsError(second),
        `DescribeScalableTargets is not available at ${proxy.endpoint}: it answered the call as unsupported before (local stand-ins such as moto lack some calls), so it was not sent again. Use AWS itself, or a stand-in that implements it.`,
      );
      assert.deepEqual(logged(calls, 'DescribeScalableTargets').slice(1), ['SyntaxError 1', `${NOT_SENT} 0`]);
      assert.equal(sent('DescribeScalableTargets'), 4, '3 attempts for the 503s, 1 for the 500');

      forgetUnsupported();
      assert.deepEqual((await fetchLiveState(clients, [variantKey('gateway')])).targets, []);
      assert.equal(sent('DescribeScalableTargets'), 5);
    });

    it("the CLI's fetch of two endpoints sends ListInferenceComponents once", async () => {
      const clients = await session('us-west-2');
      await seedEndpoint(clients, 'fetch-one');
      await seedEndpoint(clients, 'fetch-two');
      proxy.clear();
      const dir = mkdtempSync(join(tmpdir(), 'scaling-unsupported-'));
      try {
        const { stderr } = await runCli(
          ['fetch', 'fetch-one', 'fetch-two', '--region', 'us-west-2', '--endpoint-url', proxy.endpoint, '--verbose'],
          { cwd: dir, env: cleanEnv(dir, TEST_KEYS) },
        );
        assert.deepEqual(
          stderr
            .split('\n')
            .filter((l) => l.startsWith('aws: ListInferenceComponents'))
            .map((l) => l.replace(/ \d+ ms/, '')),
          [
            'aws: ListInferenceComponents us-west-2 SyntaxError HTTP 500',
            `aws: ListInferenceComponents us-west-2 ${NOT_SENT}`,
          ],
          stderr,
        );
        assert.equal(sent('ListInferenceComponents'), 1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
