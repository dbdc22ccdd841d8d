// The desktop app's vault over the real Electron cipher (the node cipher with
// safeStorage as its keyring, electron-cipher.ts) and the fake electron
// module's safeStorage, with the real core against the sandbox: a changed
// safeStorage backend opens Kith locked and says which store sealed the key
// and which one is here, changing nothing, and the original store back opens
// everything; where safeStorage has only basic_text, the passphrase vault is
// offered and works; the key moves safeStorage → passphrase → safeStorage
// rewrapping only the key; data sealed by earlier versions, item by item with
// safeStorage, is still read.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../core/testing/recording-logger';
import type { SandboxCore } from '../core/testing/sandbox-core';
import type { Cipher } from '../core/ports';
import { useSandboxDataFolder } from '../node/testing/sandbox-data-folder';
import { createElectronCipher } from './adapters/electron-cipher';
import { createSafeStorageCipher } from './adapters/safe-storage-cipher';
import { createFakeElectron } from './testing/fake-electron';

const data = useSandboxDataFolder({ folderPrefix: 'kith-electron-vault-', autoConsent: true });
let electron: ReturnType<typeof createFakeElectron>;
beforeEach(() => {
  electron = createFakeElectron();
});

const PASSPHRASE = 'the desktop passphrase';
const safeStorage = () => electron.module.safeStorage;

/** One start of the desktop app on Linux over the data folder: a fresh cipher, the same documents and database. */
const start = (cipher?: Cipher) =>
  data.start(cipher ?? createElectronCipher(safeStorage(), { dataDir: data.dir, log: createRecordingLogger(), platform: 'linux', scryptCost: { N: 1024, r: 8, p: 1 }, sleep: async () => {} }));
const stop = (kith: SandboxCore) => data.stop(kith);
async function connectAndSync(kith: SandboxCore) {
  const account = await kith.core.accounts.connect({ provider: 'google' });
  expect((await kith.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
  return account;
}
/** Every file in the data folder with its contents, to show nothing was written. */
async function folder(): Promise<Record<string, string>> {
  const names = (await readdir(data.dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(data.dir, name), 'utf8')] as const)));
}

