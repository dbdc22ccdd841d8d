import { inspect } from 'node:util';
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

describe('redactText on util.inspect output', () => {
  // Opaque values that no shape pattern (ya29., 1//, eyJ, long random runs) would catch on their own.
  const secrets = {
    access_token: 'opaque-access-abc',
    refresh_token: 'opaque-refresh-def',
    id_token: 'opaque-id-ghi',
    accessToken: 'opaque-access-jkl',
    refreshToken: 'opaque-refresh-mno',
    idToken: 'opaque-id-pqr',
    code_verifier: 'opaque-verifier-stu',
    client_secret: 'opaque-secret-vwx',
  };

  it.each(Object.entries(secrets))('removes %s from an inspected object and keeps the rest', (key, value) => {
    const text = inspect({ [key]: value, scope: 'email openid', expires_in: 3599, nested: { [key]: value } }, { depth: 4 });
    expect(text).toContain(`${key}: '${value}'`); // the shape this guards against
    const out = redactText(text);
    expect(out).not.toContain(value);
    expect(out).toContain(`${key}: '${REDACTED}'`);
    expect(out).toContain("scope: 'email openid'");
    expect(out).toContain('expires_in: 3599');
  });

  it('removes values that inspect wraps in double quotes or backticks, with escapes inside', () => {
    const text = inspect({
      access_token: "it's-opaque-1",
      refresh_token: 'both \' and " opaque-2',
      accessToken: 'ya29.a0Af-opaque-3',
      idToken: 'all \' " ` opaque-4 tail',
    });
    expect(text).toContain('access_token: "it\'s-opaque-1"');
    expect(text).toContain('refresh_token: `both');
    expect(text).toContain("idToken: 'all \\'");
    const out = redactText(text);
    for (const secret of ['opaque-1', 'opaque-2', 'opaque-3', 'opaque-4', 'tail']) expect(out).not.toContain(secret);
    expect(out).toContain(`access_token: "${REDACTED}"`);
  });

  it('removes bare and `=` forms, and leaves null, other fields and longer names alone', () => {
    const out = redactText('refresh_token: opaque-bare-1 id_token = opaque-bare-2 client_secret="opaque-3" accessToken: null accessTokenExpiresAt: 1000 token_type: Bearer');
    for (const secret of ['opaque-bare-1', 'opaque-bare-2', 'opaque-3']) expect(out).not.toContain(secret);
    expect(out).toContain('accessToken: null');
    expect(out).toContain('accessTokenExpiresAt: 1000');
    expect(out).toContain('token_type: Bearer');
  });

  it('covers a logged error whose message quotes a token set', () => {
    const error = new Error(`refresh failed for ${inspect({ tokens: secrets })}`);
    const { message } = redactValue(error) as { message: string };
    expect(message).toContain('refresh failed');
    const out = message;
    for (const value of Object.values(secrets)) expect(out).not.toContain(value);
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
