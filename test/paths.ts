import { resolve } from 'node:path';

// Compiled tests live in out/test/**; the repository root is two levels above out/test.
export const REPO_ROOT = resolve(__dirname, '..', '..');
export const DIST = resolve(REPO_ROOT, 'dist');
export const FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES = resolve(REPO_ROOT, 'examples');
