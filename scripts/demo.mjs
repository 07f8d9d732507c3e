// npm run demo: the extension in a real VS Code (code-server) in your browser, against a
// local stand-in of AWS, without touching your own AWS files, settings or VS Code.
//
//   npm run demo [-- --folder <dir>] [--no-aws] [--no-build]
//
// 1. Packages sagemaker-scaling.vsix (npm run package) when it is missing or older than
//    the sources, else builds when out/ is: the demo installs the VSIX, the extension
//    exactly as users get it (not a development build). --no-build uses them as they are.
// 2. Starts moto_server on a free loopback port and seeds it with SageMaker endpoints,
//    scalable targets, policies (one step policy with its CloudWatch alarm) and scheduled
//    actions, in us-east-1 and eu-central-1 (examples/production.scaling.json names that
//    region). Without moto_server (pip install "moto[server]") it runs without AWS.
// 3. Provisions code-server if needed (scripts/e2e/provision.mjs), installs the VSIX into a
//    temporary extensions folder and starts code-server on 127.0.0.1 only, with a copy of
//    examples/ open (or --folder itself). Its environment carries the moto endpoint and
//    test credentials; HOME, the XDG folders, the AWS config files and VS Code's user data
//    all point into one temporary folder, so nothing of yours is read or written.
// 4. Prints the URL and runs until Ctrl+C or SIGTERM, then stops code-server and
//    moto_server (their process groups) and removes the temporary folder.
//
// The seed is exported for scripts/e2e/screenshots.mjs; importing this module runs nothing.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const requireRepo = createRequire(join(REPO, 'package.json'));

/** The region the demo and the screenshots show by default; the file's own Region wins for its plan. */
export const DEMO_REGION = 'us-east-1';

/** What the seed puts into moto, per region: endpoint → variants and their scaling. */
const SEED = {
  'us-east-1': [
    {
      // The endpoint examples/*.scaling.json (no Region: the default region) talk about;
      // live differs from them (max 4, target value 50), so their plans have changes.
      endpoint: 'my-endpoint',
      variants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }],
      scaling: [
        {
          variant: 'AllTraffic',
          min: 1,
          max: 4,
          policies: [targetTracking('target-tracking-policy', 50, 'SageMakerVariantInvocationsPerInstance', 300, 60)],
          actions: [
            {
              ScheduledActionName: 'scale-up-morning',
              Schedule: 'cron(0 8 ? * MON-FRI *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 3, MaxCapacity: 4 },
            },
            {
              ScheduledActionName: 'scale-down-evening',
              Schedule: 'cron(0 20 ? * MON-FRI *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 4 },
            },
          ],
        },
      ],
    },
    {
      endpoint: 'recommender',
      variants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.xlarge', InitialInstanceCount: 2 }],
      scaling: [
        {
          variant: 'AllTraffic',
          min: 2,
          max: 12,
          policies: [targetTracking('recommender-invocations', 120, 'SageMakerVariantInvocationsPerInstance', 600, 60)],
          actions: [
            {
              ScheduledActionName: 'business-hours-floor',
              Schedule: 'cron(30 7 ? * MON-FRI *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 4 },
            },
            {
              ScheduledActionName: 'night-floor',
              Schedule: 'cron(0 21 ? * MON-FRI *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 2 },
            },
          ],
        },
      ],
    },
    {
      endpoint: 'fraud-scoring',
      variants: [{ VariantName: 'primary', InstanceType: 'ml.g4dn.xlarge', InitialInstanceCount: 3 }],
      scaling: [
        {
          variant: 'primary',
          min: 3,
          max: 20,
          policies: [
            targetTracking('fraud-concurrency', 5, 'SageMakerVariantConcurrentRequestsPerModelHighResolution', 900, 30),
            {
              PolicyName: 'fraud-latency-spike',
              PolicyType: 'StepScaling',
              StepScalingPolicyConfiguration: {
                AdjustmentType: 'PercentChangeInCapacity',
                MinAdjustmentMagnitude: 2,
                StepAdjustments: [
                  { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 100000, ScalingAdjustment: 25 },
                  { MetricIntervalLowerBound: 100000, ScalingAdjustment: 50 },
                ],
                Cooldown: 120,
                MetricAggregationType: 'Maximum',
              },
              alarm: {
                AlarmName: 'fraud-scoring-primary-latency-high',
                Namespace: 'AWS/SageMaker',
                MetricName: 'ModelLatency',
                Dimensions: [
                  { Name: 'EndpointName', Value: 'fraud-scoring' },
                  { Name: 'VariantName', Value: 'primary' },
                ],
                Statistic: 'Maximum',
                Period: 60,
                EvaluationPeriods: 2,
                DatapointsToAlarm: 2,
                Threshold: 200000,
                ComparisonOperator: 'GreaterThanThreshold',
                TreatMissingData: 'notBreaching',
              },
            },
          ],
          actions: [],
        },
      ],
    },
    {
      // Not auto scaled: the tree says so, and Fetch writes a file without targets.
      endpoint: 'image-embeddings',
      variants: [{ VariantName: 'AllTraffic', ServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 } }],
      scaling: [],
    },
  ],
  // examples/production.scaling.json names eu-central-1: there the live set-up lags the
  // file (a lower ceiling and target value, no scaling at all on fraud-scoring), so its
  // plan and Apply to AWS have something to show; and a scheduled action someone added by
  // hand (weekend-floor), which the file does not list and apply keeps.
  'eu-central-1': [
    {
      endpoint: 'recommender',
      variants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.xlarge', InitialInstanceCount: 2 }],
      scaling: [
        {
          variant: 'AllTraffic',
          min: 2,
          max: 8,
          policies: [targetTracking('recommender-invocations', 100, 'SageMakerVariantInvocationsPerInstance', 600, 60)],
          actions: [
            {
              ScheduledActionName: 'business-hours-floor',
              Schedule: 'cron(30 7 ? * MON-FRI *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 4 },
            },
            {
              ScheduledActionName: 'weekend-floor',
              Schedule: 'cron(0 9 ? * SAT *)',
              Timezone: 'Europe/Berlin',
              ScalableTargetAction: { MinCapacity: 3 },
            },
          ],
        },
      ],
    },
    {
      endpoint: 'fraud-scoring',
      variants: [{ VariantName: 'primary', InstanceType: 'ml.g4dn.xlarge', InitialInstanceCount: 3 }],
      scaling: [],
    },
  ],
};

