// Bundles the three entry points (and the bench) with esbuild, and transpiles the
// sources and tests file by file into out/ so `node --test` can run them.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Every .ts file under the given folders, for the file-by-file test build. */
function tsFiles(dirs) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) found.push(path);
    }
  };
  for (const dir of dirs) {
    try {
      walk(dir);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  return found;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The UMD builds of vscode-json-languageservice and jsonc-parser load modules with a
  // dynamic require that esbuild cannot follow; their ESM builds bundle cleanly.
  mainFields: ['module', 'main'],
};

/**
 * The CLI is the package's `bin`: npm runs it by executing the file, so it must carry the
 * execute bit. esbuild writes new files 0644 (a fresh clone then fails `npx
 * sagemaker-scaling` with "Permission denied"); set the mode after every build, watch too.
 */
const executable = (file) => ({
  name: 'executable',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0) chmodSync(file, 0o755);
    });
  },
});

const bundles = [
  { ...common, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/server.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { cli: 'cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [executable('dist/cli.js')],
  },
  { ...common, entryPoints: { bench: 'bench/bench.ts' }, outdir: 'dist', sourcemap: false },
  // The simulation panel's page: browser code, with uPlot and the styles (dist/webview/simulate.css).
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: { simulate: 'webview/simulate.ts' },
    outdir: 'dist/webview',
    minify: production,
    sourcemap: !production,
    logLevel: 'warning',
  },
];

const tests = {
  entryPoints: tsFiles(['core', 'aws', 'cli', 'server', 'test', 'bench', 'scripts']),
  outdir: 'out',
  outbase: '.',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
};

if (watch) {
  const contexts = await Promise.all([...bundles, tests].map((o) => esbuild.context(o)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  rmSync('out', { recursive: true, force: true });
  await Promise.all([...bundles, tests].map((o) => esbuild.build(o)));
  // The file-by-file build leaves `import … from '../schemas/*.json'` as a require of that
  // path, relative to out/core: the schemas go beside the code, as the bundles have them inlined.
  cpSync('schemas', 'out/schemas', { recursive: true });
}
