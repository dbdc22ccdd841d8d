import { describe, expect, it } from 'vitest';
import { createOsKeyring, SECRET_SERVICE_LABEL, type KeyringEntry } from './os-keyring';
import { secretServiceProvider } from './secret-service-provider';

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

describe('the Secret Service provider, recorded with the key', () => {
  it('is named once the keyring has answered, and asked once per process', async () => {
    let asked = 0;
    const keyring = createOsKeyring({ platform: 'linux', openEntry: () => memoryEntry(), identifyProvider: async () => (asked++, 'GNOME Keyring') });
    expect(keyring.label).toBe(SECRET_SERVICE_LABEL);
    await keyring.get();
    await keyring.withAccount('vault-key-2').set('c2VjcmV0');
    expect(keyring.label).toBe('GNOME Keyring (Secret Service)');
    expect(asked).toBe(1);
    // Another provider's entries are not this one's; a record without a provider may be anyone's.
    expect(keyring.mayHold?.('GNOME Keyring (Secret Service)')).toBe(true);
    expect(keyring.mayHold?.('KWallet (Secret Service)')).toBe(false);
    expect(keyring.mayHold?.(SECRET_SERVICE_LABEL)).toBe(true);
    expect(keyring.mayHold?.('macOS Keychain')).toBe(false);
  });

  it('unknown provider: no record is taken for another store', async () => {
    const keyring = createOsKeyring({ platform: 'linux', openEntry: () => memoryEntry(), identifyProvider: async () => null });
    await keyring.get();
    expect(keyring.label).toBe(SECRET_SERVICE_LABEL);
    expect(keyring.mayHold?.('KWallet (Secret Service)')).toBe(true);
  });

  it('comes from the owner of org.freedesktop.secrets on the session bus', async () => {
    const calls: string[][] = [];
    const run = async (file: string, args: string[]) => (calls.push([file, ...args]), 'method return time=1 sender=org.freedesktop.DBus\n   uint32 4242\n');
    expect(await secretServiceProvider(run, async (pid) => (pid === 4242 ? 'gnome-keyring-d\n' : ''))).toBe('GNOME Keyring');
    expect(calls[0]).toContain('string:org.freedesktop.secrets');
    expect(await secretServiceProvider(run, async () => 'kwalletd6\n')).toBe('KWallet');
    expect(await secretServiceProvider(run, async () => 'keepassxc\n')).toBe('KeePassXC');
    expect(await secretServiceProvider(run, async () => 'odd name; rm\n')).toBeNull();
    expect(await secretServiceProvider(async () => Promise.reject(new Error('spawn dbus-send ENOENT')))).toBeNull();
  });
});
