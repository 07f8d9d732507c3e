// Runs the end-to-end suite (test/e2e) in VS Code desktop through @vscode/test-electron,
// the ecosystem's standard runner, for contributors whose machines can download VS Code
// (it caches it in .vscode-test/). Our own machines cannot: they use scripts/e2e/run.mjs,
// which runs the same suite in code-server.
//
//   node scripts/e2e/electron.mjs [--no-build] [--no-moto] [--grep <text>] [--version <vscode version>]
//
// Like run.mjs, it starts a seeded moto_server for the AWS tests (they skip without one).
// It runs the trusted suite only; the restricted-mode files (*.untrusted.e2e.ts) need
// run.mjs --untrusted.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'no-moto': { type: 'boolean', default: false },
    grep: { type: 'string' },
    version: { type: 'string', default: process.env.E2E_VSCODE_VERSION ?? 'stable' },
  },
});

if (!options['no-build'])
  execFileSync(process.execPath, [join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' });

// A throw-away copy of the fixture workspace, a fresh profile and extensions folder, and
// empty AWS config files: the run never reads or writes the user's own.
const sandbox = mkdtempSync(join(tmpdir(), 'scaling-e2e-electron-'));
const workspace = join(sandbox, 'workspace');
cpSync(join(REPO, 'test/e2e/workspace'), workspace, { recursive: true });
mkdirSync(join(sandbox, 'aws'));
writeFileSync(join(sandbox, 'aws/config'), '');
writeFileSync(join(sandbox, 'aws/credentials'), '');

let code = 1;
let moto;
try {
  const awsEnv = {};
  if (!options['no-moto']) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const { startSeededMoto, E2E_REGION } = createRequire(import.meta.url)(join(REPO, 'out/test/aws/e2eMoto.js'));
    moto = await startSeededMoto();
    if (moto)
      Object.assign(awsEnv, {
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_REGION: E2E_REGION,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
      });
    else console.log('e2e (electron): moto_server is not on PATH: the AWS tests skip');
  }
  code = await runTests({
    version: options.version,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'out/test/e2e/index.js'),
    launchArgs: [
      workspace,
      `--user-data-dir=${join(sandbox, 'user')}`,
      `--extensions-dir=${join(sandbox, 'extensions')}`,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
    extensionTestsEnv: {
      SAGEMAKER_SCALING_E2E: '1',
      AWS_CONFIG_FILE: join(sandbox, 'aws/config'),
      AWS_SHARED_CREDENTIALS_FILE: join(sandbox, 'aws/credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...awsEnv,
      ...(options.grep ? { E2E_GREP: options.grep } : {}),
    },
  });
} catch (error) {
  console.error(`e2e (electron): ${error?.message ?? error}`);
} finally {
  await moto?.stop();
  rmSync(sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
process.exit(code);
