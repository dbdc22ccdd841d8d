import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { consent, googleAuthUrl, getPage, pkcePair } from '../testing/consent';

const sandbox = useSandbox();

describe('Google authorization endpoint', () => {
  it('shows a consent page with the seeded people, the scopes in words, and Allow/Deny', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ada Lovelace (ada.lovelace@example.com)');
    expect(page.html).toContain('Grace Hopper');
    expect(page.html).toContain('See and download your contacts');
    expect(page.html).toContain('See your primary Google Account email address');
    expect(page.html).toMatch(/<button[^>]*value="allow">Allow<\/button>/);
    expect(page.html).toMatch(/<button[^>]*value="deny">Deny<\/button>/);
  });

  it('preselects the login_hint person', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, loginHint: 'grace.hopper@example.com' }));
    expect(page.html).toMatch(/value="grace" checked/);
  });

  it('redirects with a code, the state and the issuer on Allow', async () => {
    const { redirect } = await consent(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, state: 's-1' }));
    expect(redirect.origin + redirect.pathname).toBe('http://127.0.0.1:53682/callback');
    expect(redirect.searchParams.get('state')).toBe('s-1');
    expect(redirect.searchParams.get('code')).toMatch(/^4\/0A/);
    expect(redirect.searchParams.get('iss')).toBe(`${sandbox.url}/google`);
    expect(redirect.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/contacts.readonly');
  });

  it('redirects with error=access_denied on Deny', async () => {
    const { redirect } = await consent(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, state: 's-2' }), { decision: 'deny' });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('s-2');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('accepts a consent form only once', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    const requestId = /name="request_id" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const submit = () => fetch(`${sandbox.url}/google/o/oauth2/v2/consent`, { method: 'POST', body: new URLSearchParams({ request_id: requestId, person: 'ada', decision: 'allow' }), redirect: 'manual' });
    expect((await submit()).status).toBe(302);
    expect((await submit()).status).toBe(400);
  });

  it('approves at once with auto-consent, for the login_hint person', async () => {
    await sandbox.admin.updateSettings({ autoConsent: true });
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, loginHint: 'alan.turing@example.com' }));
    expect(page.status).toBe(302);
    expect(new URL(page.location ?? '').searchParams.get('code')).toBeTruthy();
    const { grants } = await sandbox.admin.grants({ provider: 'google' });
    expect(grants.map((g) => g.person)).toEqual(['alan.turing@example.com']);
  });

  it('answers prompt=none with interaction_required (no session in the sandbox)', async () => {
    const page = await getPage(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, prompt: 'none' }));
    expect(new URL(page.location ?? '').searchParams.get('error')).toBe('interaction_required');
  });

  describe('shows Google’s error page, never a redirect, for', () => {
    const cases: [string, Record<string, string | undefined>, number, string][] = [
      ['an unknown client', { client_id: 'someone-else.apps.googleusercontent.com' }, 401, 'invalid_client'],
      ['a missing client_id', { client_id: undefined }, 400, 'invalid_request'],
      ['a non-loopback redirect_uri', { redirect_uri: 'http://example.com/callback' }, 400, 'redirect_uri_mismatch'],
      ['localhost instead of a loopback IP', { redirect_uri: 'http://localhost:4000/callback' }, 400, 'redirect_uri_mismatch'],
      ['https on loopback', { redirect_uri: 'https://127.0.0.1:4000/callback' }, 400, 'redirect_uri_mismatch'],
      ['a missing code_challenge', { code_challenge: undefined, code_challenge_method: undefined }, 400, 'invalid_request'],
      ['a plain code_challenge_method', { code_challenge_method: 'plain' }, 400, 'invalid_request'],
      ['a missing state', { state: undefined }, 400, 'invalid_request'],
      ['an unknown scope', { scope: 'openid https://www.googleapis.com/auth/drive' }, 400, 'invalid_scope'],
      ['response_type=token', { response_type: 'token' }, 400, 'unsupported_response_type'],
    ];
    for (const [name, override, status, error] of cases) {
      it(name, async () => {
        const url = new URL(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
        for (const [key, value] of Object.entries(override)) {
          if (value === undefined) url.searchParams.delete(key);
          else url.searchParams.set(key, value);
        }
        const page = await getPage(url.toString());
        expect(page.status).toBe(status);
        expect(page.location).toBeNull();
        expect(page.html).toContain(`Error ${status}: ${error}`);
      });
    }
  });

  it('accepts [::1] and any port, per RFC 8252', async () => {
    const { redirect } = await consent(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge, redirectUri: 'http://[::1]:61234/cb' }));
    expect(redirect.host).toBe('[::1]:61234');
  });

  it('escapes what it echoes into the page', async () => {
    const url = new URL(googleAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    url.searchParams.set('scope', '<script>alert(1)</script>');
    const page = await getPage(url.toString());
    expect(page.html).not.toContain('<script>');
  });
});