function targetTracking(PolicyName, TargetValue, PredefinedMetricType, ScaleInCooldown, ScaleOutCooldown) {
  return {
    PolicyName,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue,
      PredefinedMetricSpecification: { PredefinedMetricType },
      ScaleInCooldown,
      ScaleOutCooldown,
    },
  };
}

/** One line per region: what the seed holds, for the console. */
export function describeSeed() {
  return Object.entries(SEED).map(([region, endpoints]) => `${region}: ${endpoints.map((e) => e.endpoint).join(', ')}`);
}

/**
 * Starts moto_server (test/aws/moto.ts, compiled to out/) and seeds it; undefined when
 * moto_server is not installed. Resolves with the moto handle ({ endpoint, port, stop }).
 */
export async function startDemoMoto() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { motoAvailable, startMoto, seedEndpoint, testClients } = requireRepo('./out/test/aws/moto.js');
  const { RegisterScalableTargetCommand, PutScalingPolicyCommand, PutScheduledActionCommand } = requireRepo(
    '@aws-sdk/client-application-auto-scaling',
  );
  const { PutMetricAlarmCommand, PutMetricDataCommand } = requireRepo('@aws-sdk/client-cloudwatch');
  if (!motoAvailable()) return undefined;
  const moto = await startMoto();
  try {
    for (const [region, endpoints] of Object.entries(SEED)) {
      const clients = await testClients(moto.endpoint, region);
      try {
        for (const e of endpoints) {
          await seedEndpoint(clients, e.endpoint, e.variants);
          // The metrics an instance variant with traffic publishes, so the live checks of
          // customized metrics and alarms (tt.custom-dimensions, alarm.metric-exists) find them.
          for (const v of e.variants.filter((variant) => variant.InstanceType)) {
            const Dimensions = [
              { Name: 'EndpointName', Value: e.endpoint },
              { Name: 'VariantName', Value: v.VariantName },
            ];
            await clients.cloudWatch.send(
              new PutMetricDataCommand({
                Namespace: 'AWS/SageMaker',
                MetricData: [
                  { MetricName: 'InvocationsPerInstance', Value: 40, Dimensions },
                  { MetricName: 'ModelLatency', Value: 90000, Dimensions },
                ],
              }),
            );
          }
          for (const s of e.scaling) {
            const key = {
              ServiceNamespace: 'sagemaker',
              ResourceId: `endpoint/${e.endpoint}/variant/${s.variant}`,
              ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
            };
            await clients.autoScaling.send(
              new RegisterScalableTargetCommand({ ...key, MinCapacity: s.min, MaxCapacity: s.max }),
            );
            for (const { alarm, ...policy } of s.policies) {
              const { PolicyARN } = await clients.autoScaling.send(new PutScalingPolicyCommand({ ...key, ...policy }));
              if (alarm)
                await clients.cloudWatch.send(new PutMetricAlarmCommand({ ...alarm, AlarmActions: [PolicyARN] }));
            }
            for (const action of s.actions)
              await clients.autoScaling.send(new PutScheduledActionCommand({ ...key, ...action }));
          }
        }
      } finally {
        clients.destroy();
      }
    }
  } catch (error) {
    await moto.stop();
    throw error;
  }
  return moto;
}

/** The newest modification time of the files under `paths` (skipping node_modules and dot folders). */
function newest(paths) {
  let latest = 0;
  const walk = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path))
        if (name !== 'node_modules' && !name.startsWith('.')) walk(join(path, name));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const p of paths) walk(join(REPO, p));
  return latest;
}

const mtime = (path) => {
  try {
    return statSync(join(REPO, path)).mtimeMs;
  } catch {
    return 0;
  }
};

