// Runs the end-to-end suite (test/e2e, compiled to out/test/e2e) inside a real VS Code:
// code-server 1.139.1 with its Node extension host, driven by headless Chromium, because
// these machines cannot download VS Code desktop (see docs/testing.md). Same suite as
// scripts/e2e/electron.mjs. Run scripts/e2e/provision.mjs first (npm run test:e2e does).
//
//   node scripts/e2e/run.mjs [--no-build] [--no-moto] [--untrusted] [--grep <text>] [--env NAME=value]... [--timeout <s>] [--verbose]
//
// --untrusted opens the workspace in restricted mode instead (workspace trust on, the folder
// not trusted), with hostile workspace settings from test/e2e/untrusted laid over it, and
// runs the *.untrusted.e2e.js files instead of the others.
//
// A moto_server (test/aws/e2eMoto.ts: two seeded endpoints) runs for the whole suite, on a
// free loopback port, and the extension host gets its endpoint and test credentials in its
// environment (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID/SECRET): nothing reads or
// writes the user's settings or AWS files. Without moto_server (or with --no-moto) the
// AWS tests skip.
//
// Exits with the suite's code: 0 all passed, 1 a test failed, 2 the run itself failed
// (no VS Code, a timeout).
import { execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { format, parseArgs } from 'node:util';
import {
  CODE_SERVER,
  MARKER,
  REPO,
  TOOLS,
  launchChromium,
  makeSandbox,
  startCodeServer,
  writeQuietSettings,
} from './tools.mjs';

const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'no-moto': { type: 'boolean', default: false },
    untrusted: { type: 'boolean', default: false },
    grep: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    timeout: { type: 'string', default: process.env.E2E_TIMEOUT ?? '300' },
    verbose: { type: 'boolean', default: Boolean(process.env.E2E_VERBOSE) },
  },
});

const started = Date.now();
const say = (message) => console.log(`e2e: ${message}`);

if (!existsSync(MARKER) || !existsSync(CODE_SERVER)) {
  console.error('e2e: the tools are not installed; run: node scripts/e2e/provision.mjs');
  process.exit(2);
}
if (!options['no-build'])
  execFileSync(process.execPath, [join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' });
const runner = join(REPO, 'out/test/e2e/index.js');
if (!existsSync(runner) || !existsSync(join(REPO, 'dist/client.js'))) {
  console.error(`e2e: ${runner} or dist/client.js is missing: run npm run build`);
  process.exit(2);
}

// Everything the run writes goes into one temporary folder: code-server's user data and
// extensions, the XDG folders, a copy of the fixture workspace the tests may edit, and
// empty AWS config files so nothing reads the user's own.
const sandbox = makeSandbox('scaling-e2e-');
// VS Code in a browser saves after a delay by default; desktop does not. Tests that keep
// unsaved edits (fetch must not overwrite them, apply offers to save) need desktop's default.
// Restricted mode: trust is on and nothing asks whether to trust the folder, so it stays untrusted.
const trustSettings = options.untrusted
  ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
  : {};
writeQuietSettings(sandbox, { 'files.autoSave': 'off', ...trustSettings });
const workspace = join(sandbox.root, 'workspace');
cpSync(join(REPO, 'test/e2e/workspace'), workspace, { recursive: true });
if (options.untrusted) cpSync(join(REPO, 'test/e2e/untrusted'), workspace, { recursive: true });
mkdirSync(join(sandbox.root, 'aws'));
writeFileSync(join(sandbox.root, 'aws/config'), '');
writeFileSync(join(sandbox.root, 'aws/credentials'), '');
const awsIsolation = {
  AWS_CONFIG_FILE: join(sandbox.root, 'aws/config'),
  AWS_SHARED_CREDENTIALS_FILE: join(sandbox.root, 'aws/credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
};
for (const name of [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
])
  delete process.env[name];
Object.assign(process.env, awsIsolation);

const LOG_MARK = '[e2e] ';
const extensionEnvironment = { ...awsIsolation, SAGEMAKER_SCALING_E2E: '1', E2E_LOG_MARK: LOG_MARK };
if (options.untrusted) extensionEnvironment.E2E_WORKSPACE_TRUST = 'untrusted';
if (options.grep) extensionEnvironment.E2E_GREP = options.grep;
const overrides = {};
for (const pair of options.env) {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    console.error(`e2e: --env wants NAME=value, got ${pair}`);
    sandbox.cleanup();
    process.exit(2);
  }
  overrides[pair.slice(0, eq)] = pair.slice(eq + 1);
}

// The local AWS: started before VS Code, stopped in cleanup().
let moto;
if (!options['no-moto']) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { startSeededMoto, E2E_REGION } = createRequire(import.meta.url)(join(REPO, 'out/test/aws/e2eMoto.js'));
  const motoStarted = Date.now();
  try {
    moto = await startSeededMoto();
  } catch (error) {
    console.error(`e2e: moto_server did not start: ${error?.message ?? error}`);
    sandbox.cleanup();
    process.exit(2);
  }
  if (moto) {
    Object.assign(extensionEnvironment, {
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_REGION: E2E_REGION,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    });
    say(`moto_server ${moto.endpoint} seeded in ${Date.now() - motoStarted} ms`);
  } else {
    say('moto_server is not on PATH (pip install "moto[server]"): the AWS tests skip');
  }
}
// --env wins over everything above (moto's endpoint included).
Object.assign(extensionEnvironment, overrides);

let serverLog = '';
let server;
let browser;
let exitCode = 2;
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await browser?.close().catch(() => {});
  await server?.stop();
  await moto?.stop();
  sandbox.cleanup();
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void cleanup().then(() => process.exit(130));
  });
}