describe('Electron: the safeStorage backend changed', () => {
  it.each(['basic_text', 'kwallet6'])('to %s: opens locked and says which store sealed the key, deletes and writes nothing, and the original store back opens everything', async (other) => {
    const first = await start();
    const account = await connectAndSync(first);
    expect((await first.core.status.get({})).vault).toMatchObject({ state: 'open', protector: 'safe-storage' });
    expect((await first.core.status.get({})).protection).toMatchObject({ level: 'strong', backend: 'safeStorage (GNOME Keyring / Secret Service)' });
    const sealed = data.store.raw('vault');
    await stop(first);
    const before = await folder();

    safeStorage().state.backend = other; // the keyring daemon missing, or another desktop session
    const locked = await start();
    const { vault } = await locked.core.status.get({});
    expect(vault).toMatchObject({ state: 'locked', reason: 'backend-changed', protector: 'safe-storage' });
    expect(vault.message).toContain('sealed by safeStorage (GNOME Keyring / Secret Service)');
    expect(vault.message).toContain(`now is safeStorage (${other === 'kwallet6' ? 'KWallet 6' : 'basic_text'})`);
    expect(vault.message).toContain('Nothing was deleted or overwritten');
    expect((await locked.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: false, error: { code: 'E_VAULT_LOCKED' } });
    await expect(locked.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    await expect(locked.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    expect(data.store.raw('vault')).toBe(sealed);
    expect(await folder()).toEqual(before); // no key file, no new safeStorage entry, the record untouched
    expect(await locked.core.accounts.list({})).toMatchObject([{ id: account.id }]);
    await stop(locked);

    safeStorage().state.backend = 'gnome_libsecret';
    const back = await start();
    expect((await back.core.status.get({})).vault).toMatchObject({ state: 'open' });
    expect((await back.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
    expect((await back.core.friends.list({ accountId: account.id, limit: 5 })).items.length).toBeGreaterThan(0);
  });
});

describe('Electron where safeStorage has only basic_text', () => {
  it('keeps the key off basic_text, offers the passphrase, and a passphrase then protects everything', async () => {
    safeStorage().state.backend = 'basic_text';
    const first = await start();
    const account = await connectAndSync(first);
    const status = await first.core.status.get({});
    expect(status.protection).toMatchObject({ level: 'weak' });
    expect(safeStorage().state.encryptCalls).toBe(0); // nothing sealed with Electron's built-in key
    expect((await first.core.vault.settings({})).protectors).toEqual(
      expect.arrayContaining([
        { protector: 'passphrase', available: true, level: 'strong' },
        { protector: 'safe-storage', available: false, level: 'strong' },
      ]),
    );
    const sealed = data.store.raw('vault');
    expect(await first.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE })).toMatchObject({
      vault: { state: 'open', protector: 'passphrase' },
      protection: { level: 'strong', backend: 'passphrase (scrypt)' },
    });
    expect(data.store.raw('vault')).toBe(sealed); // only the key was rewrapped
    expect(await readdir(data.dir)).not.toContain('vault.key');
    await stop(first);

    const later = await start();
    expect((await later.core.status.get({})).vault).toMatchObject({ state: 'locked', reason: 'passphrase-required', canUnlock: true });
    await expect(later.core.vault.unlock({ passphrase: 'not the passphrase' })).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE' });
    await later.core.vault.unlock({ passphrase: PASSPHRASE });
    expect((await later.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
    expect((await later.core.friends.list({ accountId: account.id, limit: 5 })).items.length).toBeGreaterThan(0);
  });
});

describe('Electron: the key moved between safeStorage and a passphrase', () => {
  it('safeStorage → passphrase → safeStorage: only the key is rewrapped, each start asks for what protects it', async () => {
    const first = await start();
    const account = await connectAndSync(first);
    const sealed = data.store.raw('vault');
    expect(await readdir(data.dir)).toContain('vault-key.safe-storage');
    await first.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE });
    // The key left safeStorage: it is no longer kept where the passphrase was meant to replace.
    expect((await readdir(data.dir)).filter((name) => name.endsWith('.safe-storage'))).toEqual([]);
    await stop(first);

    const locked = await start();
    expect((await locked.core.status.get({})).vault).toMatchObject({ reason: 'passphrase-required' });
    await expect(locked.core.vault.setProtector({ protector: 'safe-storage' })).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE' });
    expect(await locked.core.vault.setProtector({ protector: 'safe-storage', currentPassphrase: PASSPHRASE })).toMatchObject({
      vault: { state: 'open', protector: 'safe-storage' },
      protection: { level: 'strong', backend: 'safeStorage (GNOME Keyring / Secret Service)' },
    });
    await stop(locked);

    const again = await start();
    expect((await again.core.status.get({})).vault).toMatchObject({ state: 'open', protector: 'safe-storage' });
    expect(data.store.raw('vault')).toBe(sealed);
    expect((await again.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
    // The host shell's name for a keyring is not this Kith's.
    await expect(again.core.vault.setProtector({ protector: 'keyring' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });
});

describe('Electron: data sealed by earlier versions, item by item with safeStorage', () => {
  /** Earlier versions kept the documents as files beside the key; the probe for sealed data reads them there. */
  const mirrorToDisk = async () => writeFile(path.join(data.dir, 'vault.json'), data.store.raw('vault')!);

  it('is read, sealed again with the new data key, and a passphrase then covers it', async () => {
    const earlier = await start(createSafeStorageCipher(safeStorage(), createRecordingLogger(), 'linux', { dataDir: data.dir }));
    const account = await connectAndSync(earlier);
    await stop(earlier);
    await mirrorToDisk();
    const blob = () => Buffer.from(Object.values(JSON.parse(data.store.raw('vault')!).entries as Record<string, string>)[0]!, 'base64');
    expect(blob().toString('latin1').startsWith('v1:')).toBe(true);

    const now = await start();
    expect((await now.core.status.get({})).vault).toMatchObject({ state: 'open', protector: 'safe-storage' });
    expect((await now.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
    expect(blob()[0]).toBe(1); // the data key's envelope now
    await now.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE });
    await stop(now);

    safeStorage().state.available = false; // safeStorage itself is no longer needed
    const later = await start();
    await later.core.vault.unlock({ passphrase: PASSPHRASE });
    expect((await later.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
  });

  it('moved to a passphrase before it was ever read again: the move seals it with the data key first', async () => {
    const earlier = await start(createSafeStorageCipher(safeStorage(), createRecordingLogger(), 'linux', { dataDir: data.dir }));
    const account = await connectAndSync(earlier);
    await stop(earlier);
    await mirrorToDisk();

    const now = await start();
    await now.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE });
    const entry = Object.values(JSON.parse(data.store.raw('vault')!).entries as Record<string, string>)[0]!;
    expect(Buffer.from(entry, 'base64')[0]).toBe(1);
    await stop(now);

    safeStorage().state.backend = 'basic_text'; // the store that sealed it is gone; the passphrase is all that is needed
    const later = await start();
    await later.core.vault.unlock({ passphrase: PASSPHRASE });
    expect((await later.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
    expect((await later.core.friends.list({ accountId: account.id, limit: 5 })).items.length).toBeGreaterThan(0);
  });

  it('a revocation queued by an earlier version, moved to a passphrase before it was retried: the move seals it with the data key, and it still lands', async () => {
    const earlier = await start(createSafeStorageCipher(safeStorage(), createRecordingLogger(), 'linux', { dataDir: data.dir }));
    const account = await connectAndSync(earlier);
    await data.env.admin.setFaults('google', { serverErrorRate: 1 }); // Google unreachable: the revocation waits in the queue
    expect(await earlier.core.accounts.disconnect({ accountId: account.id })).toMatchObject({ revocation: 'queued' });
    await stop(earlier);
    await mirrorToDisk();
    await writeFile(path.join(data.dir, 'revocations.json'), data.store.raw('revocations')!);
    const queued = () => Buffer.from((JSON.parse(data.store.raw('revocations')!) as { entries: { sealedTokens: string }[] }).entries[0]!.sealedTokens, 'base64');
    expect(queued().toString('latin1').startsWith('v1:')).toBe(true);

    const now = await start();
    await now.core.vault.setProtector({ protector: 'passphrase', passphrase: PASSPHRASE });
    expect(queued()[0]).toBe(1); // the data key's envelope now
    await stop(now);

    safeStorage().state.backend = 'basic_text'; // the store that sealed it is gone
    await data.env.admin.clearFaults('google');
    const later = await start();
    await later.core.vault.unlock({ passphrase: PASSPHRASE });
    const [receipt] = await later.core.history.list();
    expect(await later.core.history.retry({ receiptId: receipt!.id })).toMatchObject({ settled: true, accounts: [{ revocation: { state: 'confirmed' } }] });
    expect(await later.core.status.get({})).toMatchObject({ pendingRevocations: [] });
    expect((await data.env.admin.grants({ provider: 'google', status: 'active' })).grants.filter((g) => g.status === 'active')).toEqual([]);
  });

  it('sealed under another store than the one here now: locked as backend-changed, no new key made over it', async () => {
    const earlier = await start(createSafeStorageCipher(safeStorage(), createRecordingLogger(), 'linux', { dataDir: data.dir }));
    const account = await connectAndSync(earlier);
    await stop(earlier);
    await mirrorToDisk();
    const before = await folder();

    safeStorage().state.backend = 'basic_text';
    const locked = await start();
    expect((await locked.core.status.get({})).vault).toMatchObject({ state: 'locked', reason: 'backend-changed', message: expect.stringContaining('gnome_libsecret') });
    expect((await locked.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: false, error: { code: 'E_VAULT_LOCKED' } });
    expect(await folder()).toEqual(before);
    await stop(locked);

    safeStorage().state.backend = 'gnome_libsecret';
    const back = await start();
    expect((await back.core.sync.run({ accountId: account.id }))[0]).toMatchObject({ ok: true });
  });
});