async function main() {
  const { values: options } = parseArgs({
    options: {
      folder: { type: 'string' },
      'no-aws': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const say = (message) => console.log(`demo: ${message}`);
  const run = (command, args) => execFileSync(command, args, { cwd: REPO, stdio: 'inherit' });

  // 1. Package when the sources are newer than the VSIX (vsce's prepublish step builds
  //    everything, out/ included); else build when out/ (the moto helpers) is stale.
  const sources = newest(['client', 'server', 'core', 'aws', 'cli', 'schemas', 'resources', 'package.json']);
  if (options['no-build']) {
    for (const file of ['sagemaker-scaling.vsix', 'out/test/aws/moto.js']) {
      if (!existsSync(join(REPO, file))) {
        console.error(`demo: --no-build, but ${file} is missing: run npm run package`);
        process.exit(2);
      }
    }
  } else if (mtime('sagemaker-scaling.vsix') < sources) {
    say('packaging the extension (npm run package)');
    run('npm', ['run', 'package', '--silent']);
  } else if (mtime('out/test/aws/moto.js') < newest(['test/aws', 'aws'])) {
    say('building (node scripts/build.mjs)');
    run(process.execPath, [join(REPO, 'scripts/build.mjs')]);
  }

  // 2. The code-server tools (cached in .cache/e2e after the first time).
  run(process.execPath, [join(REPO, 'scripts/e2e/provision.mjs')]);
  const { makeSandbox, writeQuietSettings, codeServerOnce, startCodeServer } = await import('./e2e/tools.mjs');

  // 3. One temporary folder for everything: HOME, XDG, TMPDIR, AWS files, VS Code's user data.
  const sandbox = makeSandbox('scaling-demo-');
  const home = join(sandbox.root, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws/config'), '');
  writeFileSync(join(home, '.aws/credentials'), '');
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_ENDPOINT_URL',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ]) {
    delete process.env[name];
  }
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_ENDPOINT_URL_')) delete process.env[name];
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws/credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  writeQuietSettings(sandbox, { 'workbench.colorTheme': 'Default Dark Modern' });

  let moto;
  let server;
  let stopping;
  // A signal while starting up is acted on between the steps, so nothing started is missed.
  let starting = true;
  let interrupted;
  const stopAll = (signal) => {
    stopping ??= (async () => {
      if (signal) say(`${signal}: stopping code-server and moto_server`);
      await server?.stop();
      await moto?.stop();
      sandbox.cleanup();
      say('stopped; the temporary folder is removed');
    })();
    return stopping;
  };
  const exitCode = (signal) => (signal === 'SIGINT' ? 130 : 143);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (starting) interrupted ??= signal;
      else void stopAll(signal).then(() => process.exit(exitCode(signal)));
    });
  }
  const checkInterrupted = async () => {
    if (!interrupted) return;
    await stopAll(interrupted);
    process.exit(exitCode(interrupted));
  };

  try {
    if (options['no-aws']) {
      say('--no-aws: running without AWS');
    } else {
      const started = Date.now();
      moto = await startDemoMoto();
      await checkInterrupted();
      if (moto) {
        Object.assign(process.env, {
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_REGION: DEMO_REGION,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
        });
        say(`moto_server ${moto.endpoint} seeded in ${Date.now() - started} ms:`);
        for (const line of describeSeed()) say(`  ${line}`);
      } else {
        say(
          'moto_server is not installed, so the Auto Scaling view, Fetch, Show Plan and Apply have no AWS to talk to.',
        );
        say('  For a local stand-in of AWS: pip install "moto[server]" (then run npm run demo again).');
        say('  Running without AWS: the editor checks, hovers and quick fixes all work.');
      }
    }

    const folder = options.folder ? resolve(options.folder) : join(sandbox.root, 'examples');
    if (!options.folder) cpSync(join(REPO, 'examples'), folder, { recursive: true });
    if (!existsSync(folder)) throw new Error(`no folder ${folder}`);

    say('installing sagemaker-scaling.vsix into a temporary extensions folder');
    await codeServerOnce(sandbox, ['--install-extension', join(REPO, 'sagemaker-scaling.vsix')]);
    await checkInterrupted();

    let log = '';
    server = await startCodeServer(sandbox, {
      folder,
      log: (text) => {
        log = (log + text).slice(-20_000);
      },
    });
    starting = false;
    await checkInterrupted();
    server.child.once('exit', (code) => {
      if (stopping) return;
      console.error(`demo: code-server exited (${code}):\n${log}`);
      void stopAll().then(() => process.exit(1));
    });
    const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`;
    console.log('');
    say(`open ${url}`);
    say(`  workspace: ${options.folder ? folder : `${folder} (a copy of examples/, removed on exit)`}`);
    if (moto) {
      say(`  AWS: moto_server at ${moto.endpoint}, region ${DEMO_REGION}, account 123456789012 (test credentials)`);
      say(
        '  Try: the SageMaker Scaling icon in the activity bar; right-click production.scaling.json → Apply to AWS (eu-central-1).',
      );
    }
    say('  Ctrl+C stops everything.');
  } catch (error) {
    if (interrupted) await checkInterrupted();
    console.error(`demo: ${error?.stack ?? error}`);
    await stopAll();
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
