import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from './redact';

const kithToken = 'kith_p_0123456789abcdefghijABCDEFGHIJ0123456789abcXYZ012';
const googleAccess = 'ya29.a0AfH6SMBx-Example_Token.value-123';
const googleRefresh = '1//0gExampleRefreshToken-abc_DEF123';
const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiIxMjM0NSIsIm5vbmNlIjoibiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const facebook = 'EAAGm0PX4ZCpsBAKZCZB5example0token0value0123';

describe('redactText', () => {
  it.each([
    ['a Kith token', `auth with ${kithToken} failed`, kithToken],
    ['a Google access token', `token ${googleAccess} expired`, googleAccess],
    ['a Google refresh token', `refresh ${googleRefresh}`, googleRefresh],
    ['a JWT', `id_token ${jwt}`, jwt],
    ['a Facebook token', `fb ${facebook}`, facebook],
    ['a client secret', 'secret GOCSPX-kith-sandbox-desktop used', 'GOCSPX-kith-sandbox-desktop'],
    ['a bearer header', 'Authorization: Bearer abc.def-ghi_123456', 'abc.def-ghi_123456'],
    ['a long hex run', `hash ${'a3'.repeat(32)}`, 'a3'.repeat(32)],
    ['a long base64 run', 'blob q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k+Pw==', 'q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k'],
  ])('removes %s', (_label, input, secret) => {
    const out = redactText(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('removes secret query and form parameters but keeps the rest of the URL', () => {
    const url =
      'http://127.0.0.1:5000/cb?code=4/0AbCdEf&state=xyz&scope=email https://x/token?access_token=abc123&code_verifier=vvv&grant_type=refresh_token&refresh_token=rrr';
    const out = redactText(url);
    for (const secret of ['4/0AbCdEf', 'abc123', 'vvv', 'rrr']) expect(out).not.toContain(secret);
    expect(out).toContain('state=xyz');
    expect(out).toContain('grant_type=refresh_token');
    expect(out).toContain('code=[redacted]');
  });

  it('removes secret members of a JSON body and Google authorization codes', () => {
    const body = '{"access_token": "opaque-sandbox-value", "expires_in": 3599, "refreshToken":"r-value", "token_type": "Bearer"}';
    const out = redactText(body);
    expect(out).not.toMatch(/opaque-sandbox-value|r-value/);
    expect(out).toContain('"expires_in": 3599');
    expect(out).toContain('"access_token": "[redacted]"');
    expect(redactText('exchanging 4/0AfJohXn-code_value-123 now')).toBe('exchanging [redacted] now');
  });

  it('keeps ordinary text, paths and Kith ids readable', () => {
    const text =
      'synced 50000 friends for acc_AbCdEfGh1234567890abcdefGHIJKLMNOP in /tmp/vitest-kith-AbC123/friends-acc_AbCdEfGh1234567890.json at 2026-11-23T15:00:00Z';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts secret-named fields whatever they contain and patterns everywhere else', () => {
    const out = redactValue({
      accessToken: 'short',
      refreshToken: null,
      nested: { code_verifier: 'v', code: 'c', note: `got ${googleAccess}` },
      list: [{ password: 'p' }, `url?access_token=zzz`],
      tokenCount: 3,
      error: new Error(`bad ${kithToken}`),
      bytes: new Uint8Array(4),
    });
    const text = JSON.stringify(out);
    for (const secret of ['short', '"v"', '"c"', googleAccess, '"p"', 'zzz', kithToken]) expect(text).not.toContain(secret);
    expect(out).toMatchObject({ refreshToken: null, tokenCount: 3, bytes: '[4 bytes]', error: { name: 'Error' } });
  });

  it('keeps error codes under a `code` key but not authorization codes', () => {
    expect(redactValue({ code: 'E_OFFLINE', other: { code: 'ENOENT' } })).toEqual({ code: 'E_OFFLINE', other: { code: 'ENOENT' } });
    expect(redactValue({ code: '4/0AfJohXn-abc' })).toEqual({ code: REDACTED });
    expect(redactValue({ code: 'AQBx9kDZ' })).toEqual({ code: REDACTED });
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(() => redactValue(a)).not.toThrow();
  });
});
