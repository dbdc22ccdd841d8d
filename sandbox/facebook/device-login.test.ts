import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { deviceConsent, facebookDevicePoll, facebookDeviceStart, facebookDeviceTokens, getJson, getPage, postForm } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();
const APP = SANDBOX_CREDENTIALS.facebook.appId;
const graph = (path: string, token: string) => getJson(`${sandbox.url}/facebook/graph/v23.0${path}?access_token=${encodeURIComponent(token)}`);

describe('Facebook Login for Devices: device/login', () => {
  it('answers a code, a user code, the device page, the code lifetime and the poll interval', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    expect(start).toMatchObject({ verification_uri: `${sandbox.url}/facebook/www/device`, expires_in: 420, interval: 5 });
    expect(start.user_code).toMatch(/^[A-Z2-9]{8}$/);
    expect(start.code).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts a JSON body too', async () => {
    const res = await fetch(`${sandbox.url}/facebook/graph/v23.0/device/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_token: `${APP}|${SANDBOX_CREDENTIALS.facebook.clientToken}`, scope: 'public_profile' }),
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no access token', {}, 2500],
    ['a wrong client token', { access_token: `${APP}|wrong-token` }, 190],
    ['the app secret instead of the client token', { access_token: `${APP}|${SANDBOX_CREDENTIALS.facebook.appSecret}` }, 190],
    ['another app id', { access_token: `42|${SANDBOX_CREDENTIALS.facebook.clientToken}` }, 190],
  ])('refuses %s', async (_name, params: Record<string, string>, code) => {
    const res = await postForm(`${sandbox.url}/facebook/graph/v23.0/device/login`, { scope: 'public_profile', ...params });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code } });
  });

  it('refuses openid (no id_token in this flow) and unknown permissions', async () => {
    const token = `${APP}|${SANDBOX_CREDENTIALS.facebook.clientToken}`;
    for (const scope of ['openid,public_profile', 'public_profile,user_posts']) {
      const res = await postForm(`${sandbox.url}/facebook/graph/v23.0/device/login`, { access_token: token, scope });
      expect(res.body).toMatchObject({ error: { code: 100 } });
    }
  });
});

describe('Facebook Login for Devices: polling device/login_status', () => {
  it('answers 31/1349174 (pending) until the person acts', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    const res = await facebookDevicePoll(sandbox.url, start.code);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 31, error_subcode: 1349174, error_user_title: 'Device Login Authorization Pending' } });
  });

  it('answers 17/1349172 (slow down) to a poll sooner than the interval, and pending again once it waits', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    await facebookDevicePoll(sandbox.url, start.code);
    await sandbox.admin.advanceClock(4);
    expect((await facebookDevicePoll(sandbox.url, start.code)).body).toMatchObject({ error: { code: 17, error_subcode: 1349172 } });
    await sandbox.admin.advanceClock(5);
    expect((await facebookDevicePoll(sandbox.url, start.code)).body).toMatchObject({ error: { error_subcode: 1349174 } });
  });

  it('takes its interval from the run-time settings', async () => {
    await sandbox.admin.updateSettings({ facebookDevicePollIntervalSeconds: 1 });
    const start = await facebookDeviceStart(sandbox.url);
    expect(start.interval).toBe(1);
    await facebookDevicePoll(sandbox.url, start.code);
    await sandbox.admin.advanceClock(1);
    expect((await facebookDevicePoll(sandbox.url, start.code)).body).toMatchObject({ error: { error_subcode: 1349174 } });
  });

  it('answers 463/1349152 once the code has expired, and the device page refuses it', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    await sandbox.admin.advanceClock(420);
    expect((await facebookDevicePoll(sandbox.url, start.code)).body).toMatchObject({ error: { code: 463, error_subcode: 1349152, error_user_title: 'Activation Code Expired' } });
    const page = await deviceConsent(start.verification_uri, start.user_code);
    expect(page.status).toBe(400);
    expect(page.html).toContain('has expired');
  });

  it('refuses an unknown code and the client token of nobody', async () => {
    expect((await facebookDevicePoll(sandbox.url, 'f'.repeat(32))).body).toMatchObject({ error: { code: 100 } });
    const start = await facebookDeviceStart(sandbox.url);
    const res = await postForm(`${sandbox.url}/facebook/graph/v23.0/device/login_status`, { access_token: `${APP}|nope-nope`, code: start.code });
    expect(res.body).toMatchObject({ error: { code: 190 } });
  });
});

describe('Facebook Login for Devices: the device page and the token', () => {
  it('prefills the code from ?user_code= and asks for it with a labelled field', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    const page = await getPage(`${start.verification_uri}?user_code=${start.user_code}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Enter the code shown on your device');
    expect(page.html).toContain(`value="${start.user_code}"`);
  });

  it('shows the people, the permissions with the friends checkbox, Allow and Deny once the code is entered', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    const res = await fetch(start.verification_uri, { method: 'POST', body: new URLSearchParams({ user_code: start.user_code.toLowerCase() }) });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Kofi Mensah (kofi.mensah@example.net)');
    expect(html).toMatch(/<input type="checkbox" name="user_friends" value="granted" checked> Your friends list/);
    expect(html).toMatch(/>Allow<\/button>/);
    expect(html).toMatch(/>Deny<\/button>/);
    // The device's polling code never reaches the page.
    expect(html).not.toContain(start.code);
  });

  it('says so when the code is wrong', async () => {
    const page = await deviceConsent(`${sandbox.url}/facebook/www/device`, 'ZZZZZZZZ');
    expect(page.status).toBe(400);
    expect(page.html).toContain('That code isn&#39;t right');
  });

  it('hands the device a 60-day user token with data_access_expiration_time after Allow', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    const page = await deviceConsent(start.verification_uri, start.user_code, { person: 'mei' });
    expect(page.html).toContain('Return to your device');
    const { now } = await sandbox.admin.clock();
    const res = await facebookDevicePoll(sandbox.url, start.code);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expires_in: 60 * 24 * 3600 });
    expect(res.body.data_access_expiration_time).toBe(Math.floor(now / 1000) + 90 * 24 * 3600);
    expect(res.body.refresh_token).toBeUndefined();
    expect(res.body.id_token).toBeUndefined();
    const token = String(res.body.access_token);
    expect((await graph('/me', token)).body).toMatchObject({ id: '10000000000000102', name: 'Mei Chen' });
    expect((await sandbox.admin.tokens({ provider: 'facebook' })).map((t) => [t.kind, t.person])).toEqual([['device', 'mei.chen@example.net']]);
    // The code is single-use.
    await sandbox.admin.advanceClock(5);
    expect((await facebookDevicePoll(sandbox.url, start.code)).body).toMatchObject({ error: { code: 100 } });
  });

  it('records user_friends as declined when the person unticks it', async () => {
    const { access_token } = await facebookDeviceTokens(sandbox.url, { friends: false });
    const { body } = await graph('/me/permissions', access_token);
    expect(body.data).toEqual(expect.arrayContaining([{ permission: 'user_friends', status: 'declined' }, { permission: 'email', status: 'granted' }]));
    expect((await graph('/me/friends', access_token)).body).toEqual({ data: [] });
  });

  it('answers 1349173 after Deny', async () => {
    const start = await facebookDeviceStart(sandbox.url);
    const page = await deviceConsent(start.verification_uri, start.user_code, { decision: 'deny' });
    expect(page.html).toContain('Login cancelled');
    expect((await facebookDevicePoll(sandbox.url, start.code)).body).toMatchObject({ error: { error_subcode: 1349173 } });
    expect(await sandbox.admin.grants({ provider: 'facebook' })).toMatchObject({ grants: [] });
  });

  it('lets a token last as long as the device-token setting says, then answers 190/463', async () => {
    await sandbox.admin.updateSettings({ facebookDeviceTokenTtlSeconds: 100 });
    const { access_token, expires_in } = await facebookDeviceTokens(sandbox.url);
    expect(expires_in).toBe(100);
    await sandbox.admin.advanceClock(100);
    expect((await graph('/me', access_token)).body).toMatchObject({ error: { code: 190, error_subcode: 463 } });
  });
});

