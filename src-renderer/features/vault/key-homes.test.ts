import { describe, expect, it } from 'vitest';
import { keyHomeChoices, preferredKeyHome } from './key-homes';

describe('where the key can go when the passphrase is dropped', () => {
  it('the desktop app offers its password store and a key file, the store first when it answers', () => {
    const choices = keyHomeChoices([
      { protector: 'passphrase', available: true, level: 'strong' },
      { protector: 'safe-storage', available: true, level: 'strong' },
      { protector: 'key-file', available: true, level: 'weak' },
    ]);
    expect(choices).toEqual([
      { home: 'safe-storage', label: 'Your system’s password store (strong)', available: true },
      { home: 'key-file', label: 'A key file beside the data (weak)', available: true },
    ]);
    expect(preferredKeyHome(choices)).toBe('safe-storage');
  });

  it('says when the system store cannot take the key (basic_text, no keyring) and then picks the key file', () => {
    const choices = keyHomeChoices([
      { protector: 'passphrase', available: true, level: 'strong' },
      { protector: 'keyring', available: false, level: 'strong' },
      { protector: 'key-file', available: true, level: 'weak' },
    ]);
    expect(choices[0]).toEqual({ home: 'keyring', label: 'The system keyring (strong) — not available', available: false });
    expect(preferredKeyHome(choices)).toBe('key-file');
  });
});
