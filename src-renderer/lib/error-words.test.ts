import { describe, expect, it } from 'vitest';
import { KithError, KithErrorCodeSchema } from '../../src-contract/kith-api';
import { errorWords, isQuietError, needsReconnect, toErrorInfo } from './error-words';

describe('errorWords', () => {
  it('names the provider the person declined at', () => {
    expect(errorWords({ code: 'E_CONSENT_DENIED', message: 'access_denied' }, { provider: 'google' })).toMatch(/^You declined access at Google/);
    expect(errorWords({ code: 'E_CONSENT_DENIED', message: 'access_denied' }, { provider: 'facebook' })).toMatch(/^You declined access at Facebook/);
  });

  it('says nothing when the person cancelled', () => {
    expect(errorWords({ code: 'E_LOGIN_CANCELLED', message: 'cancelled' })).toBeNull();
    expect(isQuietError('E_LOGIN_CANCELLED')).toBe(true);
    expect(isQuietError('E_LOGIN_TIMEOUT')).toBe(false);
  });

  it('explains timeouts, offline and revoked grants in plain words', () => {
    expect(errorWords({ code: 'E_LOGIN_TIMEOUT', message: 'x' }, { provider: 'google' })).toContain('took too long');
    expect(errorWords({ code: 'E_OFFLINE', message: 'x' }, { provider: 'facebook' })).toContain('cannot reach Facebook');
    expect(errorWords({ code: 'E_GRANT_REVOKED', message: 'x' }, { provider: 'google' })).toContain('Reconnect');
    expect(needsReconnect('E_GRANT_REVOKED')).toBe(true);
    expect(needsReconnect('E_NEEDS_RECONNECT')).toBe(true);
    expect(needsReconnect('E_OFFLINE')).toBe(false);
  });

  it('keeps the configuration message, which names the missing variable', () => {
    expect(errorWords({ code: 'E_CONFIG', message: 'Set KITH_GOOGLE_CLIENT_ID' }, { provider: 'google' })).toContain('KITH_GOOGLE_CLIENT_ID');
  });

  it('has words for every code in the contract and never leaks a raw code', () => {
    for (const code of KithErrorCodeSchema.options) {
      const words = errorWords({ code, message: 'detail' }, { provider: 'google' });
      if (code === 'E_LOGIN_CANCELLED') continue;
      expect(words, code).toBeTruthy();
      expect(words, code).not.toMatch(/\bE_[A-Z_]+/);
      // Plain words: shown as text, so markdown (backticks, asterisks, links) would show as itself.
      expect(words, code).not.toMatch(/[`*]|\]\(/);
    }
  });
});

describe('toErrorInfo', () => {
  it('keeps a KithError or a plain { code, message }', () => {
    expect(toErrorInfo(new KithError('E_OFFLINE', 'down'))).toEqual({ code: 'E_OFFLINE', message: 'down' });
    expect(toErrorInfo({ code: 'E_CONSENT_DENIED', message: 'no' })).toEqual({ code: 'E_CONSENT_DENIED', message: 'no' });
  });

  it("recovers the code from Electron's remote-method error text", () => {
    const error = new Error("Error invoking remote method 'kith:accounts.connect': KithError: E_LOGIN_TIMEOUT: no redirect");
    expect(toErrorInfo(error)).toEqual({ code: 'E_LOGIN_TIMEOUT', message: 'no redirect' });
  });

  it('turns anything else into E_INTERNAL', () => {
    expect(toErrorInfo(new Error('boom')).code).toBe('E_INTERNAL');
    expect(toErrorInfo({ code: 'E_MADE_UP', message: 'x' }).code).toBe('E_INTERNAL');
  });
});