describe('Facebook Login for Devices without a browser', () => {
  it('auto-consent approves a code opened with ?user_code= as the chosen person', async () => {
    await sandbox.admin.updateSettings({ autoConsent: true, autoConsentPerson: 'lars', autoConsentDecline: ['user_friends'] });
    const start = await facebookDeviceStart(sandbox.url);
    const page = await getPage(`${start.verification_uri}?user_code=${start.user_code}`);
    expect(page.html).toContain('Success!');
    expect((await facebookDevicePoll(sandbox.url, start.code)).status).toBe(200);
    const [grant] = (await sandbox.admin.grants({ provider: 'facebook' })).grants;
    expect(grant).toMatchObject({ person: 'lars.berg@example.net', declined: ['user_friends'] });
  });

  it('the admin API lists device logins and answers the newest pending one as a person', async () => {
    await facebookDeviceStart(sandbox.url);
    const second = await facebookDeviceStart(sandbox.url);
    const decided = await sandbox.admin.decideDeviceLogin({ person: 'mei.chen@example.net', friends: false });
    expect(decided).toMatchObject({ userCode: second.user_code, status: 'approved', person: 'mei.chen@example.net' });
    expect((await sandbox.admin.deviceLogins()).map((l) => l.status)).toEqual(['pending', 'approved']);
    expect((await facebookDevicePoll(sandbox.url, second.code)).status).toBe(200);
    await expect(sandbox.admin.decideDeviceLogin({ userCode: second.user_code })).rejects.toMatchObject({ status: 409 });
  });
});
