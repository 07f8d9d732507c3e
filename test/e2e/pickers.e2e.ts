import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, answer, children, prompts, run, stopAnswering } from './helpers';

// Choose AWS Profile… and Choose AWS Region… against the seeded moto_server: the pickers
// offer the profiles of the shared files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE,
// which scripts/e2e/run.mjs points at empty files in its sandbox), store the choice in the
// user settings only, and the tree follows. Quick picks are answered through the hidden
// test command, as the modal questions are in aws.e2e.ts: the answer is what the user
// would type and accept.

const setting = (key: 'aws.profile' | 'aws.region') =>
  vscode.workspace.getConfiguration('sagemakerScaling').inspect<string>(key);

const DEFAULT_CHAIN = '$(key) Default credential chain';
const FROM_PROFILE = '$(settings) From the profile or environment';

/** The tree's top level, as labels, once it shows what `expected` wants (the session rebuilds after a settings change). */
async function rootsBecome(expected: (labels: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const labels = (await children()).map((c) => c.label);
    if (expected(labels)) return labels;
    if (Date.now() > deadline) assert.fail(`the tree did not show ${what}; it shows: ${labels.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const listsSeededEndpoints = (labels: string[]) => labels.includes('e2e-alpha') && labels.includes('e2e-beta');

suite('Choosing the AWS profile and region', function () {
  suiteSetup(async function () {
    if (!process.env.AWS_ENDPOINT_URL) this.skip(); // run.mjs found no moto_server
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    writeFileSync(process.env.AWS_CONFIG_FILE!, '[profile e2e-team]\nregion = eu-west-1\n');
    writeFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      '[e2e-team]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
    );
  });

  suiteTeardown(async () => {
    if (!process.env.AWS_ENDPOINT_URL) return;
    await answer(DEFAULT_CHAIN, FROM_PROFILE);
    await run('sagemakerScaling.selectProfile');
    await run('sagemakerScaling.selectRegion');
    await stopAnswering();
    writeFileSync(process.env.AWS_CONFIG_FILE!, '');
    writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, '');
  });

  test("Choose AWS Profile… lists the shared files' profiles, stores the choice in the user settings, and the tree reads the profile's region", async () => {
    await rootsBecome(listsSeededEndpoints, 'the seeded endpoints (region us-east-1 from the environment)');
    await answer('e2e-team');
    assert.equal(await run<string>('sagemakerScaling.selectProfile'), 'e2e-team');
    const [asked] = await prompts();
    assert.deepEqual(
      [asked?.kind, asked?.message, asked?.items, asked?.answer],
      ['pick', 'AWS profile for SageMaker Scaling', [DEFAULT_CHAIN, 'e2e-team'], 'e2e-team'],
    );
    assert.deepEqual(
      [setting('aws.profile')?.globalValue, setting('aws.profile')?.workspaceValue],
      ['e2e-team', undefined],
    );
    // The profile's region (eu-west-1) comes before AWS_REGION: moto has no endpoints there.
    await rootsBecome((labels) => labels.join() === 'No SageMaker endpoints in eu-west-1', "the profile's region");
  });

  test('Choose AWS Region… takes a listed or a typed region, refuses text that is not one (a typo too), and "From the profile or environment" clears it', async () => {
    await answer('not a region');
    assert.equal(await run<string | undefined>('sagemakerScaling.selectRegion'), undefined);
    assert.equal(setting('aws.region')?.globalValue, undefined, 'nothing stored');
    // Shaped like a region, but none the AWS SDK knows: refused, not stored as eu-central-1 either.
    await answer('eu-centrl-1');
    assert.equal(await run<string | undefined>('sagemakerScaling.selectRegion'), undefined);
    assert.equal(setting('aws.region')?.globalValue, undefined, 'a typo is not stored');

    await answer('us-east-1');
    assert.equal(await run<string>('sagemakerScaling.selectRegion'), 'us-east-1');
    assert.deepEqual(
      [setting('aws.region')?.globalValue, setting('aws.region')?.workspaceValue],
      ['us-east-1', undefined],
    );
    await rootsBecome(listsSeededEndpoints, "the seeded endpoints (the region setting before the profile's)");

    await answer('il-central-1');
    assert.equal(await run<string>('sagemakerScaling.selectRegion'), 'il-central-1');
    assert.equal(setting('aws.region')?.globalValue, 'il-central-1');
    assert.ok((await prompts())[0]?.items?.includes('eu-central-1'), 'the common regions are listed');
    await rootsBecome((labels) => labels.join() === 'No SageMaker endpoints in il-central-1', 'the typed region');

    await answer(FROM_PROFILE);
    assert.equal(await run<string>('sagemakerScaling.selectRegion'), '');
    assert.equal(setting('aws.region')?.globalValue, undefined);
    await rootsBecome(
      (labels) => labels.join() === 'No SageMaker endpoints in eu-west-1',
      "the profile's region again",
    );

    await answer(DEFAULT_CHAIN);
    assert.equal(await run<string>('sagemakerScaling.selectProfile'), '');
    assert.equal(setting('aws.profile')?.globalValue, undefined);
    await rootsBecome(listsSeededEndpoints, "the seeded endpoints (the environment's region)");
  });
});
