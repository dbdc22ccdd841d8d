// Two processes writing one vault at once (the CLI while `kith serve` runs)
// must not lose each other's accounts: the document lock spans processes.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { TypedDocumentStore } from '../core/storage/typed-document-store';
import { createTestingCipher } from '../core/testing/testing-cipher';
import { TokenVault } from '../core/vault/token-vault';
import { createConfDocumentStore } from './conf-document-store';

const child = fileURLToPath(new URL('./testing/vault-race.child.ts', import.meta.url));

function run(dir: string, prefix: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, prefix, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child failed (${code}): ${stderr.slice(0, 500)}`))));
  });
}

describe('the vault shared by two processes', () => {
  it('keeps every account both of them put', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kith-race-'));
    try {
      await Promise.all([run(dir, 'left', 40), run(dir, 'right', 40)]);
      const log = createRecordingLogger();
      const vault = new TokenVault({ documents: new TypedDocumentStore(await createConfDocumentStore({ dir }), log), cipher: createTestingCipher(), log });
      const ids = await vault.accountIds();
      expect(ids.filter((id) => id.startsWith('acc_left'))).toHaveLength(40);
      expect(ids.filter((id) => id.startsWith('acc_right'))).toHaveLength(40);
      expect(await vault.get('acc_right0039')).toMatchObject({ accessToken: 't-right-39' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
