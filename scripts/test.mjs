// Runs the test tiers with node's own test runner. `node scripts/test.mjs unit lsp`
// runs only those tiers; with no argument, every tier under out/test.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const tiers = process.argv.slice(2);
const roots = (tiers.length ? tiers : readdirSync('out/test')).map((t) => join('out/test', t));
const files = [];
const walk = (dir) => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.js')) files.push(path);
  }
};
roots.forEach(walk);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}: run npm run build first`);
  process.exit(2);
}
// The tests' own SDK clients (in the test processes) would print the SDK's Node 20 banner;
// the CLI needs no such setting (its tests spawn it without).
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
process.exit(result.status ?? 1);
