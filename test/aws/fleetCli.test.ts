import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import type { AwsClients } from '../../aws/session';
import type { PlanReport } from '../../core/plan/planReport';
import { parseSavedPlan, sealSavedPlan } from '../../core/plan/savedPlan';
import { sha256 } from '../../cli/hash';
import { REPO_ROOT } from '../paths';
import { describeWithBoto3, motoAvailable, seedEndpoint } from './moto';
import { motoForSuite } from './motoSuite';
import { cleanEnv, runCli, TEST_KEYS } from './cliProcess';
import { scalingFile, target, variantKey } from './scalingFiles';

// Several files at a time, the formats CI reads (plan --format json|markdown) and saved
// plans (plan --out, apply --plan), through the bundled CLI against moto_server; what was
// written is read back with boto3.

describe(
  'plan and apply over several files, their formats and saved plans',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH' },
  () => {
    const moto = motoForSuite();
    let dir: string;
    let seed: AwsClients;
    const region = 'eu-west-1';

    const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      runCli([...args, '--endpoint-url', moto.endpoint], {
        cwd: dir,
        env: cleanEnv(dir, { ...TEST_KEYS, AWS_REGION: region, ...env }),
      });
    const write = (name: string, endpoints: string[], max = 10) =>
      writeFileSync(
        join(dir, name),
        scalingFile(
          region,
          endpoints.map((endpoint) => target({ endpoint, max, noStep: true })),
        ),
      );

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'scaling-fleet-'));
      mkdirSync(join(dir, 'fleet', 'team-b'), { recursive: true });
      seed = await moto.session(region);
      for (const name of ['alpha', 'beta', 'gamma', 'delta', 'saved-a', 'saved-b', 'clash'])
        await seedEndpoint(seed, name);
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('plans a folder as one: text by file with one summary, JSON to its schema, Markdown for a pull request', async () => {
      write('fleet/alpha.scaling.json', ['alpha']);
      write('fleet/team-b/beta-gamma.scaling.json', ['beta', 'gamma']);
      const text = await run(['plan', 'fleet']);
      assert.equal(text.code, 3, text.stderr);
      assert.match(text.stdout, /^== fleet\/alpha\.scaling\.json \(region eu-west-1\)\nPlan: 4 to create/m);
      assert.match(
        text.stdout,
        /^== fleet\/team-b\/beta-gamma\.scaling\.json \(region eu-west-1\)\nPlan: 8 to create/m,
      );
      assert.match(text.stdout, /\n2 files: 12 to create, 0 to update, 0 to delete\.\n$/);

      const json = await run(['plan', '--format', 'json', 'fleet']);
      assert.equal(json.code, 3, json.stderr);
      const report = JSON.parse(json.stdout) as PlanReport;
      const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'plan-report.schema.json'), 'utf8')) as object;
      const validate = new Ajv({ allErrors: true }).compile(schema);
      assert.equal(validate(report), true, JSON.stringify(validate.errors));
      assert.deepEqual(report.summary, { files: 2, failed: 0, create: 12, update: 0, delete: 0, unmanaged: 0 });
      const policy = report.files[0]!.changes.find((c) => c.kind === 'scalingPolicy')!;
      assert.deepEqual(
        { action: policy.action, object: policy.object, target: policy.target },
        { action: 'create', object: 'invocations', target: variantKey('alpha') },
      );
      assert.ok(
        policy.fields.some(
          (f) =>
            f.path === 'TargetTrackingScalingPolicyConfiguration.TargetValue' && f.after === 700 && !('before' in f),
        ),
        JSON.stringify(policy.fields),
      );

      const markdown = await run(['plan', '--format', 'markdown', 'fleet']);
      assert.equal(markdown.code, 3);
      assert.match(markdown.stdout, /^### sagemaker-scaling plan: Plan: 12 to create, 0 to update, 0 to delete\n/);
      assert.match(markdown.stdout, /\| `fleet\/alpha\.scaling\.json` \| `eu-west-1` \| 4 \| 0 \| 0 \| 0 \|/);
      assert.match(
        markdown.stdout,
        /- `\+` create policy `invocations`\n {2}- `PolicyType`: `"TargetTrackingScaling"`\n {2}- `TargetTrackingScalingPolicyConfiguration\.TargetValue`: `700`/,
      );

      // Applied, both files are in sync: exit 0, and the JSON says no changes.
      const apply = await run(['apply', '--yes', 'fleet']);
      assert.equal(apply.code, 0, apply.stderr);
      const again = await run(['plan', '--format', 'json', 'fleet']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal((JSON.parse(again.stdout) as PlanReport).summary.create, 0);
      const beta = describeWithBoto3(moto.endpoint, region, variantKey('gamma'));
      assert.equal(beta.targets[0]!.MaxCapacity, 10);
      assert.deepEqual(beta.actions.map((a) => a.ScheduledActionName).sort(), [
        'scale-down-evening',
        'scale-up-morning',
      ]);
    });

    it('refuses files that name the same target, and a folder with a file with errors applies nothing', async () => {
      write('clash-1.scaling.json', ['clash']);
      write('clash-2.scaling.json', ['clash', 'delta']);
      const r = await run(['plan', 'clash-1.scaling.json', 'clash-2.scaling.json']);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /clash-1\.scaling\.json: target endpoint\/clash\/variant\/AllTraffic \(sagemaker:variant:DesiredInstanceCount\) is also in clash-2\.scaling\.json/,
      );

      mkdirSync(join(dir, 'mixed'));
      write('mixed/good.scaling.json', ['delta']);
      writeFileSync(
        join(dir, 'mixed', 'bad.scaling.json'),
        scalingFile(region, [{ ...target({ endpoint: 'delta' }), MinCapacity: 20 }]),
      );
      const apply = await run(['apply', '--yes', 'mixed']);
      assert.equal(apply.code, 1);
      assert.match(apply.stderr, /nothing applied: 1 of 2 files cannot be applied/);
      assert.deepEqual(describeWithBoto3(moto.endpoint, region, variantKey('delta')).targets, [], 'nothing registered');
    });

    it('applies a saved plan exactly, and only while AWS and the files are as planned', async () => {
      write('saved.scaling.json', ['saved-a', 'saved-b']);
      const plan = await run(['plan', '--out', 'plan.json', 'saved.scaling.json']);
      assert.equal(plan.code, 3, plan.stderr);
      assert.match(plan.stderr, /Saved the plan to plan\.json/);
      const saved = readFileSync(join(dir, 'plan.json'), 'utf8');

      // Bad input: each refused with its reason, exit 2, nothing written.
      const variants: [string, string, RegExp][] = [
        ['truncated.json', saved.slice(0, saved.length / 2), /does not read as JSON .*truncated/],
        [
          'edited.json',
          saved.replace('"MaxCapacity": 10', '"MaxCapacity": 11'),
          /changed after plan wrote it \(its checksum does not match\)/,
        ],
        [
          'older.json',
          saved.replace('"formatVersion": 1', '"formatVersion": 0'),
          /saved plan of format 0 .*applies format 1 only/,
        ],
        ['other.json', '{"ScalableTargets": []}', /is not a saved plan/],
      ];
      for (const [name, text, reason] of variants) {
        writeFileSync(join(dir, name), text);
        const r = await run(['apply', '--yes', '--plan', name]);
        assert.equal(r.code, 2, `${name}: ${r.stderr}`);
        assert.match(r.stderr, reason, name);
        assert.match(r.stderr, /nothing applied/);
      }
      const wrongRegion = await run(['apply', '--yes', '--plan', 'plan.json', '--region', 'us-east-2']);
      assert.equal(wrongRegion.code, 2);
      assert.match(wrongRegion.stderr, /--region us-east-2 contradicts the file's "Region": "eu-west-1"/);
      // A plan written for another account (moto has one): sealed as plan seals it, refused for the account.
      const forOther = parseSavedPlan(saved, sha256, 'plan.json');
      const { checksum: _, kind: __, formatVersion: ___, ...body } = forOther;
      writeFileSync(
        join(dir, 'other-account.json'),
        JSON.stringify(
          sealSavedPlan({ ...body, files: body.files.map((f) => ({ ...f, account: '111122223333' })) }, sha256),
        ),
      );
      const otherAccount = await run(['apply', '--yes', '--plan', 'other-account.json']);
      assert.equal(otherAccount.code, 1);
      assert.match(
        otherAccount.stderr,
        /saved\.scaling\.json was planned for account 111122223333; these credentials are for account 123456789012/,
      );
      write('other.scaling.json', ['saved-a']);
      const otherFile = await run(['apply', '--yes', '--plan', 'plan.json', 'other.scaling.json']);
      assert.equal(otherFile.code, 1);
      assert.match(
        otherFile.stderr,
        /other\.scaling\.json is not in the plan \(it was made from saved\.scaling\.json\)/,
      );
      assert.match(otherFile.stderr, /the plan also covers saved\.scaling\.json, which was not named: name every file/);
      assert.deepEqual(
        describeWithBoto3(moto.endpoint, region, variantKey('saved-a')).targets,
        [],
        'nothing written so far',
      );

      // The file changes after the plan: refused.
      const original = readFileSync(join(dir, 'saved.scaling.json'), 'utf8');
      writeFileSync(join(dir, 'saved.scaling.json'), original.replace('"MaxCapacity": 10', '"MaxCapacity": 12'));
      const changedFile = await run(['apply', '--yes', '--plan', 'plan.json']);
      assert.equal(changedFile.code, 1);
      assert.match(changedFile.stderr, /saved\.scaling\.json changed since the plan was made/);
      writeFileSync(join(dir, 'saved.scaling.json'), original);

      // AWS changes after the plan: saved-b registered by someone else. Refused, naming it; nothing written.
      await seed.autoScaling.send(
        new RegisterScalableTargetCommand({
          ...variantKey('saved-b'),
          MinCapacity: 1,
          MaxCapacity: 3,
        }),
      );
      const drifted = await run(['apply', '--yes', '--plan', 'plan.json', '--verbose']);
      assert.equal(drifted.code, 1, drifted.stderr);
      assert.match(
        drifted.stderr,
        /endpoint\/saved-b\/variant\/AllTraffic \(sagemaker:variant:DesiredInstanceCount\) it was registered since the plan\. AWS no longer matches what was planned: plan again\./,
      );
      assert.doesNotMatch(
        drifted.stderr,
        /aws: (RegisterScalableTarget|PutScalingPolicy|PutScheduledAction) /,
        'no write was sent',
      );
      assert.deepEqual(describeWithBoto3(moto.endpoint, region, variantKey('saved-a')).targets, []);

      // Planned again, applied as saved: exactly the plan's changes, then nothing left to do.
      const replan = await run(['plan', '--out', 'plan.json', 'saved.scaling.json']);
      assert.equal(replan.code, 3);
      assert.match(replan.stdout, /~ update target\n\s+MaxCapacity: 3 → 10/);
      const applied = await run(['apply', '--yes', '--plan', 'plan.json']);
      assert.equal(applied.code, 0, applied.stderr);
      assert.match(applied.stdout, /Applied 8 changes\./);
      assert.equal(describeWithBoto3(moto.endpoint, region, variantKey('saved-b')).targets[0]!.MaxCapacity, 10);
      assert.equal((await run(['plan', 'saved.scaling.json'])).code, 0);
      // Applying the same saved plan again: AWS moved on (the plan's own changes), so it is refused.
      const twice = await run(['apply', '--yes', '--plan', 'plan.json']);
      assert.equal(twice.code, 1);
      assert.match(twice.stderr, /AWS no longer matches what was planned/);
    });
  },
);
