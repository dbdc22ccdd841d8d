import { describe, expect, it } from 'vitest';
import { createOsKeyring, type KeyringEntry } from './os-keyring';

function memoryEntry(): KeyringEntry & { value: string | null } {
  const entry = {
    value: null as string | null,
    async getPassword() {
      return entry.value;
    },
    async setPassword(password: string) {
      entry.value = password;
    },
    async deletePassword() {
      const had = entry.value !== null;
      entry.value = null;
      return had;
    },
  };
  return entry;
}

describe('createOsKeyring', () => {
  it('stores under service "Kith", account "vault-key", and requires the Secret Service on Linux', async () => {
    const opened: unknown[] = [];
    const entry = memoryEntry();
    const keyring = createOsKeyring({
      platform: 'linux',
      openEntry: (service, account, options) => {
        opened.push({ service, account, options });
        return entry;
      },
    });
    expect(await keyring.get()).toBeNull();
    await keyring.set('c2VjcmV0');
    expect(await keyring.get()).toBe('c2VjcmV0');
    await keyring.delete();
    expect(entry.value).toBeNull();
    expect(opened).toEqual([{ service: 'Kith', account: 'vault-key', options: { linux: { store: 'secret-service' } } }]);
  });

  it('uses the platform store elsewhere and names it for the protection report', () => {
    const opened: unknown[] = [];
    const mac = createOsKeyring({ platform: 'darwin', openEntry: (_s, _a, options) => (opened.push(options), memoryEntry()) });
    void mac.get();
    expect(opened).toEqual([undefined]);
    expect(mac.label).toBe('macOS Keychain');
    expect(createOsKeyring({ platform: 'win32' }).label).toBe('Windows Credential Manager');
  });

  it('gives up on a keyring that never answers', async () => {
    const hanging: KeyringEntry = {
      getPassword: () => new Promise(() => {}),
      setPassword: () => new Promise(() => {}),
      deletePassword: () => new Promise(() => {}),
    };
    const keyring = createOsKeyring({ platform: 'linux', timeoutMs: 50, openEntry: () => hanging });
    const started = Date.now();
    await expect(keyring.get()).rejects.toThrow(/did not answer a read within 50 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects, rather than throwing, when the entry cannot even be opened', async () => {
    const keyring = createOsKeyring({
      platform: 'linux',
      openEntry: () => {
        throw new Error('DBus error: Using X11 for dbus-daemon autolaunch was disabled');
      },
    });
    await expect(keyring.get()).rejects.toThrow(/DBus/);
  });
});
