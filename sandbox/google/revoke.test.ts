import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { getJson, googleTokens, postForm } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();
const client = { client_id: SANDBOX_CREDENTIALS.google.clientId, client_secret: SANDBOX_CREDENTIALS.google.clientSecret };
const userinfo = (token: string) => getJson(`${sandbox.url}/google/v1/userinfo`, { Authorization: `Bearer ${token}` });

describe('Google revoke endpoint', () => {
  it('revoking the access token ends the whole grant, refresh token included', async () => {
    const tokens = await googleTokens(sandbox.url);
    const res = await postForm(`${sandbox.url}/google/revoke`, { token: tokens.access_token });
    expect(res.status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    const refresh = await postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', ...client });
    expect(refresh.body.error).toBe('invalid_grant');
    const { grants } = await sandbox.admin.grants({ provider: 'google' });
    expect(grants[0]).toMatchObject({ status: 'revoked', revokeReason: 'client' });
  });

  it('revoking a refresh token ends every token of the grant, on every install', async () => {
    const install1 = await googleTokens(sandbox.url);
    const install2 = await googleTokens(sandbox.url, { prompt: 'consent' });
    expect((await postForm(`${sandbox.url}/google/revoke`, { token: install1.refresh_token ?? '' })).status).toBe(200);
    expect((await userinfo(install2.access_token)).status).toBe(401);
    const active = await sandbox.admin.tokens({ provider: 'google', status: 'active' });
    expect(active.filter((t) => t.kind !== 'id')).toEqual([]);
  });

  it('accepts the token as a query parameter', async () => {
    const tokens = await googleTokens(sandbox.url);
    const response = await fetch(`${sandbox.url}/google/revoke?token=${encodeURIComponent(tokens.access_token)}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
  });

  it('answers 400 invalid_token for an unknown or already revoked token', async () => {
    expect(await postForm(`${sandbox.url}/google/revoke`, { token: 'ya29.unknown' })).toMatchObject({ status: 400, body: { error: 'invalid_token' } });
    const tokens = await googleTokens(sandbox.url);
    await postForm(`${sandbox.url}/google/revoke`, { token: tokens.access_token });
    expect((await postForm(`${sandbox.url}/google/revoke`, { token: tokens.refresh_token ?? '' })).status).toBe(400);
  });

  it('after a revocation the next consent is a first consent again (new refresh token)', async () => {
    const first = await googleTokens(sandbox.url);
    await postForm(`${sandbox.url}/google/revoke`, { token: first.access_token });
    expect((await googleTokens(sandbox.url)).refresh_token).toBeTruthy();
  });

  it('revoking one person’s grant leaves another person’s alone', async () => {
    const ada = await googleTokens(sandbox.url, { person: 'ada' });
    const grace = await googleTokens(sandbox.url, { person: 'grace' });
    await postForm(`${sandbox.url}/google/revoke`, { token: ada.access_token });
    expect((await userinfo(grace.access_token)).status).toBe(200);
  });
});
