import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { loadConfig } from './load-config';

const real = {
  KITH_GOOGLE_CLIENT_ID: '1234-abc.apps.googleusercontent.com',
  KITH_GOOGLE_CLIENT_SECRET: 'GOCSPX-real-secret-value',
  KITH_FACEBOOK_APP_ID: '987654321012345',
  KITH_FACEBOOK_CLIENT_TOKEN: '0123456789abcdef0123456789abcdef',
};

function configError(env: Record<string, string | undefined>): KithError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).code).toBe('E_CONFIG');
    return error as KithError;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('uses the real providers with real ids', () => {
    const config = loadConfig(real);
    expect(config.sandboxUrl).toBeNull();
    expect(config.google.clientId).toBe(real.KITH_GOOGLE_CLIENT_ID);
    expect(config.google.tokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(config.google.authorizationUrl).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(config.google.peopleRootUrl).toBe('https://people.googleapis.com/');
    expect(config.facebook.appId).toBe(real.KITH_FACEBOOK_APP_ID);
    expect(config.facebook.dialogUrl).toMatch(/^https:\/\/www\.facebook\.com\/v\d+\.0\/dialog\/oauth$/);
    expect(config.facebook.graphUrl).toMatch(/^https:\/\/graph\.facebook\.com\/v\d+\.0$/);
    // The web login's JWKS and issuer (www.facebook.com's discovery), not iOS Limited Login's.
    expect(config.facebook.jwksUrl).toBe('https://www.facebook.com/.well-known/oauth/openid/jwks/');
    expect(config.facebook.issuers).toEqual(['https://www.facebook.com']);
    expect(config.facebook).toMatchObject({ login: 'device', clientToken: real.KITH_FACEBOOK_CLIENT_TOKEN, scopes: ['public_profile', 'email', 'user_friends'] });
    // RFC 8252 §8.3: the loopback IP, not localhost.
    expect(config.facebook.redirectUri).toBe('http://127.0.0.1:47823/kith/facebook/callback');
    expect(config.facebook.redirect).toEqual({ port: 47823, path: '/kith/facebook/callback' });
    expect(config.allowedBrowserOrigins).toEqual(['https://accounts.google.com', 'https://www.facebook.com', 'https://facebook.com']);
    expect(config.dataDir).toBeNull();
  });

  it('derives every endpoint from KITH_SANDBOX_URL and uses the seeded credentials', () => {
    const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:4545/' });
    const base = 'http://127.0.0.1:4545';
    expect(config.sandboxUrl).toBe(base);
    expect(config.google).toMatchObject({
      clientId: 'kith-sandbox-desktop.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-kith-sandbox-desktop',
      authorizationUrl: `${base}/google/o/oauth2/v2/auth`,
      tokenUrl: `${base}/google/token`,
      revokeUrl: `${base}/google/revoke`,
      userinfoUrl: `${base}/google/v1/userinfo`,
      jwksUrl: `${base}/google/oauth2/v3/certs`,
      issuers: [`${base}/google`],
      peopleRootUrl: `${base}/google/people/`,
    });
    expect(config.facebook.appId).toBe('100000000000001');
    expect(config.facebook.dialogUrl).toBe(`${base}/facebook/www/${config.facebook.graphApiVersion}/dialog/oauth`);
    expect(config.facebook.graphUrl).toBe(`${base}/facebook/graph/${config.facebook.graphApiVersion}`);
    expect(config.facebook.jwksUrl).toBe(`${base}/facebook/.well-known/oauth/openid/jwks/`);
    expect(config.facebook.issuers).toEqual([`${base}/facebook`]);
    expect(config.facebook).toMatchObject({ login: 'device', clientToken: 'kith-sandbox-client-token' });
    expect(config.allowedBrowserOrigins).toEqual([base]);
    // Nothing points at a real provider in sandbox mode.
    const urls = [config.google, config.facebook].flatMap((c) => Object.entries(c).filter(([key]) => /Url$/.test(key)).map(([, v]) => v));
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4545\//);
  });

  it('prefers real ids over the seeded ones even with the sandbox', () => {
    const config = loadConfig({ ...real, KITH_SANDBOX_URL: 'http://127.0.0.1:4545' });
    expect(config.google.clientId).toBe(real.KITH_GOOGLE_CLIENT_ID);
    expect(config.facebook.appId).toBe(real.KITH_FACEBOOK_APP_ID);
    expect(config.google.tokenUrl).toBe('http://127.0.0.1:4545/google/token');
  });

  it('names each missing variable when there are neither ids nor a sandbox', () => {
    const error = configError({});
    expect(error.message).toContain('KITH_GOOGLE_CLIENT_ID');
    expect(error.message).toContain('KITH_FACEBOOK_APP_ID');
    expect(error.message).toContain('KITH_SANDBOX_URL');
  });

  it('names the Facebook client token or app id when only one of the two is given', () => {
    const noToken = configError({ ...real, KITH_FACEBOOK_CLIENT_TOKEN: undefined });
    expect(noToken.message).toContain('KITH_FACEBOOK_CLIENT_TOKEN is not set');
    expect(noToken.message).not.toContain('KITH_FACEBOOK_APP_ID');
    // A sandbox does not stand in for a real app's token: the sandbox would refuse the pair anyway.
    expect(configError({ ...real, KITH_FACEBOOK_CLIENT_TOKEN: undefined, KITH_SANDBOX_URL: 'http://127.0.0.1:4545' }).message).toContain('KITH_FACEBOOK_CLIENT_TOKEN');
    const noApp = configError({ ...real, KITH_FACEBOOK_APP_ID: undefined });
    expect(noApp.message).toContain('KITH_FACEBOOK_APP_ID is not set');
    expect(noApp.message).toContain('KITH_FACEBOOK_CLIENT_TOKEN is set without KITH_FACEBOOK_APP_ID');
    const bad = configError({ ...real, KITH_FACEBOOK_CLIENT_TOKEN: 'short|one' });
    expect(bad.message).toContain('KITH_FACEBOOK_CLIENT_TOKEN is not a Facebook client token');
    expect(bad.message).not.toContain('short|one');
  });

  it('keeps the Login Dialog with PKCE for development-mode apps with KITH_FACEBOOK_LOGIN=oidc, which needs no client token', () => {
    const config = loadConfig({ ...real, KITH_FACEBOOK_CLIENT_TOKEN: undefined, KITH_FACEBOOK_LOGIN: 'oidc' });
    expect(config.facebook).toMatchObject({ login: 'oidc', clientToken: null, scopes: ['openid', 'public_profile', 'email', 'user_friends'] });
    expect(config.facebook.redirectUri).toBe('http://127.0.0.1:47823/kith/facebook/callback');
    expect(configError({ ...real, KITH_FACEBOOK_LOGIN: 'dialog' }).message).toContain('KITH_FACEBOOK_LOGIN must be "device"');
  });

  it('treats blank variables as unset', () => {
    expect(configError({ KITH_GOOGLE_CLIENT_ID: '  ', KITH_FACEBOOK_APP_ID: '' }).message).toContain('KITH_GOOGLE_CLIENT_ID is not set');
  });

  it('rejects malformed ids without echoing them', () => {
    const error = configError({ ...real, KITH_GOOGLE_CLIENT_ID: 'not-a-client', KITH_FACEBOOK_APP_ID: 'abc' });
    expect(error.message).toContain('KITH_GOOGLE_CLIENT_ID');
    expect(error.message).toContain('KITH_FACEBOOK_APP_ID');
    expect(error.message).not.toContain('not-a-client');
  });

  it('needs the client secret with a real Google client id, and never prints it', () => {
    expect(configError({ ...real, KITH_GOOGLE_CLIENT_SECRET: undefined }).message).toContain('KITH_GOOGLE_CLIENT_SECRET');
    const error = configError({ KITH_GOOGLE_CLIENT_SECRET: 'GOCSPX-orphan', KITH_SANDBOX_URL: 'http://127.0.0.1:1' });
    expect(error.message).toContain('KITH_GOOGLE_CLIENT_SECRET');
    expect(error.message).not.toContain('GOCSPX-orphan');
  });

  it.each([
    ['ftp://127.0.0.1:4545', 'http'],
    ['not a url', 'not a URL'],
    ['http://127.0.0.1:4545/?x=1', 'query'],
  ])('rejects KITH_SANDBOX_URL=%s', (value, why) => {
    const error = configError({ KITH_SANDBOX_URL: value });
    expect(error.message).toContain('KITH_SANDBOX_URL');
    expect(error.message).toContain(why);
  });

  it('takes a loopback Facebook redirect URI with an explicit port', () => {
    const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:4545', KITH_FACEBOOK_REDIRECT_URI: 'http://127.0.0.1:51234/fb/cb' });
    expect(config.facebook.redirectUri).toBe('http://127.0.0.1:51234/fb/cb');
    expect(config.facebook.redirect).toEqual({ port: 51234, path: '/fb/cb' });
  });

  it.each([
    ['https://localhost:47823/cb', 'http://'],
    ['http://example.com:47823/cb', 'localhost or 127.0.0.1'],
    ['http://localhost/cb', 'port'],
    ['http://localhost:70000/cb', 'URL'],
    ['http://localhost:47823/cb?x=1', 'query'],
    ['localhost:47823', 'http://'],
  ])('rejects KITH_FACEBOOK_REDIRECT_URI=%s', (value, why) => {
    const error = configError({ KITH_SANDBOX_URL: 'http://127.0.0.1:4545', KITH_FACEBOOK_REDIRECT_URI: value });
    expect(error.message).toContain('KITH_FACEBOOK_REDIRECT_URI');
    expect(error.message).toContain(why);
  });

  it('reads the shells\' settings, with their defaults when unset', () => {
    const machine = { platform: 'linux', home: '/home/ada' } as const;
    expect(loadConfig(real, machine)).toMatchObject({
      dataDir: null,
      defaultDataDir: '/home/ada/.local/share/kith',
      browser: { kind: 'system' },
      logLevel: null,
      useKeyring: true,
      rendererDir: null,
      devServerUrl: null,
      insideSnap: false,
    });
    const set = loadConfig(
      {
        ...real,
        XDG_DATA_HOME: '/data/ada',
        KITH_BROWSER: ' /usr/bin/firefox ',
        KITH_LOG: 'info',
        KITH_KEYRING: 'none',
        KITH_RENDERER_DIR: '/opt/kith/renderer',
        VITE_DEV_SERVER_URL: 'http://localhost:5173',
        SNAP: '/snap/kith/12',
      },
      machine,
    );
    expect(set).toMatchObject({
      defaultDataDir: '/data/ada/kith',
      browser: { kind: 'program', program: '/usr/bin/firefox' },
      logLevel: 'info',
      useKeyring: false,
      rendererDir: '/opt/kith/renderer',
      devServerUrl: 'http://localhost:5173',
      insideSnap: true,
    });
    expect(loadConfig({ ...real, KITH_BROWSER: 'none' }).browser).toEqual({ kind: 'none' });
    // An unknown log level is ignored rather than fatal: the shell's default applies.
    expect(loadConfig({ ...real, KITH_LOG: 'debug' }).logLevel).toBeNull();
  });

  it('names VITE_DEV_SERVER_URL when it is not a web address', () => {
    expect(configError({ ...real, VITE_DEV_SERVER_URL: 'not a url' }).message).toContain('VITE_DEV_SERVER_URL');
  });

  it('passes KITH_DATA_DIR through, made absolute', () => {
    expect(loadConfig({ ...real, KITH_DATA_DIR: '/var/lib/kith' }).dataDir).toBe('/var/lib/kith');
    expect(loadConfig({ ...real, KITH_DATA_DIR: 'data' }).dataDir).toMatch(/^\/.*\/data$/);
  });

  it('takes the sign-in deadline and the Google "Testing" flag from the environment, for both shells', () => {
    expect(loadConfig(real)).toMatchObject({ loginTimeoutMs: 300_000, google: { appInTesting: false } });
    expect(loadConfig({ ...real, KITH_LOGIN_TIMEOUT_MS: '3000', KITH_GOOGLE_APP_IN_TESTING: '1' })).toMatchObject({ loginTimeoutMs: 3_000, google: { appInTesting: true } });
    expect(configError({ ...real, KITH_LOGIN_TIMEOUT_MS: '5s' }).message).toContain('KITH_LOGIN_TIMEOUT_MS');
    expect(configError({ ...real, KITH_LOGIN_TIMEOUT_MS: '10' }).message).toContain('from 1000');
    expect(configError({ ...real, KITH_GOOGLE_APP_IN_TESTING: 'yes' }).message).toContain('KITH_GOOGLE_APP_IN_TESTING');
  });
});

