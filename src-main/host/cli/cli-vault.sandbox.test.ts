// The vault through real `kith` processes against the sandbox: a lost key
// locks the vault (own message, exit status 6, `kith status` says why), and
// putting it back restores everything.
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KithStatusSchema } from '../../../src-contract/kith-api';
import { consent } from '../../../sandbox/testing/consent';
import { startKithSandbox, type KithSandbox } from '../../core/testing/kith-sandbox';
import { runKith, type CliRun } from './testing/run-cli-process';

let env: KithSandbox;
let dataDir: string;
let kithEnv: Record<string, string>;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: true });
  dataDir = await mkdtemp(path.join(tmpdir(), 'kith-cli-vault-'));
  kithEnv = { KITH_SANDBOX_URL: env.sandbox.url, KITH_DATA_DIR: dataDir, KITH_BROWSER: 'none', KITH_KEYRING: 'none', KITH_FACEBOOK_REDIRECT_URI: env.facebookRedirectUri };
});
afterAll(async () => {
  await env.sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function kith(args: string[], stdin?: string): Promise<CliRun> {
  const opened: Promise<unknown>[] = [];
  const run = await runKith(args, kithEnv, {
    ...(stdin !== undefined ? { stdin } : {}),
    onLine(line) {
      if (/^https?:\/\/\S+$/.test(line.trim()) && !line.includes('/__sandbox') && opened.length === 0) {
        opened.push((async () => (await fetch((await consent(line.trim(), {})).redirect)).text())());
      }
    },
  });
  await Promise.allSettled(opened);
  return run;
}

describe('kith with its vault key lost', { timeout: 120_000 }, () => {
  let account: string;
  const keyFile = () => path.join(dataDir, 'vault.key');
  const aside = () => path.join(dataDir, '..', `${path.basename(dataDir)}-vault.key`);

  it('connects an account', async () => {
    const connected = await kith(['connect', 'google', '--no-browser']);
    expect(connected.code, connected.stderr).toBe(0);
    account = /Connected (acc_[0-9a-f]+)/.exec(connected.stdout)![1]!;
  });

  it('exits 6 with its own words on a command that needs tokens, and `kith status` says locked and why', async () => {
    const vaultBefore = await readFile(path.join(dataDir, 'vault.json'), 'utf8');
    await rename(keyFile(), aside());
    const sync = await kith(['sync', account]);
    expect(sync.code, sync.stderr).toBe(6);
    expect(sync.stderr).toMatch(/sync failed: The key file .*vault\.key.* is gone/);
    const friends = await kith(['disconnect', account]);
    expect(friends.code).toBe(6);
    expect(friends.stderr).toMatch(/kith: Vault locked: The key file/);
    expect(sync.stderr).toContain('deleted and overwrote nothing');
    const status = await kith(['status']);
    expect(status.stdout).toMatch(/Vault: +LOCKED \(key-missing\)/);
    const json = KithStatusSchema.parse(JSON.parse((await kith(['status', '--json'])).stdout));
    expect(json.vault).toMatchObject({ state: 'locked', reason: 'key-missing', canUnlock: false });
    expect(await readFile(path.join(dataDir, 'vault.json'), 'utf8')).toBe(vaultBefore);
    await expect(readFile(keyFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('works again once the key file is put back', async () => {
    await rename(aside(), keyFile());
    const sync = await kith(['sync', account]);
    expect(sync.code, sync.stderr).toBe(0);
    expect((await kith(['status'])).stdout).toMatch(/Vault: +open/);
  });
});
