// The CLI's plain warning on stderr when the tokens are only weakly protected
// (the key in a file beside them, or no key to be had). Loading the key may
// ask the OS keyring, which costs a native addon and a D-Bus round trip, so a
// command that reads no encrypted record (`kith accounts`) does not load it
// at start; the warning is then printed before the key is first used, so no
// command reads or writes a secret without it.
import { KithError, toKithError } from '../../../src-contract/errors';
import type { Cipher } from '../../core/ports';

export interface WeakKeyWarning {
  /** Loads the key now and warns if it is weak (once per process). */
  now(): Promise<void>;
  /** The cipher, warning (once) before its first encrypt or decrypt. */
  readonly cipher: Cipher;
}

export function weakKeyWarning(cipher: Cipher, printErr: (line: string) => void): WeakKeyWarning {
  let checked: Promise<void> | null = null;
  const now = () =>
    (checked ??= (async () => {
      const protection = await cipher.protection().catch((error: unknown) => {
        throw toKithError(error, { fallback: () => new KithError('E_STORAGE', 'Kith could not open its encryption key.') });
      });
      const vault = await cipher.state?.();
      if (vault?.state === 'locked') {
        // The command that needs the key says why; this only explains what still works. A
        // passphrase is asked for next (or, with no terminal, the command says it is needed).
        if (vault.reason !== 'passphrase-required') {
          printErr(`kith: warning: the vault is locked (${vault.reason ?? 'unknown'}); commands that need saved sign-ins fail until it opens.`);
        }
      } else if (protection.level === 'weak') {
        printErr(`kith: warning: your tokens are only weakly protected (${protection.backend}).`);
        if (protection.advice) printErr(`  ${protection.advice}`);
      }
    })());
  return {
    now,
    // Every other method (state, unlock, reset...) is the cipher's own; only first use is watched.
    cipher: {
      ...cipher,
      async encrypt(plaintext) {
        await now();
        return cipher.encrypt(plaintext);
      },
      async decrypt(ciphertext) {
        await now();
        return cipher.decrypt(ciphertext);
      },
    },
  };
}
