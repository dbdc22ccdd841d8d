// Lint, including the layering rules that keep the core portable and the
// renderer free of Node and Electron (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOrShells = [
  { group: ['electron', 'electron/*', 'electron-store'], message: 'The core never imports Electron: use a port.' },
  { group: ['**/src-main/electron/**', '**/electron/*', '../electron/**'], message: 'The core does not depend on the Electron shell.' },
  { group: ['**/src-main/host/**', '../host/**', '../../host/**'], message: 'The core does not depend on the host shell.' },
];

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
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: electronOrShells }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer never imports Electron: use KithApi.' },
            { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'], message: 'The renderer never imports Node modules.' },
            { group: ['**/src-main/**'], message: 'The renderer talks to the main process only through KithApi.' },
            { group: ['**/src-preload/**'], message: 'The renderer talks to the shells only through src-contract.' },
          ],
        },
      ],
    },
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
