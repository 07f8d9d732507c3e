import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchCallerIdentity } from '../../aws/identity';
import { listEndpoints } from '../../aws/endpoints';
import { createClients, isReadOperation, resolveSettings, type AwsClients } from '../../aws/session';
import { explainAwsError } from '../../aws/errors';
import {
  freePort,
  motoAvailable,
  rejectionOf,
  seedEndpoint,
  seedWeekdayCap,
  startMoto,
  testClients,
  type Moto,
} from './moto';
import { runCli, type CliRun } from './cliProcess';
import { scalingFile, target } from './scalingFiles';

// sagemaker-scaling plan / apply / fetch as a user runs them: the bundled CLI as a child
// process against moto_server, with credentials, region and endpoint from a temporary
// shared config file (never the user's own ~/.aws: HOME points at a temporary folder too).

describe(
  'sagemaker-scaling plan / apply / fetch',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH' },
  () => {
    let moto: Moto;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const open: AwsClients[] = [];
    const region = 'ap-southeast-2'; // the profile's region

    /** Runs the CLI with a clean environment: no AWS variable of the machine leaks in. */
    const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
      runCli(args, { cwd: dir, env: { ...env, ...extraEnv } });
    const awsLines = (r: CliRun) =>
      r.stderr
        .split('\n')
        .filter((l) => l.startsWith('aws: '))
        .map((l) => l.split(' ')[1]!);
    const noStack = (r: CliRun) => assert.doesNotMatch(r.stderr, /\n\s+at .*:\d+:\d+/, 'no stack trace');

    before(async () => {
      moto = await startMoto();
      dir = mkdtempSync(join(tmpdir(), 'scaling-aws-cli-'));
      const home = join(dir, 'home');
      writeFileSync(
        join(dir, 'config'),
        [
          '[profile scaling-test]',
          `region = ${region}`,
          `endpoint_url = ${moto.endpoint}`,
          '',
          '[profile no-keys]',
          'region = us-east-1',
          '',
          '[profile sso-user]',
          'sso_session = corp',
          'sso_account_id = 123456789012',
          'sso_role_name = Admin',
          'region = us-east-1',
          '',
          '[sso-session corp]',
          'sso_start_url = https://example.awsapps.com/start',
          'sso_region = us-east-1',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'credentials'),
        ['[scaling-test]', 'aws_access_key_id = testing', 'aws_secret_access_key = testing', ''].join('\n'),
      );
      env = {
        PATH: process.env.PATH,
        HOME: home,
        AWS_CONFIG_FILE: join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        // No AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: the CLI must not need it.
      };
      const seed = await testClients(moto.endpoint, region);
      open.push(seed);
      await seedEndpoint(seed, 'checkout');
      await seedEndpoint(seed, 'fetched');
      writeFileSync(join(dir, 'checkout.scaling.json'), scalingFile(region, [target({ endpoint: 'checkout' })]));
    });
    after(async () => {
      for (const c of open) c.destroy();
      await moto?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('resolves region and endpoint from the profile, credentials from the credentials file', async () => {
      const resolved = await resolveSettings({ profile: 'scaling-test' }, env);
      assert.deepEqual(
        [resolved.region, resolved.regionSource, resolved.endpoints.SAGEMAKER],
        [region, 'profile', moto.endpoint],
      );
      assert.equal(
        (
          await resolveSettings(
            { profile: 'scaling-test', region: 'eu-west-3', endpointUrl: 'http://127.0.0.1:1' },
            env,
          )
        ).region,
        'eu-west-3',
        'explicit wins',
      );
      const fromEnv = await resolveSettings(
        {},
        { ...env, AWS_REGION: 'eu-south-1', AWS_ENDPOINT_URL: 'http://a:1', AWS_ENDPOINT_URL_STS: 'http://b:2' },
      );
      assert.deepEqual(
        [fromEnv.profile, fromEnv.region, fromEnv.regionSource, fromEnv.endpoints.STS, fromEnv.endpoints.SAGEMAKER],
        ['default', 'eu-south-1', 'environment', 'http://b:2', 'http://a:1'],
      );
      const ignored = await resolveSettings(
        {},
        { ...env, AWS_PROFILE: 'scaling-test', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      );
      assert.deepEqual([ignored.profile, ignored.region, ignored.endpoints], ['scaling-test', region, {}]);

      // In process: the SDK's credential chain reads the same files (through process.env).
      const saved = { ...process.env };
      Object.assign(process.env, {
        AWS_CONFIG_FILE: env.AWS_CONFIG_FILE,
        AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE,
        HOME: env.HOME,
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      for (const name of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_PROFILE',
        'AWS_REGION',
        'AWS_DEFAULT_REGION',
        'AWS_ENDPOINT_URL',
      ])
        delete process.env[name];
      try {
        const clients = await createClients({ profile: 'scaling-test' }, { retry: { maxAttempts: 1 } });
        open.push(clients);
        assert.equal(clients.settings.region, region);
        assert.equal((await fetchCallerIdentity(clients)).Account, '123456789012');
        assert.ok((await listEndpoints(clients)).some((e) => e.EndpointName === 'checkout'));
        const missing = await createClients(
          { profile: 'nobody', region: 'us-east-1', endpointUrl: moto.endpoint },
          { retry: { maxAttempts: 1 } },
        );
        open.push(missing);
        const error = await rejectionOf(fetchCallerIdentity(missing));
        assert.match(
          explainAwsError(error, { profile: 'nobody' }),
          /^No AWS credentials found for profile nobody: .*aws configure --profile nobody/,
        );
      } finally {
        for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
        Object.assign(process.env, saved);
      }
    });

    it('plan exits 3, apply --yes applies, plan exits 0; the profile gives credentials, region and endpoint', async () => {
      const plan = await run(['plan', 'checkout.scaling.json', '--profile', 'scaling-test']);
      assert.equal(plan.code, 3, plan.stderr);
      assert.match(plan.stdout, /^Region ap-southeast-2\nPlan: 6 to create, 0 to update, 0 to delete\./);
      assert.doesNotMatch(plan.stderr, /NodeVersionSupportWarning|Warning:/, "no SDK banner about Node's version");
      const apply = await run(['apply', 'checkout.scaling.json', '--yes', '--verbose'], {
        AWS_PROFILE: 'scaling-test',
      });
      assert.equal(apply.code, 0, apply.stderr);
      assert.match(apply.stderr, /Applying 6 changes to account 123456789012 in region ap-southeast-2 \(--yes\)\./);
      assert.match(apply.stdout, /Applied 6 changes\./);
      assert.deepEqual(
        awsLines(apply).filter((op) => !/^(Describe|List|Get)/.test(op)),
        [
          'RegisterScalableTarget',
          'PutScalingPolicy',
          'PutScalingPolicy',
          'PutMetricAlarm',
          'PutScheduledAction',
          'PutScheduledAction',
        ],
      );
      assert.doesNotMatch(apply.stderr, /testing/, 'no credential in the log');
      const again = await run(['plan', 'checkout.scaling.json', '--profile', 'scaling-test']);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /No changes: AWS matches the file\./);
      const reapply = await run(['apply', 'checkout.scaling.json', '--profile', 'scaling-test', '--yes', '--verbose']);
      assert.equal(reapply.code, 0);
      assert.deepEqual(
        awsLines(reapply).filter((op) => !/^(Describe|List|Get)/.test(op)),
        [],
        'a no-op apply only reads',
      );
    });

    it('apply asks on a terminal only: without one and without --yes it refuses before any call', async () => {
      const r = await run(['apply', 'checkout.scaling.json', '--profile', 'scaling-test', '--verbose']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /stdin is not a terminal.*pass --yes/);
      assert.deepEqual(awsLines(r), []);
    });

    it('refuses a file with errors, and a file that fails a live check, naming the location', async () => {
      writeFileSync(
        join(dir, 'bad.scaling.json'),
        scalingFile(region, [{ ...target({ endpoint: 'checkout' }), MinCapacity: 9, MaxCapacity: 2 }]),
      );
      for (const command of ['plan', 'apply']) {
        const r = await run([
          command,
          'bad.scaling.json',
          '--profile',
          'scaling-test',
          '--verbose',
          ...(command === 'apply' ? ['--yes'] : []),
        ]);
        assert.equal(r.code, 1, command);
        assert.match(r.stderr, /bad\.scaling\.json:\d+:\d+ error target\.min-le-max/);
        assert.deepEqual(awsLines(r), [], `${command}: nothing is read from AWS`);
      }
      writeFileSync(join(dir, 'ghost.scaling.json'), scalingFile(region, [target({ endpoint: 'ghost' })]));
      const r = await run(['apply', 'ghost.scaling.json', '--profile', 'scaling-test', '--yes', '--verbose']);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /ghost\.scaling\.json:6:31 error sm\.endpoint-exists Endpoint "ghost" does not exist in ap-southeast-2/,
      );
      assert.ok(awsLines(r).every(isReadOperation), `only the checks' reads: ${awsLines(r).join(', ')}`);
      assert.ok(
        awsLines(r).some((op) => op === 'ListMetrics'),
        "the step policy's alarm metric was looked up",
      );
      noStack(r);
    });

    it('fetch prints or writes atomically, never over an existing file without --force; the file lints clean and plans empty', async () => {
      const seed = await testClients(moto.endpoint, region);
      open.push(seed);
      writeFileSync(join(dir, 'for-fetch.scaling.json'), scalingFile(region, [target({ endpoint: 'fetched' })]));
      assert.equal((await run(['apply', 'for-fetch.scaling.json', '--profile', 'scaling-test', '--yes'])).code, 0);

      const printed = await run(['fetch', 'fetched', '--profile', 'scaling-test']);
      assert.equal(printed.code, 0, printed.stderr);
      assert.match(printed.stdout, /"ResourceId": "endpoint\/fetched\/variant\/AllTraffic"/);
      const out = join(dir, 'out.scaling.json');
      const written = await run(['fetch', 'fetched', '-o', out, '--profile', 'scaling-test']);
      assert.equal(written.code, 0, written.stderr);
      assert.equal(readFileSync(out, 'utf8'), printed.stdout, 'the same document as printed');
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
        'no temporary file left',
      );

      writeFileSync(out, '// my edits\n');
      const refused = await run(['fetch', 'fetched', '-o', out, '--profile', 'scaling-test', '--verbose']);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /out\.scaling\.json exists: pass --force/);
      assert.deepEqual(awsLines(refused), [], 'refused before any call');
      assert.equal(readFileSync(out, 'utf8'), '// my edits\n');
      const forced = await run([
        'fetch',
        'endpoint/fetched/variant/AllTraffic',
        '-o',
        out,
        '--force',
        '--profile',
        'scaling-test',
      ]);
      assert.equal(forced.code, 0, forced.stderr);

      const lint = await run(['lint', out]);
      assert.equal(lint.code, 0, lint.stdout + lint.stderr);
      assert.match(lint.stderr, /0 errors/);
      const plan = await run(['plan', out, '--profile', 'scaling-test', '--prune']);
      assert.equal(plan.code, 0, plan.stdout + plan.stderr);

      const none = await run(['fetch', 'no-such-endpoint', '--profile', 'scaling-test']);
      assert.equal(none.code, 1);
      assert.match(
        none.stderr,
        /no endpoint named no-such-endpoint in ap-southeast-2; its endpoints: checkout, fetched\n/,
        'names the endpoints there are',
      );
      const typo = await run(['fetch', 'checkuot', '--profile', 'scaling-test']);
      assert.equal(typo.code, 1);
      assert.match(typo.stderr, /no endpoint named checkuot in ap-southeast-2: did you mean checkout\?\n/);
      await seedEndpoint(seed, 'bare');
      const unscaled = await run(['fetch', 'bare', '--profile', 'scaling-test']);
      assert.equal(unscaled.code, 1);
      assert.match(
        unscaled.stderr,
        /no scalable target is registered for bare in ap-southeast-2, so it is not auto scaled: there is nothing to fetch\n/,
      );
      const bad = await run(['fetch', 'not/a/resource', '--profile', 'scaling-test']);
      assert.equal(bad.code, 2);
      assert.ok(!existsSync(join(dir, 'not')));
    });

    it("plan warns of a live scheduled action that apply keeps and that undoes the file's bound (sched.live-undoes-target); with --prune it is deleted instead", async () => {
      const seed = await testClients(moto.endpoint, region);
      open.push(seed);
      await seedWeekdayCap(seed, 'weekly');
      // The file raises MaxCapacity to 8 and does not list the live action.
      const file = scalingFile(region, [
        { ...target({ endpoint: 'weekly', noStep: true, noActions: true }), MaxCapacity: 8 },
      ]);
      writeFileSync(join(dir, 'weekly.scaling.json'), file);
      const line = file.slice(0, file.indexOf('"MaxCapacity": 8')).split('\n').length;

      const plan = await run(['plan', 'weekly.scaling.json', '--profile', 'scaling-test']);
      assert.equal(plan.code, 3, plan.stderr);
      assert.match(
        plan.stderr,
        new RegExp(
          `weekly\\.scaling\\.json:${line}:\\d+ warning sched\\.live-undoes-target Scheduled action "weekday-cap" is live on this target but not in the file, so apply keeps it`,
        ),
      );
      assert.match(plan.stderr, /sets MaxCapacity to 4 \(next on .* \(Europe\/Berlin\)\)/);

      const pruned = await run(['plan', 'weekly.scaling.json', '--prune', '--profile', 'scaling-test']);
      assert.equal(pruned.code, 3, pruned.stderr);
      assert.doesNotMatch(pruned.stderr, /sched\.live-undoes-target/);
      assert.match(pruned.stdout, /delete scheduled action "weekday-cap"/);
    });

    it('says how to fix credentials, SSO sessions, unreachable endpoints and region conflicts, without a stack trace', async () => {
      const missing = await run([
        'plan',
        'checkout.scaling.json',
        '--profile',
        'nobody',
        '--endpoint-url',
        moto.endpoint,
      ]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No AWS credentials found for profile nobody: .*aws configure --profile nobody/);
      noStack(missing);

      const noKeys = await run([
        'plan',
        'checkout.scaling.json',
        '--profile',
        'no-keys',
        '--endpoint-url',
        moto.endpoint,
      ]);
      assert.equal(noKeys.code, 1);
      assert.match(noKeys.stderr, /No AWS credentials found for profile no-keys/);

      const sso = await run([
        'plan',
        'checkout.scaling.json',
        '--profile',
        'sso-user',
        '--endpoint-url',
        moto.endpoint,
      ]);
      assert.equal(sso.code, 1);
      assert.match(sso.stderr, /aws sso login --profile sso-user/);
      noStack(sso);

      const port = await freePort();
      const unreachable = await run([
        'plan',
        'checkout.scaling.json',
        '--profile',
        'scaling-test',
        '--endpoint-url',
        `http://127.0.0.1:${port}`,
      ]);
      assert.equal(unreachable.code, 1);
      assert.match(
        unreachable.stderr,
        new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port} for DescribeEndpoint: the connection was refused`),
      );
      noStack(unreachable);

      const conflict = await run([
        'plan',
        'checkout.scaling.json',
        '--profile',
        'scaling-test',
        '--region',
        'us-east-1',
      ]);
      assert.equal(conflict.code, 2);
      assert.match(conflict.stderr, /--region us-east-1 contradicts the file's "Region": "ap-southeast-2"/);

      const unknown = await run(['fetch', 'x', '--profile', 'no-keys'], { AWS_CONFIG_FILE: join(dir, 'credentials') });
      assert.equal(unknown.code, 1);
      assert.match(
        unknown.stderr,
        /Profile no-keys is not in the shared config files .*: run aws configure --profile no-keys/,
      );
      const noRegion = await run(['fetch', 'x', '--profile', 'scaling-test'], {
        AWS_CONFIG_FILE: join(dir, 'credentials'),
      });
      assert.equal(noRegion.code, 1);
      assert.match(noRegion.stderr, /No AWS region is configured for profile scaling-test: pass --region/);
    });

    it('a region the AWS SDK does not know is refused before any call, with the region meant', async () => {
      const flag = await run([
        'fetch',
        'checkout',
        '--profile',
        'scaling-test',
        '--region',
        'eu-centrl-1',
        '--verbose',
      ]);
      assert.equal(flag.code, 2);
      assert.match(
        flag.stderr,
        /^sagemaker-scaling fetch: --region "eu-centrl-1" is not an AWS Region: did you mean eu-central-1\?\n$/,
      );
      // A file's Region is one of its findings (format.region-unknown), so plan stops at the file's errors.
      writeFileSync(join(dir, 'typo.scaling.json'), scalingFile('eu-centrl-1', [target({ endpoint: 'checkout' })]));
      const file = await run(['plan', 'typo.scaling.json', '--profile', 'scaling-test', '--verbose']);
      assert.equal(file.code, 1);
      assert.match(
        file.stderr,
        /^typo\.scaling\.json:2:\d+ error format\.region-unknown "eu-centrl-1" is not an AWS Region: did you mean eu-central-1 \(Europe \(Frankfurt\)\)\?/m,
      );
      assert.match(file.stderr, /sagemaker-scaling plan: typo\.scaling\.json: 1 error in the file: fix it first/);
      // With that rule turned off, plan's own check of the Region still refuses it before any call.
      mkdirSync(join(dir, 'region-rule-off'), { recursive: true });
      writeFileSync(join(dir, 'region-rule-off', '.scalingrc.json'), '{ "rules": { "format.region-unknown": "off" } }');
      writeFileSync(
        join(dir, 'region-rule-off', 'typo.scaling.json'),
        scalingFile('eu-centrl-1', [target({ endpoint: 'checkout' })]),
      );
      const ruleOff = await run([
        'plan',
        join('region-rule-off', 'typo.scaling.json'),
        '--profile',
        'scaling-test',
        '--verbose',
      ]);
      assert.equal(ruleOff.code, 1);
      assert.match(
        ruleOff.stderr,
        /The file's "Region": "eu-centrl-1" is not an AWS Region: did you mean eu-central-1\?/,
      );
      const env = await run(['fetch', 'checkout', '--verbose', '--endpoint-url', moto.endpoint], {
        AWS_REGION: 'us-est-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
      });
      assert.equal(env.code, 1);
      assert.match(env.stderr, /AWS_REGION "us-est-1" is not an AWS Region: did you mean us-east-1 or us-west-1\?/);
      for (const r of [flag, file, ruleOff, env]) {
        assert.deepEqual(awsLines(r), [], 'no call was made');
        assert.doesNotMatch(r.stderr, /HTTP 500|no AWS response/);
        noStack(r);
      }
    });

    it('bad usage exits 2 with a hint', async () => {
      for (const args of [
        ['plan'],
        ['plan', 'a', 'b'],
        ['apply'],
        ['fetch'],
        ['plan', '--bogus', 'x'],
        ['plan', 'missing.scaling.json'],
      ]) {
        const r = await run(args);
        assert.equal(r.code, 2, args.join(' '));
        noStack(r);
      }
      assert.match(
        (await run(['--help'])).stdout,
        /plan \[--prune\] \[--format text\|json\|markdown\] \[--out plan.json\] <files or folders...>[\s\S]*apply --plan plan.json[\s\S]*fetch \[-o file \[--force\]\]/,
      );
    });
  },
);
