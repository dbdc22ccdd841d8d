// The data key wrapped with a key derived from a passphrase: scrypt (RFC 7914,
// memory-hard, in node:crypto) turns the passphrase and a random salt into a
// 256-bit key that seals the data key with AES-256-GCM. The parameters are
// stored beside the wrapped key, so they can be raised later (a stronger N is
// applied at the next unlock) without losing data.
import { randomBytes, scrypt } from 'node:crypto';
import { decodeKey, encodeKey, open, seal } from './aes-gcm-envelope';
import type { ScryptParams } from './key-meta';

/**
 * N = 2^17, r = 8, p = 1: 128 MiB and roughly a quarter of a second per try on a
 * laptop, OWASP's Password Storage Cheat Sheet's scrypt floor is 2^17 with r=8, p=1.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export function newScryptParams(cost: { N: number; r: number; p: number } = DEFAULT_SCRYPT): ScryptParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
}

function derive(passphrase: string, params: ScryptParams): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // maxmem above 128 * N * r * p, scrypt's own need, or node refuses the parameters.
    const maxmem = 256 * params.N * params.r * params.p;
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    );
  });
}

export async function wrapDataKey(dataKey: Uint8Array, passphrase: string, params: ScryptParams): Promise<string> {
  return Buffer.from(seal(await derive(passphrase, params), encodeKey(dataKey))).toString('base64');
}

/** The data key, or null when the passphrase is not the one it was wrapped with. */
export async function unwrapDataKey(wrapped: string, passphrase: string, params: ScryptParams): Promise<Uint8Array | null> {
  try {
    return decodeKey(open(await derive(passphrase, params), new Uint8Array(Buffer.from(wrapped, 'base64'))));
  } catch {
    return null;
  }
}
