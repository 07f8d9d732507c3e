// Runs the end-to-end suite (test/e2e) in VS Code desktop through @vscode/test-electron,
// the ecosystem's standard runner, for contributors whose machines can download VS Code
// (it caches it in .vscode-test/). Our own machines cannot: they use scripts/e2e/run.mjs,
// which runs the same suite in code-server.
//
//   node scripts/e2e/electron.mjs [--no-build] [--grep <text>] [--version <vscode version>]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    grep: { type: 'string' },
    version: { type: 'string', default: process.env.E2E_VSCODE_VERSION ?? 'stable' },
  },
});

if (!options['no-build']) execFileSync(process.execPath, [join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' });

// A throw-away copy of the fixture workspace, a fresh profile and extensions folder, and
// empty AWS config files: the run never reads or writes the user's own.
const sandbox = mkdtempSync(join(tmpdir(), 'scaling-e2e-electron-'));
const workspace = join(sandbox, 'workspace');
cpSync(join(REPO, 'test/e2e/workspace'), workspace, { recursive: true });
mkdirSync(join(sandbox, 'aws'));
writeFileSync(join(sandbox, 'aws/config'), '');
writeFileSync(join(sandbox, 'aws/credentials'), '');

let code = 1;
try {
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
      ...(options.grep ? { E2E_GREP: options.grep } : {}),
    },
  });
} catch (error) {
  console.error(`e2e (electron): ${error?.message ?? error}`);
} finally {
  rmSync(sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
process.exit(code);
