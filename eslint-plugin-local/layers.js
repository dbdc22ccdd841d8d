// Which folder may import what. Each layer names its files and the project
// folders and npm packages it MAY import (an allowlist, as VS Code's
// `.eslint-plugin-local/code-import-patterns.ts`): a new dependency between
// layers is a decision made here, in review, never an accident. The first
// layer whose `files` match a file is its layer; a source file in no layer
// fails the lint, so a new folder must be placed before it can hold code.
//
// Tests (`*.test.ts(x)`) and test homes (`testing/`) may also import any npm
// package, the testing homes of their own and lower layers, and the sandbox.
// Nothing else may import `testing/**` or `sandbox/**` (see `testOnly`). A
// layer's `testAllow` adds paths its tests alone may import.

/** Project paths that only tests and test homes may import. */
export const testOnly = ['**/testing/**', 'sandbox/**'];

/** Files that count as tests or test homes, wherever they sit. */
export const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];

const contract = 'src-contract/**';
const core = 'src-main/core/**';
const node = 'src-main/node/**';

export const layers = [
  {
    name: 'contract',
    files: ['src-contract/**'],
    // Everything that crosses a process boundary: zod and itself, nothing of any runtime.
    allow: [contract, 'zod'],
  },
  {
    name: 'core',
    files: ['src-main/core/**'],
    allow: [contract, core, 'node:*', 'zod', 'jose', 'google-auth-library', 'gaxios', '@googleapis/people'],
    // The core's tests keep friends in the real encrypted SQLite store, as the shells do.
    testAllow: ['src-main/node/store/**'],
  },
  {
    name: 'node adapters (shared by both shells)',
    files: ['src-main/node/**'],
    allow: [contract, core, node, 'node:*', 'zod', 'conf', '@napi-rs/keyring', 'libsql'],
  },
  {
    name: 'Electron shell',
    files: ['src-main/electron/**'],
    allow: [contract, core, node, 'src-main/electron/**', 'node:*', 'zod', 'electron', 'electron-store', '@electron/fuses'],
    // The IPC tests run the real preload bridge against the real handlers.
    testAllow: ['src-preload/**'],
  },
  {
    name: 'host shell',
    files: ['src-main/host/**'],
    allow: [contract, core, node, 'src-main/host/**', 'node:*', 'zod', 'hono', '@hono/node-server', 'read'],
  },
  {
    name: 'preload bridge',
    files: ['src-preload/**'],
    allow: [contract, 'electron'],
  },
  {
    name: 'renderer',
    files: ['src-renderer/**'],
    allow: [contract, 'src-renderer/**', 'react', 'react-dom', 'zustand', '@tanstack/react-virtual'],
  },
  {
    name: 'sandbox providers',
    files: ['sandbox/**'],
    // A standalone imitation of Google and Facebook: it knows nothing of Kith.
    allow: ['sandbox/**', 'node:*', 'zod', 'hono', '@hono/node-server', 'jose'],
  },
  {
    name: 'end-to-end tests, benchmarks and developer scripts',
    files: ['e2e/**', 'bench/**', 'scripts/**', 'bin/**', 'resources/**'],
    allow: ['**', '*'],
  },
  {
    name: 'tooling at the top level',
    files: ['*.{js,mjs,cjs,ts}', 'eslint-plugin-local/**'],
    allow: ['**', '*'],
  },
];
