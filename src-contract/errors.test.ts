import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasCode, invalidInputError, isKithError, KithError, toErrorInfo, toKithError } from './errors';

describe('toKithError', () => {
  it('keeps a KithError and rebuilds what survives a wire or a context bridge', () => {
    const offline = new KithError('E_OFFLINE', 'You are offline.');
    expect(toKithError(offline)).toBe(offline);
    const rebuilt = toKithError({ code: 'E_GRANT_REVOKED', message: 'Reconnect.' });
    expect(rebuilt).toBeInstanceOf(KithError);
    expect(rebuilt).toMatchObject({ code: 'E_GRANT_REVOKED', message: 'Reconnect.' });
  });

  it('hides anything else behind a generic E_INTERNAL, a forged code included', () => {
    for (const raw of ['boom', null, undefined, new Error('GET https://x/?access_token=ya29.abc'), { code: 'E_MADE_UP', message: 'x' }]) {
      const error = toKithError(raw);
      expect(error.code).toBe('E_INTERNAL');
      expect(error.message).not.toContain('ya29');
    }
    expect(toKithError(new KithError('E_NOT_A_CODE' as 'E_OFFLINE', 'forged')).code).toBe('E_INTERNAL');
  });

  it('uses the fallback the caller names for what is not a Kith error', () => {
    const fallback = () => new KithError('E_PROVIDER', 'The sign-in failed.');
    expect(toKithError(new TypeError('x'), { fallback }).code).toBe('E_PROVIDER');
    expect(toKithError(new KithError('E_OFFLINE', 'Offline.'), { fallback }).code).toBe('E_OFFLINE');
  });

  it('caps a message at what the wire schema accepts', () => {
    expect(toKithError({ code: 'E_PROVIDER', message: 'x'.repeat(5000) }).message).toHaveLength(2000);
  });
});

describe('the other conversions', () => {
  it('give the wire shape as plain data', () => {
    const info = toErrorInfo(new KithError('E_OFFLINE', 'You are offline.'));
    expect(info).toEqual({ code: 'E_OFFLINE', message: 'You are offline.' });
    expect(info).not.toBeInstanceOf(Error);
    expect(toErrorInfo(new Error('token=abc')).message).not.toContain('abc');
  });

  it('tell a Kith error by its code', () => {
    expect(isKithError({ code: 'E_OFFLINE', message: 'x' })).toBe(true);
    expect(isKithError(new Error('x'))).toBe(false);
    expect(hasCode(new KithError('E_OFFLINE', 'x'), 'E_PROVIDER', 'E_OFFLINE')).toBe(true);
    expect(hasCode(new KithError('E_OFFLINE', 'x'), 'E_PROVIDER')).toBe(false);
  });

  it('name the method, and the path and rule of each bad field, never its value', () => {
    const parsed = z.object({ limit: z.number().max(1000), provider: z.enum(['google']) }).strict().safeParse({ limit: 5000, provider: 'secret-value' });
    if (parsed.success) throw new Error('expected a failure');
    const error = invalidInputError('friends.list', parsed.error);
    expect(error.code).toBe('E_INVALID_INPUT');
    expect(error.message).toMatch(/^Invalid input for friends\.list: limit: .*1000.*; provider: /);
    expect(error.message).not.toContain('secret-value');
  });
});
