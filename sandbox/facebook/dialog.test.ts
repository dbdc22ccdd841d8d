import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { consent, facebookAuthUrl, facebookDeviceStart, getPage, pkcePair } from '../testing/consent';

const REDIRECT = 'http://localhost:47823/kith/facebook/callback';
const sandbox = useSandbox();

describe('Facebook login dialog', () => {
  it('shows the seeded people, the permissions, a user_friends checkbox, Allow and Deny', async () => {
    const page = await getPage(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Kofi Mensah (kofi.mensah@example.net)');
    expect(page.html).toMatch(/<input type="checkbox" name="user_friends" value="granted" checked> Your friends list/);
    expect(page.html).toMatch(/>Allow<\/button>/);
    expect(page.html).toMatch(/>Deny<\/button>/);
  });

  it('redirects with code and state (and Facebook’s #_=_) on Allow', async () => {
    const { redirect } = await consent(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge, state: 'st' }));
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('st');
    expect(redirect.searchParams.get('code')).toBeTruthy();
    expect(redirect.hash).toBe('#_=_');
  });

  it('redirects with error=access_denied and error_reason=user_denied on Deny', async () => {
    const { redirect } = await consent(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge, state: 'st' }), { decision: 'deny' });
    expect(Object.fromEntries(redirect.searchParams)).toEqual({ error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied', state: 'st' });
  });

  it('records user_friends as declined when the person unticks it', async () => {
    await consent(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge }), { friends: false });
    const { grants } = await sandbox.admin.grants({ provider: 'facebook' });
    expect(grants[0]).toMatchObject({ person: 'kofi.mensah@example.net', declined: ['user_friends'] });
    expect(grants[0]?.scopes).toEqual(['public_profile', 'email']);
  });

  it('does not re-ask a declined permission unless auth_type=rerequest', async () => {
    await consent(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge }), { friends: false });
    await consent(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge }), { friends: true });
    expect((await sandbox.admin.grants({ provider: 'facebook' })).grants[0]?.declined).toEqual(['user_friends']);
    await consent(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge, extra: { auth_type: 'rerequest' } }), { friends: true });
    const [grant] = (await sandbox.admin.grants({ provider: 'facebook' })).grants;
    expect(grant?.declined).toEqual([]);
    expect(grant?.scopes).toContain('user_friends');
  });

  it('approves at once with auto-consent', async () => {
    await sandbox.admin.updateSettings({ autoConsent: true });
    const page = await getPage(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge, loginHint: 'mei.chen@example.net' }));
    expect(page.status).toBe(302);
    expect((await sandbox.admin.grants()).grants[0]?.person).toBe('mei.chen@example.net');
  });

  it('accepts the dialog without a version segment too', async () => {
    const url = facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge }).replace('/v23.0/', '/');
    expect((await getPage(url)).status).toBe(200);
  });

  describe('shows an error page, never a redirect, for', () => {
    const cases: [string, Record<string, string | undefined>, string][] = [
      ['an unknown app id', { client_id: '999' }, 'Invalid App ID'],
      ['a redirect URI that is not registered', { redirect_uri: 'http://localhost:47823/other' }, 'URL blocked'],
      ['the registered path on another port (Strict Mode, no any-port rule)', { redirect_uri: 'http://localhost:47824/kith/facebook/callback' }, 'URL blocked'],
      ['another loopback address than the registered ones', { redirect_uri: 'http://[::1]:47823/kith/facebook/callback' }, 'URL blocked'],
      ['an unknown scope', { scope: 'openid,user_posts' }, 'Invalid Scopes'],
      ['response_type=token', { response_type: 'token' }, 'Unsupported response_type'],
    ];
    for (const [name, override, title] of cases) {
      it(name, async () => {
        const url = new URL(facebookAuthUrl(sandbox.url, { challenge: pkcePair().challenge }));
        for (const [key, value] of Object.entries(override)) if (value !== undefined) url.searchParams.set(key, value);
        const page = await getPage(url.toString());
        expect(page.status).toBe(400);
        expect(page.location).toBeNull();
        expect(page.html).toContain(title);
      });
    }
  });
});

describe('Facebook redirect URIs from options', () => {
  const custom = useSandbox({ facebookRedirectUris: ['http://localhost:40001/cb', 'http://localhost:40002/cb'] });
  it('replace the default list', async () => {
    const ok = await getPage(facebookAuthUrl(custom.url, { challenge: pkcePair().challenge, redirectUri: 'http://localhost:40002/cb' }));
    expect(ok.status).toBe(200);
    const old = await getPage(facebookAuthUrl(custom.url, { challenge: pkcePair().challenge, redirectUri: REDIRECT }));
    expect(old.status).toBe(400);
  });
});

describe('Facebook app mode and HTTPS redirect URIs (Facebook Login’s "Enforce HTTPS")', () => {
  const modes = useSandbox({ facebookRedirectUris: [REDIRECT, 'http://127.0.0.1:47823/kith/facebook/callback', 'http://kith.example/cb', 'https://kith.example/cb'] });
  const open = (redirectUri: string) => getPage(facebookAuthUrl(modes.url, { challenge: pkcePair().challenge, redirectUri }));

  it('development mode (the default) accepts http on localhost and 127.0.0.1 only', async () => {
    expect((await modes.admin.settings()).facebookAppMode).toBe('development');
    expect((await open(REDIRECT)).status).toBe(200);
    expect((await open('http://127.0.0.1:47823/kith/facebook/callback')).status).toBe(200);
    const elsewhere = await open('http://kith.example/cb');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.html).toContain('Insecure Login Blocked');
  });

  it('a Live app refuses every http redirect URI with an error page, never a redirect, and accepts https', async () => {
    await modes.admin.updateSettings({ facebookAppMode: 'live' });
    for (const uri of [REDIRECT, 'http://127.0.0.1:47823/kith/facebook/callback']) {
      const page = await open(uri);
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.html).toContain('Insecure Login Blocked');
    }
    expect((await open('https://kith.example/cb')).status).toBe(200);
  });

  it('a Live app still serves Login for Devices, which needs no redirect', async () => {
    await modes.admin.updateSettings({ facebookAppMode: 'live' });
    expect((await facebookDeviceStart(modes.url)).user_code).toBeTruthy();
  });
});

describe('Facebook app mode from options', () => {
  const live = useSandbox({ facebookAppMode: 'live' });
  it('starts Live with facebookAppMode: "live" (--facebook-app-mode live)', async () => {
    expect((await getPage(facebookAuthUrl(live.url, { challenge: pkcePair().challenge }))).html).toContain('Insecure Login Blocked');
  });
});
