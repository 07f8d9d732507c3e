// Lint rules that guard the architecture (see ARCHITECTURE.md) and catch promises that
// nobody awaits. Type-aware, on the TypeScript sources only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Node's built-in modules by bare name (patterns would also match our own './util').
import { builtinModules } from 'node:module';
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**'] },
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
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageserver', 'vscode-languageclient', ...nodeBuiltins],
          patterns: [
            'node:*',
            'vscode-languageserver/*',
            'vscode-languageclient/*',
            '@aws-sdk/*',
            // Any depth: core/plan/x.ts reaches aws/ as '../../aws/…'.
            '**/aws/*',
            '**/server/*',
            '**/client/*',
            '**/cli/*',
            '**/test/*',
            '**/bench/*',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'console', 'setTimeout', 'fetch'],
    },
  },
  {
    files: ['aws/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageserver', 'vscode-languageclient'],
          patterns: ['vscode-languageserver/*', 'vscode-languageclient/*', '../server/*', '../client/*', '../cli/*'],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode', 'vscode-languageclient'], patterns: ['../aws/*', '../client/*', '../cli/*', '@aws-sdk/*'] },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode-languageserver'], patterns: ['../server/*', '../../server/*', '../cli/*', '../../cli/*'] },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageclient', 'vscode-languageserver'],
          patterns: ['../client/*', '../server/*'],
        },
      ],
    },
  },
);
