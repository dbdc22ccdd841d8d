// The layering allowlist, proven on the project's real ESLint config: a file
// placed in a layer and importing across a forbidden line fails the lint, the
// same import from a layer that allows it passes, and a file in no layer fails.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layeringErrors(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === 'local/code-layering').map((message) => message.message);
}

describe('the layering allowlist', () => {
  it('refuses Electron in the core', async () => {
    const errors = await layeringErrors('src-main/core/accounts/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errors).toEqual([expect.stringContaining("The core may not import the package 'electron'")]);
  });

  it('refuses the host shell in the Electron shell, and allows the shared Node layer', async () => {
    const code = "import { a } from '../host/server/host-app';\nimport { b } from '../node/data-dir';\nexport const x = [a, b];\n";
    const errors = await layeringErrors('src-main/electron/fixture.ts', code);
    expect(errors).toEqual([expect.stringContaining('The Electron shell (src-main/electron/fixture.ts) may not import the host shell')]);
  });

  it('refuses a lower layer importing a higher one, however the path is written', async () => {
    const errors = await layeringErrors('src-contract/fixture.ts', "import type { Logger } from '../src-main/core/ports';\nexport type X = Logger;\n");
    expect(errors).toEqual([expect.stringContaining('The contract (src-contract/fixture.ts) may not import the core')]);
  });

  it('keeps test fakes and the sandbox out of production code but lets tests use them', async () => {
    const code = "import { a } from '../testing/memory-store';\nimport { b } from '../../../sandbox/server';\nexport const x = [a, b];\n";
    expect(await layeringErrors('src-main/core/accounts/fixture.ts', code)).toHaveLength(2);
    expect(await layeringErrors('src-main/core/accounts/fixture.test.ts', code)).toEqual([]);
  });

  it('keeps Node and Electron out of the renderer', async () => {
    const code = "import fs from 'node:fs';\nimport { api } from '../../src-contract/kith-api';\nexport const x = [fs, api];\n";
    expect(await layeringErrors('src-renderer/features/fixture.ts', code)).toEqual([expect.stringContaining("renderer may not import the package 'node:*'")]);
  });

  it('fails a source file that sits in no layer', async () => {
    const errors = await layeringErrors('src-somewhere/fixture.ts', 'export const x = 1;\n');
    expect(errors).toEqual([expect.stringContaining('src-somewhere/fixture.ts is in no layer')]);
  });
});
