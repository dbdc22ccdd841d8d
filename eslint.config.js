// Lint, including the layering allowlist (eslint-plugin-local/layers.js) that
// keeps the core portable, the renderer free of Node and Electron, the shells
// apart and test fakes out of production code (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import local from './eslint-plugin-local/code-layering.js';
import { layers, testFiles, testOnly } from './eslint-plugin-local/layers.js';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'playwright-report/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { local },
    rules: { 'local/code-layering': ['error', { layers, testFiles, testOnly }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Raw ipcMain/ipcRenderer only in the two files that derive typed wrappers from the contract.
    files: ['src-main/electron/**/*.ts', 'src-preload/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts', 'src-preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Use the typed handlers in src-main/electron/ipc.ts.' },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only src-preload/index.ts talks to ipcRenderer.' },
      ],
    },
  },
);