describe('loadConfig with the configuration built into a packaged app', () => {
  const builtIn = {
    KITH_GOOGLE_CLIENT_ID: '5555-built.apps.googleusercontent.com',
    KITH_GOOGLE_CLIENT_SECRET: 'GOCSPX-built-in',
    KITH_FACEBOOK_APP_ID: '111122223333444',
    KITH_FACEBOOK_CLIENT_TOKEN: 'builtin0123456789token',
  };

  it('uses the built-in client ids when the environment sets none', () => {
    const config = loadConfig({}, undefined, { builtIn });
    expect(config.sandboxUrl).toBeNull();
    expect(config.google).toMatchObject({ clientId: builtIn.KITH_GOOGLE_CLIENT_ID, clientSecret: builtIn.KITH_GOOGLE_CLIENT_SECRET, tokenUrl: 'https://oauth2.googleapis.com/token' });
    expect(config.facebook).toMatchObject({ appId: builtIn.KITH_FACEBOOK_APP_ID, clientToken: builtIn.KITH_FACEBOOK_CLIENT_TOKEN, login: 'device' });
  });

  it('lets an environment variable override each built-in one', () => {
    const config = loadConfig({ KITH_GOOGLE_CLIENT_ID: real.KITH_GOOGLE_CLIENT_ID, KITH_GOOGLE_CLIENT_SECRET: real.KITH_GOOGLE_CLIENT_SECRET, KITH_FACEBOOK_APP_ID: '  ' }, undefined, { builtIn });
    expect(config.google.clientId).toBe(real.KITH_GOOGLE_CLIENT_ID);
    expect(config.google.clientSecret).toBe(real.KITH_GOOGLE_CLIENT_SECRET);
    // A blank variable is unset: the built-in id stays.
    expect(config.facebook.appId).toBe(builtIn.KITH_FACEBOOK_APP_ID);
  });

  it("uses the sandbox's own seeded credentials when KITH_SANDBOX_URL says so, not the built-in ids", () => {
    const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:4545' }, undefined, { builtIn });
    expect(config.sandboxUrl).toBe('http://127.0.0.1:4545');
    expect(config.google.clientId).toBe('kith-sandbox-desktop.apps.googleusercontent.com');
    expect(config.facebook.appId).toBe('100000000000001');
  });

  it('names what a build without client ids is missing', () => {
    const error = configError({});
    expect(error.message).toContain('KITH_GOOGLE_CLIENT_ID is not set');
    expect(error.message).toContain('KITH_FACEBOOK_APP_ID is not set');
    expect(() => loadConfig({}, undefined, { builtIn: {} })).toThrow(/KITH_GOOGLE_CLIENT_ID is not set/);
  });

  it('reads KITH_SYNC_STALE_AFTER_MS, 5 minutes unless set', () => {
    expect(loadConfig(real).syncStaleAfterMs).toBe(300_000);
    expect(loadConfig({ ...real, KITH_SYNC_STALE_AFTER_MS: '0' }).syncStaleAfterMs).toBe(0);
    expect(configError({ ...real, KITH_SYNC_STALE_AFTER_MS: 'soon' }).message).toContain('KITH_SYNC_STALE_AFTER_MS');
  });
});
