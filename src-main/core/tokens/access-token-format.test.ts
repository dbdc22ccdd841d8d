import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base62, checksumOf, formatAccessToken, hashAccessToken, parseAccessToken } from './access-token-format';

const zeros = new Uint8Array(32);
const ones = new Uint8Array(32).fill(0xff);

describe('access token format', () => {
  it('has the documented shape for each type', () => {
    expect(formatAccessToken('personal', randomBytes(32))).toMatch(/^kith_p_[0-9A-Za-z]{49}$/);
    expect(formatAccessToken('launch', randomBytes(32))).toMatch(/^kith_l_[0-9A-Za-z]{49}$/);
    expect(formatAccessToken('session', randomBytes(32))).toMatch(/^kith_s_[0-9A-Za-z]{49}$/);
    // Fixed width, whatever the random bytes.
    expect(formatAccessToken('personal', zeros)).toHaveLength(56);
    expect(formatAccessToken('personal', ones)).toHaveLength(56);
  });

  it('encodes the secret and checksum in base62 deterministically', () => {
    expect(base62(0, 3)).toBe('000');
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 2)).toBe('10');
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
    expect(() => base62(62 ** 2, 2)).toThrow(RangeError);
    const token = formatAccessToken('session', zeros);
    expect(token).toBe(`kith_s_${'0'.repeat(43)}${checksumOf(`kith_s_${'0'.repeat(43)}`)}`);
  });

  it('keeps the checksum and hash of tokens issued before: base62 of the CRC32, SHA-256 in hex', () => {
    for (let i = 0; i < 200; i++) {
      const body = `kith_p_${base62(randomBytes(32), 43)}`;
      expect(checksumOf(body)).toBe(base62(crc32(body), 6));
      expect(hashAccessToken(body)).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
    }
  });

  it('parses what it formats, with the type', () => {
    for (const type of ['personal', 'launch', 'session'] as const) {
      expect(parseAccessToken(formatAccessToken(type, randomBytes(32)))).toEqual({ type });
    }
  });

  it('rejects a token with a wrong checksum, a typo, a wrong prefix or length', () => {
    const token = formatAccessToken('personal', randomBytes(32));
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'a' ? 'b' : 'a') + s.slice(i + 1);
    expect(parseAccessToken(flip(token, 20))).toBeNull(); // secret typo
    expect(parseAccessToken(flip(token, token.length - 1))).toBeNull(); // checksum typo
    expect(parseAccessToken(token.replace('kith_p_', 'kith_l_'))).toBeNull(); // type letter is covered by the checksum
    expect(parseAccessToken(token.replace('kith_', 'kit_'))).toBeNull();
    expect(parseAccessToken(token.slice(0, -1))).toBeNull();
    expect(parseAccessToken(`${token} `)).toBeNull();
    expect(parseAccessToken(token.replace('kith_p_', 'kith_x_'))).toBeNull();
    expect(parseAccessToken('')).toBeNull();
  });

  it('hashes with SHA-256 so the token itself is never stored', () => {
    const token = formatAccessToken('personal', zeros);
    expect(hashAccessToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAccessToken(token)).not.toContain(token.slice(7, 20));
    expect(() => formatAccessToken('personal', new Uint8Array(16))).toThrow(RangeError);
  });
});
