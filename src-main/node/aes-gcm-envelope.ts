// The node cipher's ciphertext format (AES-256-GCM, NIST SP 800-38D):
//
//   [0]      version (1)
//   [1..8]   key id: first 8 bytes of SHA-256("kith-key-id" || key), so a blob
//            names the key it needs without revealing it
//   [9..20]  IV: 12 random bytes, new for every message (never reused with a key)
//   [21..-16] ciphertext
//   [-16..]  GCM authentication tag (16 bytes)
//
// The version and key id are authenticated as additional data, so they cannot
// be swapped either.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { KithError } from '../../src-contract/kith-api';

export const ENVELOPE_VERSION = 1;
export const KEY_BYTES = 32;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;

/** A key as text, where it is kept outside this process (OS keyring entry, key file). */
export function encodeKey(key: Uint8Array): string {
  return Buffer.from(key).toString('base64');
}

/** The key `encodeKey` wrote, or null for anything else (wrong length, not canonical base64). */
export function decodeKey(encoded: string): Uint8Array | null {
  const key = Buffer.from(encoded, 'base64');
  return key.length === KEY_BYTES && key.toString('base64') === encoded ? new Uint8Array(key) : null;
}

export function keyIdOf(key: Uint8Array): string {
  return createHash('sha256').update('kith-key-id').update(key).digest().subarray(0, KEY_ID_BYTES).toString('hex');
}

export function seal(key: Uint8Array, plaintext: string, iv: Uint8Array = randomBytes(IV_BYTES)): Uint8Array {
  if (key.length !== KEY_BYTES) throw new RangeError('AES-256 needs a 32-byte key');
  const header = Buffer.concat([Buffer.from([ENVELOPE_VERSION]), Buffer.from(keyIdOf(key), 'hex')]);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([header, iv, body, cipher.getAuthTag()]));
}

/** The key id a blob was sealed with; rejects with E_STORAGE when the blob is not one of ours. */
export function envelopeKeyId(blob: Uint8Array): string {
  if (blob.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) {
    throw new KithError('E_STORAGE', 'Encrypted data is too short: it was damaged or is not Kith data.');
  }
  if (blob[0] !== ENVELOPE_VERSION) {
    throw new KithError('E_STORAGE', 'Encrypted data is in a format this version of Kith does not know (written by a newer Kith?).');
  }
  return Buffer.from(blob.subarray(1, HEADER_BYTES)).toString('hex');
}

export function open(key: Uint8Array, blob: Uint8Array): string {
  envelopeKeyId(blob);
  const buffer = Buffer.from(blob);
  const header = buffer.subarray(0, HEADER_BYTES);
  const iv = buffer.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const body = buffer.subarray(HEADER_BYTES + IV_BYTES, buffer.length - TAG_BYTES);
  const tag = buffer.subarray(buffer.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new KithError('E_STORAGE', 'Encrypted data failed its integrity check: it was damaged or changed on disk.');
  }
}
