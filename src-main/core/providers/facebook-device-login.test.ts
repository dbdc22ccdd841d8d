// Login for Devices' Graph calls with scripted answers, for what the sandbox
// does not say: the request's exact shape, every subcode the guide names, a
// token with no expiry, data access ending first, and the configuration
// errors a person can fix.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { createFacebookDeviceLogin } from './facebook-device-login';
import { createGraphClient } from './graph-client';
import { defaultRetryPolicy } from './provider-http';

const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:9' });
const fb = config.facebook;
const NOW = Date.UTC(2026, 5, 1);
const DAY_S = 24 * 3600;

type Route = (form: URLSearchParams) => Response;

function client(routes: Record<string, Route>) {
  const calls: Array<{ path: string; form: URLSearchParams; authorization: string | null; search: string }> = [];
  const fetchImpl = (async (raw: string, init?: RequestInit) => {
    const url = new URL(raw);
    const path = url.pathname.replace(new URL(fb.graphUrl).pathname, '');
    const form = new URLSearchParams(init?.body ? String(init.body) : '');
    calls.push({ path: `${init?.method ?? 'GET'} ${path}`, form, authorization: new Headers(init?.headers).get('authorization'), search: url.search });
    const route = routes[`${init?.method ?? 'GET'} ${path}`];
    return route ? route(form) : Response.json({ error: { code: 100, message: 'no route' } }, { status: 400 });
  }) as unknown as typeof fetch;
  const retry = defaultRetryPolicy({ sleep: async () => {}, random: () => 0.5 });
  const clock = { now: () => NOW };
  const device = createFacebookDeviceLogin(fb, fetchImpl, { graph: createGraphClient(fb.graphUrl, fetchImpl, retry), clock, retry });
  return { device, calls };
}

const started = () =>
  Response.json({ code: 'long-polling-code', user_code: 'KX7Q2M9B', verification_uri: 'http://127.0.0.1:9/facebook/www/device', expires_in: 420, interval: 5 });
const graphError = (code: number, subcode?: number) => Response.json({ error: { message: 'm', type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'x' } }, { status: 400 });
const profile = {
  'GET /me': () => Response.json({ id: '10000000000000101', name: 'Kofi Mensah', email: 'kofi.mensah@example.net', picture: { data: { url: 'http://127.0.0.1:9/a.svg', is_silhouette: false } } }),
  'GET /me/permissions': () => Response.json({ data: [{ permission: 'public_profile', status: 'granted' }, { permission: 'email', status: 'granted' }, { permission: 'user_friends', status: 'declined' }] }),
};

