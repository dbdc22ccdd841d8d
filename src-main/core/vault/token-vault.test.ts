import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../testing/recording-logger';
import type { TokenSet } from '../providers/provider';
import { MemoryDocumentStore } from '../testing/memory-document-store';
import { TypedDocumentStore } from '../storage/typed-document-store';
import { createTestingCipher } from '../testing/testing-cipher';
import { TokenVault } from './token-vault';
import type { TokenStore } from '../accounts/token-store';

const A = 'acc_googleAAAA01';
const B = 'acc_facebookBB02';
const tokens = (n: number): TokenSet => ({
  accessToken: `ya29.access-token-number-${n}-0123456789`,
  accessTokenExpiresAt: 1_800_000_000_000 + n,
  refreshToken: `1//refresh-token-number-${n}-0123456789`,
  scopes: ['openid', 'email', 'https://www.googleapis.com/auth/contacts.readonly'],
});

function setup() {
  const store = new MemoryDocumentStore({ now: () => 1_700_000_000_000 });
  const cipher = createTestingCipher();
  const log = createRecordingLogger();
  const documents = new TypedDocumentStore(store, log);
  const vault = new TokenVault({ documents, cipher, log });
  return { store, cipher, log, documents, vault };
}

function everythingStored(store: MemoryDocumentStore): string {
  return store.names().map((name) => `${name}\n${store.raw(name)}`).join('\n');
}

describe('TokenVault', () => {
  it('fits the TokenStore the accounts services are written against', () => {
    const { vault } = setup();
    const store: TokenStore = vault;
    expect(store).toBe(vault);
  });

  it('stores and returns an account’s tokens, and null for an unknown account', async () => {
    const { vault } = setup();
    await vault.put(A, tokens(1));
    expect(await vault.get(A)).toEqual(tokens(1));
    expect(await vault.get(B)).toBeNull();
    expect(await vault.get('constructor')).toBeNull();
    expect(await vault.has('toString')).toBe(false);
    expect(await vault.has(A)).toBe(true);
    expect(await vault.has(B)).toBe(false);
    expect(await vault.accountIds()).toEqual([A]);
  });

  it('never writes a token in plaintext', async () => {
    const { vault, store, log } = setup();
    await vault.put(A, tokens(1));
    await vault.put(B, { ...tokens(2), refreshToken: null });
    await vault.get(A);
    const onDisk = everythingStored(store);
    for (const secret of [tokens(1).accessToken, tokens(1).refreshToken!, tokens(2).accessToken, 'access-token-number', 'refresh-token-number']) {
      expect(onDisk).not.toContain(secret);
      expect(log.text()).not.toContain(secret);
    }
    expect(JSON.parse(store.raw('vault')!)).toMatchObject({ version: 1, entries: { [A]: expect.any(String), [B]: expect.any(String) } });
  });

  it('re-encrypts and saves when the cipher says the key rotated', async () => {
    const { vault, store, cipher } = setup();
    await vault.put(A, tokens(1));
    const before = JSON.parse(store.raw('vault')!).entries[A];
    cipher.rotate();
    expect(await vault.get(A)).toEqual(tokens(1));
    const after = JSON.parse(store.raw('vault')!).entries[A];
    expect(after).not.toBe(before);
    // The rewritten blob is current: reading again does not rewrite.
    const writes = store.writes.get('vault');
    expect(await cipher.decrypt(new Uint8Array(Buffer.from(after, 'base64')))).toMatchObject({ shouldReEncrypt: false });
    await vault.get(A);
    expect(store.writes.get('vault')).toBe(writes);
  });

  it('does not let a re-encryption overwrite a newer put', async () => {
    const { vault, store, cipher } = setup();
    await vault.put(A, tokens(1));
    cipher.rotate();
    const read = vault.get(A);
    const put = vault.put(A, tokens(2));
    await Promise.all([read, put]);
    expect(await vault.get(A)).toEqual(tokens(2));
    expect(store.raw('vault')).toBeDefined();
  });

  it('rejects a tampered blob with E_STORAGE and no secret in the message', async () => {
    const { vault, store, log } = setup();
    await vault.put(A, tokens(1));
    const contents = JSON.parse(store.raw('vault')!);
    const bytes = Buffer.from(contents.entries[A], 'base64');
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0x01;
    contents.entries[A] = bytes.toString('base64');
    store.putRaw('vault', JSON.stringify(contents));
    const error = await vault.get(A).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_STORAGE', message: expect.stringContaining(A) });
    expect(String((error as Error).message)).not.toContain('ya29');
    expect(log.text()).not.toContain('ya29');
  });

  it('loses no update when two puts race', async () => {
    const { vault } = setup();
    await Promise.all([vault.put(A, tokens(1)), vault.put(B, tokens(2)), vault.delete('acc_nothing0000'), vault.put(A, tokens(3))]);
    expect(await vault.get(A)).toEqual(tokens(3));
    expect(await vault.get(B)).toEqual(tokens(2));
  });

  it('deletes an account’s tokens', async () => {
    const { vault, store } = setup();
    await vault.put(A, tokens(1));
    await vault.put(B, tokens(2));
    await vault.delete(A);
    const writes = store.writes.get('vault');
    await vault.delete(A);
    expect(store.writes.get('vault')).toBe(writes);
    expect(await vault.get(A)).toBeNull();
    expect(await vault.accountIds()).toEqual([B]);
    expect(Object.keys(JSON.parse(store.raw('vault')!).entries)).toEqual([B]);
  });

  it('refuses a malformed account id or token set', async () => {
    const { vault } = setup();
    await expect(vault.put('../../x', tokens(1))).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(vault.put(A, { ...tokens(1), scopes: 'email' } as unknown as TokenSet)).rejects.toThrow();
    expect(await vault.accountIds()).toEqual([]);
  });

  it('moves a damaged vault file aside, reports it, and keeps working', async () => {
    const { vault, store, documents } = setup();
    store.putRaw('vault', '{"version":1,"entries":{"acc_goo');
    expect(await vault.get(A)).toBeNull();
    expect(documents.problems()).toEqual([expect.objectContaining({ document: 'vault', kind: 'corrupt', movedTo: 'vault.corrupt-1700000000000.json' })]);
    expect(store.raw('vault.corrupt-1700000000000.json')).toContain('acc_goo');
    await vault.put(A, tokens(1));
    expect(await vault.get(A)).toEqual(tokens(1));
  });
});
