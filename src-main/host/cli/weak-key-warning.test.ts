import { describe, expect, it } from 'vitest';
import type { Protection } from '../../core/ports';
import { createTestingCipher } from '../../core/testing/testing-cipher';
import { weakKeyWarning } from './weak-key-warning';

const weak: Protection = { level: 'weak', backend: 'key file (/data/vault.key)', advice: 'Install a keyring.' };

function setUp(protection: Protection = weak) {
  const printed: string[] = [];
  const inner = createTestingCipher(protection);
  let asked = 0;
  const counted = { ...inner, encrypt: inner.encrypt, decrypt: inner.decrypt, protection: () => ((asked += 1), inner.protection()) };
  return { printed, warning: weakKeyWarning(counted, (line) => printed.push(line)), asked: () => asked };
}

describe('the weak-key warning', () => {
  it('warns once, in words with the advice, when a command loads a weak key at start', async () => {
    const { printed, warning } = setUp();
    await warning.now();
    await warning.cipher.encrypt('secret');
    expect(printed).toEqual(['kith: warning: your tokens are only weakly protected (key file (/data/vault.key)).', '  Install a keyring.']);
  });

  it('says nothing for a strong key', async () => {
    const { printed, warning } = setUp({ level: 'strong', backend: 'OS keyring (Secret Service)', advice: null });
    await warning.now();
    await warning.cipher.decrypt(await warning.cipher.encrypt('secret'));
    expect(printed).toEqual([]);
  });

  it('does not load the key until it is used, and warns before the first secret is written or read', async () => {
    const { printed, warning, asked } = setUp();
    expect(asked()).toBe(0);
    const sealed = await warning.cipher.encrypt('secret');
    expect(printed).toHaveLength(2);
    expect((await warning.cipher.decrypt(sealed)).plaintext).toBe('secret');
    expect(printed).toHaveLength(2);

    const reader = setUp();
    await reader.warning.cipher.decrypt(sealed);
    expect(reader.printed[0]).toContain('weakly protected');
  });

  it('reports protection (kith status) without printing the warning itself', async () => {
    const { printed, warning } = setUp();
    expect(await warning.cipher.protection()).toEqual(weak);
    expect(printed).toEqual([]);
  });
});
