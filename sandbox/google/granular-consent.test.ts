import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { consent, getJson, getPage, googleAuthUrl, pkcePair, postForm } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();
const REDIRECT = 'http://127.0.0.1:53682/callback';
const CONTACTS = 'https://www.googleapis.com/auth/contacts.readonly';
const IDENTITY = ['openid', 'https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/userinfo.profile'];
const client = { client_id: SANDBOX_CREDENTIALS.google.clientId, client_secret: SANDBOX_CREDENTIALS.google.clientSecret };

async function tokensFor(choice: Parameters<typeof consent>[1] = {}, auth: Partial<Parameters<typeof googleAuthUrl>[1]> = {}) {
  const { verifier, challenge } = pkcePair();
  const { redirect } = await consent(googleAuthUrl(sandbox.url, { challenge, redirectUri: REDIRECT, ...auth }), choice);
  const res = await postForm(`${sandbox.url}/google/token`, { grant_type: 'authorization_code', redirect_uri: REDIRECT, code: redirect.searchParams.get('code') ?? '', code_verifier: verifier, ...client });
  expect(res.status).toBe(200);
  return { redirect, body: res.body as { access_token: string; refresh_token?: string; scope: string; refresh_token_expires_in?: number } };
}
const connections = (token: string) => getJson(`${sandbox.url}/google/people/v1/people/me/connections?personFields=names`, { Authorization: `Bearer ${token}` });
const refresh = (token: string) => postForm(`${sandbox.url}/google/token`, { grant_type: 'refresh_token', refresh_token: token, ...client });

describe('Google granular consent ("How to handle granular permissions")', () => {
  it('shows a ticked checkbox per non-Sign-In scope and none for the Sign-In scopes', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    expect(page.html).toContain(`<input type="checkbox" name="scope" value="${CONTACTS}" checked> See and download your contacts`);
    expect(page.html).not.toMatch(/name="scope" value="(openid|https:\/\/www\.googleapis\.com\/auth\/userinfo\.[a-z]+)"/);
  });

  it('lists only the granted scopes when contacts are unticked: the code redirect, the token, and People says 403', async () => {
    const { redirect, body } = await tokensFor({ decline: ['contacts.readonly'] });
    expect(redirect.searchParams.get('scope')?.split(' ')).toEqual(IDENTITY);
    expect(body.scope.split(' ')).toEqual(IDENTITY);
    const people = await connections(body.access_token);
    expect(people.status).toBe(403);
    expect(JSON.stringify(people.body)).toContain('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    // Refreshing does not grant what the person withheld.
    expect(String((await refresh(body.refresh_token ?? '')).body.scope).split(' ')).toEqual(IDENTITY);
  });

  it('grants contacts when asked again for just that scope, with include_granted_scopes=true keeping the identity scopes', async () => {
    await tokensFor({ decline: ['contacts.readonly'] });
    const again = await tokensFor({}, { scope: CONTACTS, prompt: 'consent', extra: { include_granted_scopes: 'true' } });
    expect(again.body.scope.split(' ').sort()).toEqual([...IDENTITY, CONTACTS].sort());
    expect((await connections(again.body.access_token)).status).toBe(200);
  });

  it('without include_granted_scopes, a token carries only this request’s scopes', async () => {
    await tokensFor();
    const narrow = await tokensFor({}, { scope: 'openid email' });
    expect(narrow.body.scope).toBe('openid https://www.googleapis.com/auth/userinfo.email');
  });

  it('a form posted without the checkboxes (a client that only sends the decision) grants what was asked', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    const requestId = /name="request_id" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const res = await fetch(`${sandbox.url}/google/o/oauth2/v2/consent`, { method: 'POST', body: new URLSearchParams({ request_id: requestId, person: 'ada', decision: 'allow' }), redirect: 'manual' });
    expect(new URL(res.headers.get('Location') ?? '').searchParams.get('scope')).toContain(CONTACTS);
  });
});

describe('Google time-based access', () => {
  it('offers the choice on the consent page for offline access', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    expect(page.html).toMatch(/<input type="radio" name="access_duration" value="" checked> Until you remove access/);
    expect(page.html).toMatch(/name="access_duration" value="3600"> For 1 hour/);
  });

  it('a person’s 1-hour choice gives refresh_token_expires_in 3600, and the refresh token then stops working', async () => {
    const { body } = await tokensFor({ accessSeconds: 3600 });
    expect(body.refresh_token_expires_in).toBe(3600);
    await sandbox.admin.advanceClock(1800);
    const remaining = Number((await refresh(body.refresh_token ?? '')).body.refresh_token_expires_in);
    expect(remaining).toBeGreaterThan(1790);
    expect(remaining).toBeLessThanOrEqual(1800);
    await sandbox.admin.advanceClock(1800);
    expect((await refresh(body.refresh_token ?? '')).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('sends no refresh_token_expires_in for access until removed', async () => {
    expect((await tokensFor()).body.refresh_token_expires_in).toBeUndefined();
  });

  it('takes the shorter of the app’s limit (--refresh-token-ttl) and the person’s choice', async () => {
    await sandbox.admin.updateSettings({ refreshTokenTtlSeconds: 600 });
    expect((await tokensFor({ accessSeconds: 86400 })).body.refresh_token_expires_in).toBe(600);
  });
});

describe('Google login_hint and the person who actually signs in', () => {
  it('preselects the login_hint person, by email or by sub', async () => {
    for (const hint of ['alan.turing@example.com', '110000000000000000003']) {
      const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, loginHint: hint }));
      expect(page.html).toMatch(/value="alan" checked/);
    }
  });

  it('the person may still pick someone else on the page', async () => {
    await tokensFor({ person: 'ada' }, { loginHint: 'alan.turing@example.com' });
    expect((await sandbox.admin.grants({ provider: 'google' })).grants.map((g) => g.person)).toEqual(['ada.lovelace@example.com']);
  });

  it('auto-consent honours login_hint, unless autoConsentPerson says someone else signs in', async () => {
    await sandbox.admin.updateSettings({ autoConsent: true });
    await tokensFor({}, { loginHint: 'alan.turing@example.com' });
    await sandbox.admin.updateSettings({ autoConsentPerson: 'ada' });
    await tokensFor({}, { loginHint: 'alan.turing@example.com' });
    expect((await sandbox.admin.grants({ provider: 'google' })).grants.map((g) => g.person)).toEqual(['alan.turing@example.com', 'ada.lovelace@example.com']);
  });

  it('auto-consent leaves unticked what autoConsentDecline names', async () => {
    await sandbox.admin.updateSettings({ autoConsent: true, autoConsentDecline: ['contacts.readonly'] });
    expect((await tokensFor()).body.scope.split(' ')).toEqual(IDENTITY);
  });
});
