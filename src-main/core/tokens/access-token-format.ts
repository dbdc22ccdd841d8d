// Kith's own access tokens, in the shape secret scanners recognise (as
// GitHub's `ghp_` tokens): a fixed prefix, a type letter, a random secret and
// a checksum, so a token pasted somewhere public can be spotted by its prefix
// and a typo is rejected offline, before any lookup.
//
//   kith_<t>_<secret><checksum>
//   t         p = personal, l = launch, s = session
//   secret    32 random bytes (256 bits) in base62, left-padded to 43 characters
//   checksum  CRC32 (node:zlib) of "kith_<t>_<secret>" in base62, left-padded to 6 characters
//
// A token is 56 characters and matches /^kith_[pls]_[0-9A-Za-z]{49}$/. Only its
// SHA-256 hash is ever stored.
import { hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const ACCESS_TOKEN_PREFIX = 'kith_';
export const SECRET_BYTES = 32;
const SECRET_LENGTH = 43; // ceil(256 / log2(62))
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

export const ACCESS_TOKEN_TYPES = ['personal', 'launch', 'session'] as const;
export type AccessTokenType = (typeof ACCESS_TOKEN_TYPES)[number];

const LETTER: Record<AccessTokenType, string> = { personal: 'p', launch: 'l', session: 's' };
const TYPE_BY_LETTER: Record<string, AccessTokenType> = { p: 'personal', l: 'launch', s: 'session' };
const SHAPE = new RegExp(`^${ACCESS_TOKEN_PREFIX}([pls])_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Big-endian base62 of `bytes`, left-padded with '0' to `width`. */
export function base62(bytes: Uint8Array | number, width: number): string {
  let n = typeof bytes === 'number' ? BigInt(bytes) : bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  if (out.length > width) throw new RangeError(`value needs ${out.length} base62 digits, more than ${width}`);
  return out.padStart(width, '0');
}

export function checksumOf(body: string): string {
  // A CRC32 fits a double exactly: plain arithmetic, not base62()'s BigInt loop (every request checks one).
  let n = crc32(body);
  let out = '';
  while (n > 0) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(CHECKSUM_LENGTH, '0');
}

export function formatAccessToken(type: AccessTokenType, secret: Uint8Array): string {
  if (secret.length !== SECRET_BYTES) throw new RangeError(`an access token secret is ${SECRET_BYTES} bytes`);
  const body = `${ACCESS_TOKEN_PREFIX}${LETTER[type]}_${base62(secret, SECRET_LENGTH)}`;
  return `${body}${checksumOf(body)}`;
}

/** One answer per type, shared: a parse allocates nothing that outlives it. */
const PARSED: Readonly<Record<AccessTokenType, Readonly<{ type: AccessTokenType }>>> = {
  personal: Object.freeze({ type: 'personal' }),
  launch: Object.freeze({ type: 'launch' }),
  session: Object.freeze({ type: 'session' }),
};

/** The token's type when it is well formed and its checksum matches, else null. Does no lookup. */
export function parseAccessToken(token: string): Readonly<{ type: AccessTokenType }> | null {
  // Every request checks one: a test and two slices instead of the match's array and a rebuilt body.
  if (!SHAPE.test(token)) return null;
  if (checksumOf(token.slice(0, -CHECKSUM_LENGTH)) !== token.slice(-CHECKSUM_LENGTH)) return null;
  const type = TYPE_BY_LETTER[token.charAt(ACCESS_TOKEN_PREFIX.length)];
  return type ? PARSED[type] : null;
}

/** What is stored instead of the token: SHA-256, hex. A 256-bit random secret needs no salt or slow hash. */
export function hashAccessToken(token: string): string {
  // The one-shot form: no Hash object per request.
  return hash('sha256', token, 'hex');
}
