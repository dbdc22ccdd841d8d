// The libraries Kith's Google provider uses (google-auth-library with
// overridden endpoints, @googleapis/people with rootUrl) work against the
// sandbox unchanged. googleapis-common resolves paths against a global rootUrl
// with `new URL('/v1/...', rootUrl)`, which drops the rootUrl's own path
// ("/google/people/"), so rootUrl must also be given per call.
import { OAuth2Client } from 'google-auth-library';
import { people } from '@googleapis/people';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { consent, pkcePair } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();

function client(redirectUri: string) {
  const base = sandbox.url;
  return new OAuth2Client({
    clientId: SANDBOX_CREDENTIALS.google.clientId,
    clientSecret: SANDBOX_CREDENTIALS.google.clientSecret,
    redirectUri,
    issuers: [`${base}/google`],
    endpoints: {
      oauth2AuthBaseUrl: `${base}/google/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${base}/google/token`,
      oauth2RevokeUrl: `${base}/google/revoke`,
      oauth2FederatedSignonPemCertsUrl: `${base}/google/oauth2/v1/certs`,
      oauth2FederatedSignonJwkCertsUrl: `${base}/google/oauth2/v3/certs`,
    },
  });
}

describe('google-auth-library and @googleapis/people against the sandbox', () => {
  it('log in, verify the id_token, list contacts, refresh and revoke', async () => {
    const redirectUri = 'http://127.0.0.1:45678/cb';
    const oauth = client(redirectUri);
    const { verifier, challenge } = pkcePair();
    const url = oauth.generateAuthUrl({
      access_type: 'offline',
      scope: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/contacts.readonly'],
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256' as never,
      nonce: 'n-1',
    } as never);
    const { redirect } = await consent(url);
    const { tokens } = await oauth.getToken({ code: redirect.searchParams.get('code') ?? '', codeVerifier: verifier });
    expect(tokens.refresh_token).toBeTruthy();

    const ticket = await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: SANDBOX_CREDENTIALS.google.clientId });
    expect(ticket.getPayload()?.email).toBe('ada.lovelace@example.com');

    oauth.setCredentials(tokens);
    const api = people({ version: 'v1', rootUrl: `${sandbox.url}/google/people/` });
    const headers = { Authorization: `Bearer ${tokens.access_token ?? ''}` };
    const page = await api.people.connections.list({ resourceName: 'people/me', personFields: 'names,emailAddresses', pageSize: 50, requestSyncToken: true }, { rootUrl: `${sandbox.url}/google/people/`, headers });
    expect(page.data.connections).toHaveLength(50);
    expect(page.data.totalItems).toBe(250);

    const refreshed = await oauth.refreshAccessToken();
    expect(refreshed.credentials.access_token).not.toBe(tokens.access_token);

    await oauth.revokeToken(tokens.refresh_token ?? '');
    const active = await sandbox.admin.tokens({ provider: 'google', status: 'active' });
    expect(active.filter((t) => t.kind !== 'id')).toEqual([]);
  });

  it('surface EXPIRED_SYNC_TOKEN in the error the People client throws', async () => {
    const redirectUri = 'http://127.0.0.1:45678/cb';
    const oauth = client(redirectUri);
    const { verifier, challenge } = pkcePair();
    const url = oauth.generateAuthUrl({ scope: ['https://www.googleapis.com/auth/contacts.readonly'], state: 's', code_challenge: challenge, code_challenge_method: 'S256' as never } as never);
    const { redirect } = await consent(url);
    const { tokens } = await oauth.getToken({ code: redirect.searchParams.get('code') ?? '', codeVerifier: verifier });
    const api = people({ version: 'v1', rootUrl: `${sandbox.url}/google/people/` });
    const perCall = { rootUrl: `${sandbox.url}/google/people/`, headers: { Authorization: `Bearer ${tokens.access_token ?? ''}` } };
    const full = await api.people.connections.list({ resourceName: 'people/me', personFields: 'names', pageSize: 1000, requestSyncToken: true }, perCall);
    await sandbox.admin.expireSyncTokens();
    const error = await api.people.connections
      .list({ resourceName: 'people/me', personFields: 'names', pageSize: 1000, requestSyncToken: true, syncToken: full.data.nextSyncToken ?? '' }, perCall)
      .then(() => null, (e: unknown) => e as { status?: number; response?: { data?: { error?: { details?: { reason?: string }[] } } } });
    expect(error?.status).toBe(400);
    expect(error?.response?.data?.error?.details?.[0]?.reason).toBe('EXPIRED_SYNC_TOKEN');
  });
});
