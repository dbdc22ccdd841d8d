// Facebook Login for Devices against the sandbox over real HTTP: Kith's
// client asks for a code, the "person" confirms it at the sandbox's device
// page (or denies, or never comes), Kith polls, and the token's lifetime is
// the one the sandbox gives that flow (Facebook's ~60 days), never assumed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { realAbortableSleep, runDeviceLogin, type AbortableSleep, type DeviceLoginStartInfo } from '../login/device-login';
import type { DevicePoll } from './device-authorization';
import { createFacebookProvider } from './facebook-provider';
import { kithRejection } from '../testing/kith-rejection';
import { startKithSandbox, type KithSandbox } from '../testing/kith-sandbox';
import { createSandboxBrowser, type ConsentChoice } from '../testing/sandbox-browser';

const DAY_MS = 24 * 3600 * 1000;
let sandbox: KithSandbox;

beforeAll(async () => {
  sandbox = await startKithSandbox({ friends: 30 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());

/** The provider with its poll answers recorded, so a test sees what Facebook said each time. */
function provider(config = sandbox.config) {
  const facebook = createFacebookProvider(config, fetch);
  const device = facebook.deviceLogin!;
  const answers: Array<DevicePoll['status']> = [];
  return {
    facebook,
    answers,
    device: {
      start: () => device.start(),
      poll: async (code: string) => {
        const answer = await device.poll(code);
        answers.push(answer.status);
        return answer;
      },
    },
  };
}

async function login(options: { choice?: ConsentChoice; browser?: { open(url: string): Promise<void> }; sleep?: AbortableSleep; timeoutMs?: number; config?: typeof sandbox.config } = {}) {
  const p = provider(options.config);
  const browser = options.browser ?? createSandboxBrowser(options.choice ? { choice: options.choice } : {});
  const started: DeviceLoginStartInfo[] = [];
  const result = runDeviceLogin({
    provider: p.facebook,
    device: p.device,
    browser,
    allowedOrigins: sandbox.config.allowedBrowserOrigins,
    onStarted: (info) => started.push(info),
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return { result, started, answers: p.answers, browser };
}

describe('Facebook Login for Devices against the sandbox', () => {
  it('connects once the person confirms the code at the device page, with the 60-day token the sandbox gives this flow', async () => {
    const before = Date.now();
    const { result, started, answers, browser } = await login();
    const { tokens, identity } = await result;
    const people = await sandbox.admin.people();
    expect(identity).toMatchObject({ subject: people.facebook[0]!.subject, displayName: 'Kofi Mensah', email: 'kofi.mensah@example.net' });
    expect(identity.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect(tokens.refreshToken).toBeNull();
    expect([...tokens.scopes].sort()).toEqual(['email', 'public_profile', 'user_friends']);
    // expires_in 5184000 (60 days) is earlier than data access's 90 days: it drives the deadline.
    expect(tokens.accessTokenExpiresAt).toBeGreaterThanOrEqual(before + 60 * DAY_MS - 1000);
    expect(tokens.accessTokenExpiresAt).toBeLessThanOrEqual(Date.now() + 60 * DAY_MS + 1000);
    const [issued] = await sandbox.admin.tokens({ provider: 'facebook', kind: 'device' });
    expect(issued!.value).toBe(tokens.accessToken);
    // The page Kith opened was the device page with the code in it; the person saw "Success!".
    const [deviceLogin] = await sandbox.admin.deviceLogins();
    expect(started[0]!.device).toEqual({ userCode: deviceLogin!.userCode, verificationUri: `${sandbox.url}/facebook/www/device` });
    expect(started[0]!.authUrl).toBe(`${sandbox.url}/facebook/www/device?user_code=${deviceLogin!.userCode}`);
    expect(started[0]!.expiresAt).toBeLessThanOrEqual(before + 30_000 + 1000);
    expect((await (browser as ReturnType<typeof createSandboxBrowser>).tabs[0]!).text).toContain('Success!');
    expect(answers.at(-1)).toBe('approved');
  });

  it('takes the end of data access when the token itself would outlive it', async () => {
    await sandbox.admin.updateSettings({ facebookDeviceTokenTtlSeconds: 120 * 24 * 3600 });
    const { result } = await login();
    const { tokens } = await result;
    expect(tokens.accessTokenExpiresAt! - Date.now()).toBeGreaterThan(89 * DAY_MS);
    expect(tokens.accessTokenExpiresAt! - Date.now()).toBeLessThan(91 * DAY_MS);
  });

  it('lists only the permissions the person left ticked', async () => {
    const { result } = await login({ choice: { friends: false } });
    expect((await result).tokens.scopes).not.toContain('user_friends');
  });

  it('polls less often after Facebook says it polled too soon, and still connects', async () => {
    // The second wait is cut short, as a clock jumping would, so that poll comes too soon; after it,
    // waits of up to 1.1 s stand for the longer ones Kith asks for, which the 1 s sandbox accepts.
    const asked: number[] = [];
    const sleep: AbortableSleep = (ms, signal) => {
      asked.push(ms);
      return realAbortableSleep(asked.length === 2 ? 0 : Math.min(ms, 1_100), signal);
    };
    const browser = { open: async () => {} };
    const { result, answers } = await login({ browser, sleep });
    while (answers.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.admin.decideDeviceLogin({ decision: 'allow' });
    await result;
    expect(answers.slice(0, 2)).toEqual(['pending', 'slow_down']);
    expect(asked.slice(0, 3)).toEqual([1_000, 1_000, 6_000]);
  });

  it('says the person declined when they press Deny at the device page', async () => {
    const { result } = await login({ choice: { decision: 'deny' } });
    expect(await kithRejection(result)).toMatchObject({ code: 'E_CONSENT_DENIED', message: expect.stringContaining('declined') });
  });

  it('ends with "get a new code" when Facebook says the code expired', async () => {
    const { result, answers } = await login({ browser: { open: async () => {} } });
    while (answers.length < 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.admin.advanceClock(421);
    expect(await kithRejection(result)).toMatchObject({ code: 'E_LOGIN_TIMEOUT', message: expect.stringContaining('Get a new code') });
    expect(answers.at(-1)).toBe('expired');
  });

  it('ends at its own deadline when nobody confirms the code', async () => {
    const { result } = await login({ browser: { open: async () => {} }, timeoutMs: 2_500 });
    expect(await kithRejection(result)).toMatchObject({ code: 'E_LOGIN_TIMEOUT', message: expect.stringContaining('not confirmed') });
  });

  it('names the client token when the sandbox refuses it', async () => {
    const config = loadConfig({ ...sandbox.env, KITH_FACEBOOK_APP_ID: '100000000000001', KITH_FACEBOOK_CLIENT_TOKEN: 'not-the-client-token' });
    const { result } = await login({ config });
    expect(await kithRejection(result)).toMatchObject({ code: 'E_CONFIG', message: expect.stringContaining('KITH_FACEBOOK_CLIENT_TOKEN') });
  });
});
