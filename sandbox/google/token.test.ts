import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { consent, googleAuthUrl, googleTokens, pkcePair, postForm } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();
const REDIRECT = 'http://127.0.0.1:53682/callback';
const client = { client_id: SANDBOX_CREDENTIALS.google.clientId, client_secret: SANDBOX_CREDENTIALS.google.clientSecret };

async function codeFor(options: { person?: string; accessType?: 'online' | 'offline'; prompt?: string } = {}) {
  const { verifier, challenge } = pkcePair();
  const { redirect } = await consent(googleAuthUrl(sandbox.url, { challenge, redirectUri: REDIRECT, ...options }), options.person ? { person: options.person } : {});
  return { code: redirect.searchParams.get('code') ?? '', verifier };
}

const exchange = (params: Record<string, string>) => postForm(`${sandbox.url}/google/token`, { grant_type: 'authorization_code', redirect_uri: REDIRECT, ...client, ...params });

describe('Google token endpoint: authorization_code', () => {
  it('exchanges a code with the right verifier for tokens', async () => {
    const { code, verifier } = await codeFor();
    const res = await exchange({ code, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(res.body.access_token).toMatch(/^ya29\./);
    expect(res.body.refresh_token).toMatch(/^1\/\//);
    expect(String(res.body.id_token).split('.')).toHaveLength(3);
    expect(res.body.scope).toBe('openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/contacts.readonly');
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('rejects a wrong verifier with invalid_grant', async () => {
    const { code } = await codeFor();
    const res = await exchange({ code, code_verifier: pkcePair().verifier });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
  });

  it('rejects a missing verifier', async () => {
    const { code } = await codeFor();
    const res = await exchange({ code });
    expect(res.body.error).toBe('invalid_grant');
  });

  it('rejects a reused code and revokes the tokens it produced', async () => {
    const { code, verifier } = await codeFor();
    const first = await exchange({ code, code_verifier: verifier });
    expect(first.status).toBe(200);
    const second = await exchange({ code, code_verifier: verifier });
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    const tokens = await sandbox.admin.tokens({ provider: 'google' });
    const fromFirst = tokens.filter((t) => t.value === first.body.access_token || t.value === first.body.refresh_token);
    expect(fromFirst.map((t) => t.status)).toEqual(['revoked', 'revoked']);
  });

  it('rejects a code older than 60 s', async () => {
    const { code, verifier } = await codeFor();
    await sandbox.admin.advanceClock(61);
    const res = await exchange({ code, code_verifier: verifier });
    expect(res.body.error).toBe('invalid_grant');
  });

  it('accepts a code just under 60 s old', async () => {
    const { code, verifier } = await codeFor();
    await sandbox.admin.advanceClock(59);
    expect((await exchange({ code, code_verifier: verifier })).status).toBe(200);
  });

  it('rejects a redirect_uri that differs from the authorization request', async () => {
    const { code, verifier } = await codeFor();
    const res = await exchange({ code, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:53683/callback' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('redirect_uri_mismatch');
  });

  it('rejects an unknown client with invalid_client (401)', async () => {
    const { code, verifier } = await codeFor();
    const res = await exchange({ code, code_verifier: verifier, client_id: 'other.apps.googleusercontent.com' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'The OAuth client was not found.' });
  });

  it('rejects a wrong client secret with invalid_client (401)', async () => {
    const { code, verifier } = await codeFor();
    const res = await exchange({ code, code_verifier: verifier, client_secret: 'GOCSPX-wrong' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('requires the desktop client secret', async () => {
    const { code, verifier } = await codeFor();
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'authorization_code', redirect_uri: REDIRECT, client_id: client.client_id, code, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('accepts client credentials by HTTP Basic', async () => {
    const { code, verifier } = await codeFor();
    const response = await fetch(`${sandbox.url}/google/token`, {
      method: 'POST',
      headers: { Authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64') },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }),
    });
    expect(response.status).toBe(200);
  });

  it('rejects an unknown code and an unsupported grant type', async () => {
    expect((await exchange({ code: '4/0Anope', code_verifier: pkcePair().verifier })).body.error).toBe('invalid_grant');
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'password', ...client });
    expect(res.body).toEqual({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' });
  });
});

describe('Google refresh tokens', () => {
  it('are issued on the first offline consent only', async () => {
    const first = await googleTokens(sandbox.url);
    expect(first.refresh_token).toBeTruthy();
    const second = await googleTokens(sandbox.url);
    expect(second.refresh_token).toBeUndefined();
  });

  it('are issued again with prompt=consent and access_type=offline', async () => {
    await googleTokens(sandbox.url);
    const again = await googleTokens(sandbox.url, { prompt: 'consent' });
    expect(again.refresh_token).toBeTruthy();
  });

  it('are never issued for online access', async () => {
    const online = await googleTokens(sandbox.url, { accessType: 'online', prompt: 'consent' });
    expect(online.refresh_token).toBeUndefined();
  });

  it('are per person: a second person gets their own first-consent token', async () => {
    await googleTokens(sandbox.url, { person: 'ada' });
    expect((await googleTokens(sandbox.url, { person: 'grace' })).refresh_token).toBeTruthy();
  });

  it('refresh to a new access token and id_token, without a new refresh token', async () => {
    const first = await googleTokens(sandbox.url);
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '', ...client });
    expect(res.status).toBe(200);
    expect(res.body.access_token).not.toBe(first.access_token);
    expect(res.body.refresh_token).toBeUndefined();
    expect(res.body.id_token).toBeTruthy();
    expect(res.body.expires_in).toBe(3600);
  });

  it('refuse a revoked refresh token with invalid_grant', async () => {
    const first = await googleTokens(sandbox.url);
    await sandbox.admin.revokeGrant({ provider: 'google', person: 'ada' });
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '', ...client });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('refuse an access token passed as a refresh token', async () => {
    const first = await googleTokens(sandbox.url);
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: first.access_token, ...client });
    expect(res.body.error).toBe('invalid_grant');
  });

  it('are capped at 100 per person per client: the 101st silently invalidates the oldest', async () => {
    await sandbox.admin.updateSettings({ autoConsent: true });
    const first = await googleTokens(sandbox.url);
    for (let i = 0; i < 100; i += 1) await googleTokens(sandbox.url, { prompt: 'consent' });
    const refresh = await sandbox.admin.tokens({ provider: 'google', kind: 'refresh' });
    expect(refresh).toHaveLength(101);
    expect(refresh.filter((t) => t.status === 'active')).toHaveLength(100);
    expect(refresh.find((t) => t.value === first.refresh_token)?.status).toBe('revoked');
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '', ...client });
    expect(res.body.error).toBe('invalid_grant');
  });

  it('carry earlier scopes with include_granted_scopes=true (incremental authorization)', async () => {
    await googleTokens(sandbox.url, { scope: 'openid https://www.googleapis.com/auth/contacts.readonly' });
    const narrow = await googleTokens(sandbox.url, { scope: 'openid email' });
    expect(narrow.scope).toBe('openid https://www.googleapis.com/auth/userinfo.email');
    const { verifier, challenge } = pkcePair();
    const { redirect } = await consent(googleAuthUrl(sandbox.url, { challenge, redirectUri: REDIRECT, scope: 'openid email', extra: { include_granted_scopes: 'true' } }));
    const res = await exchange({ code: redirect.searchParams.get('code') ?? '', code_verifier: verifier });
    expect(String(res.body.scope).split(' ').sort()).toEqual(['https://www.googleapis.com/auth/contacts.readonly', 'https://www.googleapis.com/auth/userinfo.email', 'openid']);
  });

  it('expire when a refresh token lifetime is set (an app in "Testing" status), and say so', async () => {
    await sandbox.admin.updateSettings({ refreshTokenTtlSeconds: 7 * 24 * 3600 });
    const first = await googleTokens(sandbox.url);
    expect((first as Record<string, unknown>).refresh_token_expires_in).toBe(604800);
    await sandbox.admin.advanceClock(7 * 24 * 3600);
    const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '', ...client });
    expect(res.body.error).toBe('invalid_grant');
  });

  it('honour --access-token-ttl (run-time setting) in expires_in', async () => {
    await sandbox.admin.updateSettings({ accessTokenTtlSeconds: 5 });
    expect((await googleTokens(sandbox.url)).expires_in).toBe(5);
  });
});
