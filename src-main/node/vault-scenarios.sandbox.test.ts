// Every way the data key goes away, over the real node cipher (a fake keyring
// where no Secret Service runs) and the real core against the sandbox: in each,
// Kith opens locked and says why, nothing sealed is deleted or changed, putting
// the original key back restores everything, and starting over then
// reconnecting works without leaving a live grant Kith does not hold (checked
// against the sandbox's grants listing).
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../core/testing/recording-logger';
import type { SandboxCore } from '../core/testing/sandbox-core';
import { createNodeCipher, KEY_FILE_NAME } from './node-cipher';
import type { Keyring } from './os-keyring';
import { fakeKeyring, type FakeKeyring } from './testing/fake-keyring';
import { useSandboxDataFolder } from './testing/sandbox-data-folder';

const folder = useSandboxDataFolder({ folderPrefix: 'kith-scenario-', autoConsent: true });

const PASSPHRASE = 'the scenario passphrase';

/** A Kith process over the data folder: a fresh cipher (keys are loaded at start), the same documents and database. */
const start = (keyring: Keyring | null) =>
  folder.start(createNodeCipher({ dataDir: folder.dir, keyring, log: createRecordingLogger(), scryptCost: { N: 1024, r: 8, p: 1 }, sleep: async () => {} }));
const stop = (kith: SandboxCore) => folder.stop(kith);

const liveGrants = async () => (await folder.env.admin.grants({ provider: 'google', status: 'active' })).grants.filter((g) => g.status === 'active');

interface Scenario {
  name: string;
  keyring: () => FakeKeyring | null;
  /** The keyring Kith finds while the key is away, when it is another one (a changed backend). */
  keyringWhileLost?: () => FakeKeyring;
  /** Makes the key go away (Kith is not running). */
  lose(keyring: FakeKeyring | null): Promise<() => Promise<void>>;
  reason: string;
  words: RegExp;
  /** Protect the key before it goes away (a passphrase). */
  prepare?: (kith: SandboxCore) => Promise<void>;
  /** How the locked process is opened again with the original key back. */
  reopen?: (kith: SandboxCore) => Promise<void>;
}

