// Lint rules that guard the architecture (see ARCHITECTURE.md) and catch promises that
// nobody awaits. Type-aware, on the TypeScript sources only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Node's built-in modules by bare name (patterns would also match our own './util').
import { builtinModules } from 'node:module';
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const EDITOR = ['vscode'];
const LSP_CLIENT = ['vscode-languageclient'];
const LSP_SERVER = ['vscode-languageserver'];
const AWS_SDK = ['@aws-sdk', '@smithy'];

/** One no-restricted-imports block per folder: the packages (and their subpaths) and sibling folders it may not import. */
function boundaries(folders) {
  return Object.entries(folders).map(([folder, { packages, folders: siblings }]) => ({
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: packages.flatMap((name) => [name, `${name}/*`]),
              message: `${folder}/ may not use this package (ARCHITECTURE.md).`,
            },
            {
              group: siblings.map((name) => `**/${name}/*`),
              message: `${folder}/ may not import from this folder (ARCHITECTURE.md).`,
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.tsbuild/**', 'types/**'] },
  js.configs.recommended,
  {
    // The build, test and e2e scripts are plain ES modules run by Node.
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Its page.evaluate callbacks run in the browser.
    files: ['scripts/e2e/screenshots.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The folders' boundaries (ARCHITECTURE.md), as each folder's tsconfig.json also holds
  // them: what a folder may not import, by package (with its subpaths, such as
  // 'vscode-languageserver/node') and by folder, at any depth.
  ...boundaries({
    core: {
      packages: [...EDITOR, ...LSP_CLIENT, ...LSP_SERVER, ...AWS_SDK, ...nodeBuiltins, 'node:*'],
      folders: ['aws', 'server', 'client', 'cli', 'test', 'bench'],
    },
    aws: { packages: [...EDITOR, ...LSP_CLIENT, ...LSP_SERVER], folders: ['server', 'client', 'cli'] },
    server: { packages: [...EDITOR, ...LSP_CLIENT, ...AWS_SDK], folders: ['aws', 'client', 'cli'] },
    client: { packages: [...LSP_SERVER], folders: ['server', 'cli'] },
    cli: { packages: [...EDITOR, ...LSP_CLIENT, ...LSP_SERVER], folders: ['server', 'client'] },
    webview: {
      packages: [...EDITOR, ...LSP_CLIENT, ...LSP_SERVER, ...AWS_SDK, ...nodeBuiltins, 'node:*'],
      folders: ['aws', 'server', 'client', 'cli', 'test', 'bench'],
    },
  }),
  {
    // The simulation panel's page runs in the webview (a browser).
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'console', 'setTimeout', 'fetch'] },
  },
  {
    // The extension logs to its output channel.
    files: ['client/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
