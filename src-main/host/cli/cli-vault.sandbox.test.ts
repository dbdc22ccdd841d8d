// The vault through real `kith` processes against the sandbox: a lost key
// locks the vault (own message, exit status 6, `kith status` says why), and
// putting it back restores everything.
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountSummarySchema, KithStatusSchema } from '../../../src-contract/kith-api';
import { startKithSandbox, type KithSandbox } from '../../core/testing/kith-sandbox';
import { runKithAnsweringConsent, type CliRun } from './testing/run-cli-process';

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

const kith = (args: string[], stdin?: string): Promise<CliRun> => runKithAnsweringConsent(args, kithEnv, { stdin });

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

  it('starts over only after the confirmation, keeping the old files aside and the account to reconnect', async () => {
    const oldKey = await readFile(keyFile(), 'utf8');
    await rm(keyFile());
    // No terminal here: piped input is never taken as consent, so only --yes goes ahead.
    const refused = await kith(['vault', 'reset'], 'start over\n');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no terminal to ask on');
    expect(refused.stderr).toContain('renamed aside with a timestamp, not deleted');
    expect(refused.stderr).toContain('nothing was changed');
    expect((await kith(['status', '--json'])).stdout).toContain('"state": "locked"');

    const reset = await kith(['vault', 'reset', '--yes']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/1 account\(s\) to reconnect/);
    const files = await readdir(dataDir);
    expect(files.some((f) => /^vault\.invalid-\d+\.json$/.test(f))).toBe(true);
    expect(files.some((f) => /^vault\.keymeta\.old-\d+$/.test(f))).toBe(true);
    expect(files).toContain('vault.key');
    expect(await readFile(keyFile(), 'utf8')).not.toBe(oldKey);

    const [listed] = AccountSummarySchema.array().parse(JSON.parse((await kith(['accounts', '--json'])).stdout));
    expect(listed).toMatchObject({ id: account, status: 'needs_reconnect', statusError: { code: 'E_NEEDS_RECONNECT' } });
    expect((await kith(['status'])).stdout).toMatch(/Vault: +open/);
    // The contacts database was locked with the old key: it was set aside too, and an empty one answers.
    expect(files.some((f) => /^kith\.started-over-.*\.db$/.test(f))).toBe(true);
    const before = await kith(['friends', account, '--json']);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual([]);

    const again = await kith(['connect', 'google', '--no-browser']);
    expect(again.code, again.stderr).toBe(0);
    const [back] = AccountSummarySchema.array().parse(JSON.parse((await kith(['accounts', '--json'])).stdout));
    expect(back).toMatchObject({ id: account, status: 'active' });
    expect((await kith(['sync', account])).code).toBe(0);
    expect(JSON.parse((await kith(['friends', account, '--json'])).stdout).length).toBeGreaterThan(0);
  });
});