describe('Facebook Login for Devices (unit)', () => {
  it('asks device/login with APP_ID|CLIENT_TOKEN in the form body and the three permissions, and fills the code into the device page', async () => {
    const { device, calls } = client({ 'POST /device/login': started });
    const authorization = await device.start();
    expect(calls[0]!.path).toBe('POST /device/login');
    expect(Object.fromEntries(calls[0]!.form)).toEqual({ access_token: `${fb.appId}|kith-sandbox-client-token`, scope: 'public_profile,email,user_friends' });
    expect(calls[0]!.search).toBe('');
    expect(calls[0]!.authorization).toBeNull();
    expect(authorization).toEqual({
      deviceCode: 'long-polling-code',
      userCode: 'KX7Q2M9B',
      verificationUri: 'http://127.0.0.1:9/facebook/www/device',
      verificationUriComplete: 'http://127.0.0.1:9/facebook/www/device?user_code=KX7Q2M9B',
      expiresInSeconds: 420,
      intervalSeconds: 5,
    });
  });

  it('polls 5 s apart when Facebook names no interval (RFC 8628 §3.2)', async () => {
    const { device } = client({ 'POST /device/login': () => Response.json({ code: 'c', user_code: 'ABCD1234', verification_uri: 'https://www.facebook.com/device', expires_in: 420 }) });
    expect((await device.start()).intervalSeconds).toBe(5);
  });

  it.each([
    [31, 1349174, 'pending'],
    [17, 1349172, 'slow_down'],
    [463, 1349152, 'expired'],
    [31, 1349173, 'declined'],
    // App-wide throttling while polling is answered by polling less often.
    [4, undefined, 'slow_down'],
    // A code Facebook no longer knows: only a new one helps.
    [100, undefined, 'expired'],
  ])('reads login_status error %i/%s as %s, by subcode', async (code, subcode, status) => {
    const { device, calls } = client({ 'POST /device/login_status': () => graphError(code, subcode) });
    expect(await device.poll('long-polling-code')).toEqual({ status });
    expect(Object.fromEntries(calls[0]!.form)).toEqual({ access_token: `${fb.appId}|kith-sandbox-client-token`, code: 'long-polling-code' });
  });

  it('is "unavailable" (poll again later) on an outage or no connection, not a failure', async () => {
    const down = client({ 'POST /device/login_status': () => new Response('oops', { status: 503 }) });
    expect(await down.device.poll('c')).toMatchObject({ status: 'unavailable', error: { code: 'E_PROVIDER' } });
    const offline = createFacebookDeviceLogin(fb, (async () => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch, {
      graph: createGraphClient(fb.graphUrl, fetch, defaultRetryPolicy()),
      clock: { now: () => NOW },
      retry: defaultRetryPolicy(),
    });
    expect(await offline.poll('c')).toMatchObject({ status: 'unavailable', error: { code: 'E_OFFLINE' } });
  });

  it('on approval reads who signed in and what they granted; the token ends at expires_in when data access lasts longer', async () => {
    const { device } = client({
      'POST /device/login_status': () => Response.json({ access_token: 'EAAB-device', expires_in: 60 * DAY_S, data_access_expiration_time: NOW / 1000 + 90 * DAY_S }),
      ...profile,
    });
    const answer = await device.poll('long-polling-code');
    expect(answer).toEqual({
      status: 'approved',
      result: {
        tokens: { accessToken: 'EAAB-device', accessTokenExpiresAt: NOW + 60 * DAY_S * 1000, refreshToken: null, scopes: ['public_profile', 'email'] },
        identity: { subject: '10000000000000101', displayName: 'Kofi Mensah', email: 'kofi.mensah@example.net', avatarUrl: 'http://127.0.0.1:9/a.svg' },
      },
    });
  });

  it('takes the end of data access when it comes first, and expires_in 0 as no expiry of the token itself', async () => {
    const dataFirst = client({ 'POST /device/login_status': () => Response.json({ access_token: 't', expires_in: 0, data_access_expiration_time: NOW / 1000 + 90 * DAY_S }), ...profile });
    const first = await dataFirst.device.poll('c');
    expect(first.status === 'approved' && first.result.tokens.accessTokenExpiresAt).toBe(NOW + 90 * DAY_S * 1000);
    const never = client({ 'POST /device/login_status': () => Response.json({ access_token: 't', expires_in: 0 }), ...profile });
    const second = await never.device.poll('c');
    expect(second.status === 'approved' && second.result.tokens.accessTokenExpiresAt).toBeNull();
  });

  it('names the variables to check when Facebook refuses the app id and client token', async () => {
    const { device } = client({ 'POST /device/login': () => graphError(190), 'POST /device/login_status': () => graphError(190) });
    await expect(device.start()).rejects.toMatchObject({ code: 'E_CONFIG', message: expect.stringContaining('KITH_FACEBOOK_CLIENT_TOKEN') });
    await expect(device.poll('c')).rejects.toMatchObject({ code: 'E_CONFIG' });
  });

  it('points at the "Login from Devices" switch when Facebook refuses to start for another reason', async () => {
    const { device } = client({ 'POST /device/login': () => graphError(3) });
    await expect(device.start()).rejects.toMatchObject({ code: 'E_PROVIDER', message: expect.stringContaining('"Login from Devices"') });
  });

  it('needs a client token in its configuration', () => {
    const oidc = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:9', KITH_FACEBOOK_LOGIN: 'oidc', KITH_FACEBOOK_APP_ID: '123456789' });
    expect(() => createFacebookDeviceLogin(oidc.facebook, fetch, { graph: createGraphClient(fb.graphUrl, fetch, defaultRetryPolicy()), clock: Date, retry: defaultRetryPolicy() })).toThrow(
      /KITH_FACEBOOK_CLIENT_TOKEN/,
    );
  });
});
