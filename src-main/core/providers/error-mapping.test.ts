import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { graphExchangeFailure, graphFailure } from './facebook-errors';
import { googleApiFailure, googleTokenFailure, isExpiredSyncToken } from './google-errors';
import { TransientFailure } from './provider-http';

const gaxiosError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`request to https://oauth2.googleapis.com/revoke?token=ya29.secret failed`), { response: { status, data, headers: new Headers(headers) } });

const graph = (code: number, subcode?: number) => ({ error: { message: 'Error validating access token EAAB-secret', type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}) } });

function kith(value: KithError | TransientFailure): KithError {
  expect(value).toBeInstanceOf(KithError);
  return value as KithError;
}

describe('Google error mapping', () => {
  it('maps invalid_grant on refresh to E_GRANT_REVOKED, on a code exchange to E_PROVIDER', () => {
    const body = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };
    expect(kith(googleTokenFailure(gaxiosError(400, body), 'refresh_token')).code).toBe('E_GRANT_REVOKED');
    expect(kith(googleTokenFailure(gaxiosError(400, body), 'authorization_code')).code).toBe('E_PROVIDER');
  });

  it('maps a bad client to E_CONFIG naming the variables', () => {
    const error = kith(googleTokenFailure(gaxiosError(401, { error: 'invalid_client' }), 'refresh_token'));
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain('KITH_GOOGLE_CLIENT_ID');
  });

  it('treats 5xx and 429 as transient, with Retry-After', () => {
    const limited = googleTokenFailure(gaxiosError(429, {}, { 'retry-after': '4' }), 'refresh_token');
    expect(limited).toBeInstanceOf(TransientFailure);
    expect((limited as TransientFailure).retryAfterMs).toBe(4000);
    expect(googleApiFailure(gaxiosError(502, 'Bad gateway'), 'contacts sync')).toBeInstanceOf(TransientFailure);
  });

  it('makes a 5xx or 429 on the code exchange final, since the code is never sent twice', () => {
    const outage = kith(googleTokenFailure(gaxiosError(503, 'Service unavailable'), 'authorization_code'));
    expect(outage.code).toBe('E_PROVIDER');
    expect(outage.message).toBe('Google could not complete the sign-in; try again (HTTP 503).');
    expect(kith(googleTokenFailure(gaxiosError(429, {}, { 'retry-after': '4' }), 'authorization_code')).code).toBe('E_RATE_LIMITED');
  });

  it('maps a network failure to E_OFFLINE without quoting the request', () => {
    const error = kith(googleTokenFailure(new Error('request to https://oauth2.googleapis.com/token?x=ya29.secret failed, reason: connect ECONNREFUSED'), 'refresh_token'));
    expect(error.code).toBe('E_OFFLINE');
    expect(error.message).not.toContain('ya29');
  });

  it('maps People 401 to E_GRANT_REVOKED and 403 to a permission message', () => {
    expect(kith(googleApiFailure(gaxiosError(401, { error: { code: 401, status: 'UNAUTHENTICATED' } }), 'contacts sync')).code).toBe('E_GRANT_REVOKED');
    expect(kith(googleApiFailure(gaxiosError(403, { error: { code: 403, status: 'PERMISSION_DENIED' } }), 'contacts sync')).message).toContain('allow Kith');
  });

  it('recognises EXPIRED_SYNC_TOKEN by its reason, whatever the status', () => {
    const details = { error: { code: 400, status: 'FAILED_PRECONDITION', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'EXPIRED_SYNC_TOKEN' }] } };
    expect(isExpiredSyncToken(gaxiosError(400, details))).toBe(true);
    expect(isExpiredSyncToken(gaxiosError(410, details))).toBe(true);
    expect(isExpiredSyncToken(gaxiosError(400, { error: { code: 400, errors: [{ reason: 'EXPIRED_SYNC_TOKEN' }] } }))).toBe(true);
    expect(isExpiredSyncToken(gaxiosError(400, { error: { code: 400, status: 'INVALID_ARGUMENT' } }))).toBe(false);
    expect(isExpiredSyncToken(gaxiosError(400, 'EXPIRED_SYNC_TOKEN'))).toBe(false);
  });
});

describe('Facebook error mapping', () => {
  it.each([4, 17, 32, 613])('treats throttling code %i as transient rate limiting', (code) => {
    const failure = graphFailure(400, new Headers(), graph(code), 'friends sync');
    expect(failure).toBeInstanceOf(TransientFailure);
    expect((failure as TransientFailure).error.code).toBe('E_RATE_LIMITED');
  });

  it('uses the estimated time to regain access when Meta sends one', () => {
    const headers = new Headers({ 'x-business-use-case-usage': JSON.stringify({ '123': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 3 }] }) });
    expect((graphFailure(403, headers, graph(4), 'friends sync') as TransientFailure).retryAfterMs).toBe(180_000);
  });

  it.each([
    [458, /removed/],
    [460, /password/],
    [463, /expired/],
    [467, /logged out/],
    [undefined, /no longer accepts/],
  ])('maps 190 with subcode %s to E_GRANT_REVOKED', (subcode, words) => {
    const error = kith(graphFailure(400, new Headers(), graph(190, subcode), 'friends sync'));
    expect(error.code).toBe('E_GRANT_REVOKED');
    expect(error.message).toMatch(words);
    expect(error.message).not.toContain('EAAB');
  });

  it('retries codes 1 and 2 and bare 5xx', () => {
    expect(graphFailure(500, new Headers(), graph(2), 'x')).toBeInstanceOf(TransientFailure);
    expect(graphFailure(500, new Headers(), graph(1), 'x')).toBeInstanceOf(TransientFailure);
    expect(graphFailure(503, new Headers(), null, 'x')).toBeInstanceOf(TransientFailure);
  });

  it('maps missing permissions and unknown errors to E_PROVIDER', () => {
    expect(kith(graphFailure(403, new Headers(), graph(200), 'friends sync')).message).toContain('permission');
    expect(kith(graphFailure(400, new Headers(), graph(100), 'friends sync')).code).toBe('E_PROVIDER');
  });

  it('maps exchange failures: bad code to E_PROVIDER, bad app id or redirect to E_CONFIG', () => {
    expect(kith(graphExchangeFailure(400, new Headers(), graph(100, 36009))).code).toBe('E_PROVIDER');
    expect(kith(graphExchangeFailure(400, new Headers(), graph(101))).message).toContain('KITH_FACEBOOK_APP_ID');
    expect(kith(graphExchangeFailure(400, new Headers(), graph(191))).message).toContain('KITH_FACEBOOK_REDIRECT_URI');
  });

  it('makes outages and throttling on the code exchange final, since the code is never sent twice', () => {
    const outage = kith(graphExchangeFailure(500, new Headers(), graph(2)));
    expect(outage.code).toBe('E_PROVIDER');
    expect(outage.message).toBe('Facebook could not complete the sign-in; try again (error 2).');
    expect(kith(graphExchangeFailure(502, new Headers(), null)).message).toContain('(HTTP 502)');
    expect(kith(graphExchangeFailure(400, new Headers(), graph(4))).code).toBe('E_RATE_LIMITED');
  });
});