const aside = () => path.join(folder.dir, `${KEY_FILE_NAME}.aside`);
const scenarios: Scenario[] = [
  {
    name: 'key file deleted',
    keyring: () => null,
    lose: async () => {
      await rename(path.join(folder.dir, KEY_FILE_NAME), aside());
      return () => rename(aside(), path.join(folder.dir, KEY_FILE_NAME));
    },
    reason: 'key-missing',
    words: /is gone\. Kith did not make a new one/,
  },
  {
    name: 'key file replaced',
    keyring: () => null,
    lose: async () => {
      const original = await readFile(path.join(folder.dir, KEY_FILE_NAME), 'utf8');
      await writeFile(path.join(folder.dir, KEY_FILE_NAME), `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
      return () => writeFile(path.join(folder.dir, KEY_FILE_NAME), original, { mode: 0o600 });
    },
    reason: 'key-changed',
    words: /holds a different key/,
  },
  {
    name: 'keyring entry deleted',
    keyring: () => fakeKeyring(),
    lose: async (keyring) => {
      const key = keyring!.value;
      keyring!.value = null;
      return async () => void (keyring!.value = key);
    },
    reason: 'key-missing',
    words: /no longer holds Kith's key/,
  },
  {
    name: 'keyring locked',
    keyring: () => fakeKeyring(),
    lose: async (keyring) => {
      keyring!.locked = true;
      return async () => void (keyring!.locked = false);
    },
    reason: 'keyring-unavailable',
    words: /did not answer.*Unlock it/,
  },
  {
    // Another Secret Service provider (or another computer's store) answers, without Kith's entry.
    name: 'keyring backend changed',
    keyring: () => fakeKeyring(null, 'GNOME Keyring (Secret Service)'),
    keyringWhileLost: () => fakeKeyring(null, 'KWallet (Secret Service)'),
    lose: async () => async () => {},
    reason: 'backend-changed',
    words: /sealed by GNOME Keyring \(Secret Service\), but what keeps keys here now is KWallet \(Secret Service\).*Nothing was deleted or overwritten/,
  },
  {
    name: 'passphrase not given (wrong one tried)',
    keyring: () => null,
    prepare: async (kith) => void (await kith.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE })),
    lose: async () => async () => {},
    reason: 'passphrase-required',
    words: /protected by a passphrase/,
    reopen: async (kith) => {
      await expect(kith.core.vault.unlock({ passphrase: 'not it at all' })).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE', message: expect.stringContaining('Nothing was changed') });
      await kith.core.vault.unlock({ passphrase: PASSPHRASE });
    },
  },
];

describe.each(scenarios)('the data key lost: $name', (scenario) => {
  it('opens locked and says why, changes nothing sealed, and the original key restores everything', async () => {
    const keyring = scenario.keyring();
    const first = await start(keyring);
    const account = await first.core.accounts.connect({ provider: 'google' });
    await first.core.sync.run({ accountId: account.id });
    await scenario.prepare?.(first);
    const sealed = folder.store.raw('vault');
    await stop(first);

    const restore = await scenario.lose(keyring);
    const other = scenario.keyringWhileLost?.();
    const locked = await start(other ?? keyring);
    expect((await locked.core.status.get({})).vault).toMatchObject({ state: 'locked', reason: scenario.reason, message: expect.stringMatching(scenario.words) });
    const [sync] = await locked.core.sync.run({ accountId: account.id });
    expect(sync).toMatchObject({ ok: false, error: { code: 'E_VAULT_LOCKED' } });
    await expect(locked.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    expect(folder.store.raw('vault')).toBe(sealed);
    expect(await locked.core.accounts.list({})).toMatchObject([{ id: account.id }]);
    // Nothing was put into the other keyring either.
    if (other) expect(other.sets).toBe(0);
    await stop(locked);

    await restore();
    const back = await start(keyring);
    await scenario.reopen?.(back);
    expect((await back.core.status.get({})).vault).toMatchObject({ state: 'open' });
    const [again] = await back.core.sync.run({ accountId: account.id });
    expect(again).toMatchObject({ ok: true });
    expect((await back.core.friends.list({ accountId: account.id, limit: 5 })).items.length).toBeGreaterThan(0);
  });

  it('starting over, then reconnecting, works and leaves one live grant, the one Kith holds', async () => {
    const keyring = scenario.keyring();
    const first = await start(keyring);
    const account = await first.core.accounts.connect({ provider: 'google' });
    await first.core.sync.run({ accountId: account.id });
    await scenario.prepare?.(first);
    await stop(first);

    await scenario.lose(keyring);
    const locked = await start(scenario.keyringWhileLost?.() ?? keyring);
    const reset = await locked.core.vault.reset({ confirm: true });
    expect(reset).toMatchObject({ accountsToReconnect: 1, vault: { state: 'open' } });
    expect(reset.movedAside.some((name) => name.startsWith('vault.'))).toBe(true);
    expect(await locked.core.accounts.list({})).toMatchObject([{ id: account.id, status: 'needs_reconnect' }]);

    expect(await locked.core.accounts.connect({ provider: 'google' })).toMatchObject({ id: account.id, status: 'active' });
    const [synced] = await locked.core.sync.run({ accountId: account.id });
    expect(synced).toMatchObject({ ok: true });
    expect((await locked.core.friends.list({ accountId: account.id, limit: 5 })).items.length).toBeGreaterThan(0);
    expect(await liveGrants()).toHaveLength(1);
    // And what Kith holds is that grant: disconnecting revokes it, leaving nothing live.
    expect(await locked.core.accounts.disconnect({ accountId: account.id })).toMatchObject({ revocation: 'revoked' });
    expect(await liveGrants()).toHaveLength(0);
  });
});

describe('the key moved between protectors', () => {
  it('key file → keyring → passphrase → key file: each level reported, the sealed data never rewritten, friends still there', async () => {
    const keyring = fakeKeyring();
    const first = await start(null);
    const account = await first.core.accounts.connect({ provider: 'google' });
    await first.core.sync.run({ accountId: account.id });
    const sealed = folder.store.raw('vault');
    expect(await first.core.vault.setProtector({ protector: 'key-file' })).toMatchObject({ protection: { level: 'weak' } });
    await stop(first);

    const withKeyring = await start(keyring);
    // A keyring that answers takes the key over from the file by itself; moving there is then a no-op.
    expect(await withKeyring.core.vault.setProtector({ protector: 'keyring' })).toMatchObject({ vault: { protector: 'keyring' }, protection: { level: 'strong' } });
    expect((await withKeyring.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE })).protection).toMatchObject({ level: 'strong', backend: 'passphrase (scrypt)' });
    expect(keyring.value).toBeNull();
    await stop(withKeyring);

    const later = await start(keyring);
    expect((await later.core.vault.status({})).reason).toBe('passphrase-required');
    await later.core.vault.unlock({ passphrase: PASSPHRASE });
    expect((await later.core.vault.setProtector({ protector: 'key-file', currentPassphrase: PASSPHRASE })).protection).toMatchObject({ level: 'weak' });
    expect(folder.store.raw('vault')).toBe(sealed);
    expect((await later.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
    expect(await liveGrants()).toHaveLength(1);
    // Chosen on purpose, the key file stays the key's home though a keyring answers.
    await stop(later);
    expect((await (await start(keyring)).core.vault.status({})).protector).toBe('key-file');
    expect(keyring.value).toBeNull();
  });
});