// Every log line goes to .cache/e2e/logs/last-run.log; mocha's lines (marked by
// test/e2e/index.ts) also to stdout, and with --verbose everything.
mkdirSync(join(TOOLS, 'logs'), { recursive: true });
const logFile = join(TOOLS, 'logs/last-run.log');
const logStream = createWriteStream(logFile);

function relay(type, args) {
  const list = Array.isArray(args) ? args : [args];
  const text = typeof list[0] === 'string' ? format(...list) : list.map((a) => JSON.stringify(a)).join(' ');
  logStream.write(`${((Date.now() - started) / 1000).toFixed(1)} [${type}] ${text}\n`);
  if (text.startsWith(LOG_MARK)) console.log(text.slice(LOG_MARK.length));
  else if (options.verbose) console.log(`[${type}] ${text}`);
}

try {
  server = await startCodeServer(sandbox, {
    folder: workspace,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    workspaceTrust: options.untrusted,
    log: (text) => {
      serverLog += text;
      logStream.write(`[code-server] ${text}`);
      if (options.verbose) process.stdout.write(`[code-server] ${text}`);
    },
  });
  const authority = `127.0.0.1:${server.port}`;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(REPO)],
    ['extensionTestsPath', remote(runner)],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
    ['skipWelcome', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say(`code-server ${authority} up in ${Date.now() - started} ms; opening the workbench`);

  browser = await launchChromium(sandbox);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const settled = new Promise((resolveExit) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => relay(type, args));
  await page.goto(url);

  const timeoutMs = Number(options.timeout) * 1000;
  let timer;
  const timedOut = new Promise((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timeout'), timeoutMs);
  });
  const serverGone = new Promise((resolveGone) => server.child.once('exit', () => resolveGone('server-exit')));
  const result = await Promise.race([settled, timedOut, serverGone]);
  clearTimeout(timer);
  if (result === 'timeout') {
    console.error(`e2e: no result after ${options.timeout} s (is the smoke-test driver enabled? did the runner load?)`);
    if (!options.verbose) console.error(`--- code-server output ---\n${serverLog}`);
  } else if (result === 'server-exit') {
    console.error(`e2e: code-server exited during the run\n--- code-server output ---\n${serverLog}`);
  } else {
    exitCode = result;
    say(`the suite settled ${((Date.now() - started) / 1000).toFixed(1)} s after start`);
  }
} catch (error) {
  console.error(`e2e: ${error?.stack ?? error}`);
  if (serverLog && !options.verbose) console.error(`--- code-server output ---\n${serverLog}`);
} finally {
  await cleanup();
}
await new Promise((r) => logStream.end(r));
if (exitCode !== 0) say(`the workbench and code-server log: ${logFile}`);
say(
  `${exitCode === 0 ? 'passed' : `failed (exit code ${exitCode})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(exitCode);
