// The device login's pacing and endings, with a scripted provider and a clock
// that moves only when the login sleeps: the interval, RFC 8628 §3.5's slow
// down, the code's expiry against the login's deadline, cancel, and a
// provider that cannot be reached for a while.
import { describe, expect, it, vi } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import type { DeviceAuthorization, DeviceAuthorizationClient, DevicePoll } from '../providers/device-authorization';
import type { ProviderClient } from '../providers/provider';
import { kithRejection } from '../testing/kith-rejection';
import { MAX_UNAVAILABLE_POLLS, runDeviceLogin, type AbortableSleep, type DeviceLoginStartInfo, type RunDeviceLoginOptions } from './device-login';

const DEVICE_CODE = 'polling-secret-0123456789abcdef';
const approved: DevicePoll = {
  status: 'approved',
  result: {
    tokens: { accessToken: 'EAAB-user-token', accessTokenExpiresAt: null, refreshToken: null, scopes: ['public_profile'] },
    identity: { subject: '10000000000000101', displayName: 'Kofi Mensah', email: null, avatarUrl: null },
  },
};

const authorization: DeviceAuthorization = {
  deviceCode: DEVICE_CODE,
  userCode: 'KX7Q2M9B',
  verificationUri: 'https://www.facebook.com/device',
  verificationUriComplete: 'https://www.facebook.com/device?user_code=KX7Q2M9B',
  expiresInSeconds: 420,
  intervalSeconds: 5,
};

function setup(answers: Array<DevicePoll | (() => Promise<DevicePoll>)>, overrides: Partial<RunDeviceLoginOptions> & { start?: Partial<DeviceAuthorization> } = {}) {
  let now = 1_000_000;
  const polls: number[] = [];
  const opened: string[] = [];
  const started: DeviceLoginStartInfo[] = [];
  const device: DeviceAuthorizationClient = {
    start: async () => ({ ...authorization, ...overrides.start }),
    poll: async (code) => {
      expect(code).toBe(DEVICE_CODE);
      polls.push(now);
      const next = answers.shift() ?? { status: 'pending' };
      return typeof next === 'function' ? next() : next;
    },
  };
  const sleep: AbortableSleep = async (ms, signal) => {
    if (signal.aborted) throw signal.reason;
    now += ms;
  };
  const options: RunDeviceLoginOptions = {
    provider: { id: 'facebook' } as ProviderClient,
    device,
    browser: { open: async (url) => void opened.push(url) },
    allowedOrigins: ['https://www.facebook.com'],
    onStarted: (info) => started.push(info),
    timeoutMs: 30 * 60_000,
    clock: { now: () => now },
    sleep,
    ...overrides,
  };
  const t0 = now;
  return { run: () => runDeviceLogin(options), polls, opened, started, since: () => polls.map((at) => (at - t0) / 1000) };
}

describe('runDeviceLogin', () => {
  it('shows the user code, opens the device page with the code filled in, and polls at the interval until approved', async () => {
    const login = setup([{ status: 'pending' }, { status: 'pending' }, approved]);
    const result = await login.run();
    expect(result.identity.subject).toBe('10000000000000101');
    expect(login.started).toEqual([
      { authUrl: 'https://www.facebook.com/device?user_code=KX7Q2M9B', expiresAt: 1_000_000 + 420_000, device: { userCode: 'KX7Q2M9B', verificationUri: 'https://www.facebook.com/device' } },
    ]);
    expect(login.opened).toEqual(['https://www.facebook.com/device?user_code=KX7Q2M9B']);
    // The first poll waits the interval too: nobody has typed the code at once.
    expect(login.since()).toEqual([5, 10, 15]);
    // The polling secret is never handed to the UI.
    expect(JSON.stringify(login.started)).not.toContain(DEVICE_CODE);
  });

  it('adds 5 seconds to the interval for each slow down, for every later poll (RFC 8628 §3.5)', async () => {
    const login = setup([{ status: 'pending' }, { status: 'slow_down' }, { status: 'pending' }, { status: 'slow_down' }, { status: 'pending' }, approved]);
    await login.run();
    expect(login.since()).toEqual([5, 10, 20, 30, 45, 60]);
  });

  it('ends with words to get a new code when Facebook says the code expired', async () => {
    const error = await kithRejection(setup([{ status: 'pending' }, { status: 'expired' }]).run());
    expect(error.code).toBe('E_LOGIN_TIMEOUT');
    expect(error.message).toBe('The Facebook code expired before it was confirmed. Get a new code to try again.');
  });

  it('says the person declined, and that nothing was connected', async () => {
    const error = await kithRejection(setup([{ status: 'declined' }]).run());
    expect(error.code).toBe('E_CONSENT_DENIED');
    expect(error.message).toContain('Nothing was connected');
  });

  it("stops at the code's expiry without polling past it", async () => {
    const login = setup([], { start: { expiresInSeconds: 22 } });
    const error = await kithRejection(login.run());
    expect(error).toMatchObject({ code: 'E_LOGIN_TIMEOUT', message: expect.stringContaining('expired') });
    expect(login.since()).toEqual([5, 10, 15, 20]);
    expect(login.started[0]!.expiresAt).toBe(1_000_000 + 22_000);
  });

  it("stops at the login's own deadline when it comes before the code's expiry", async () => {
    const login = setup([], { timeoutMs: 60_000 });
    const error = await kithRejection(login.run());
    expect(error).toMatchObject({ code: 'E_LOGIN_TIMEOUT', message: 'The Facebook code was not confirmed within 1 minute(s). Get a new code to try again.' });
    expect(login.started[0]!.expiresAt).toBe(1_000_000 + 60_000);
    expect(login.polls.length).toBe(12);
  });

  it('rides out a provider that cannot be reached for a while, waiting longer each time', async () => {
    const offline: DevicePoll = { status: 'unavailable', error: new KithError('E_OFFLINE', 'Facebook cannot be reached (device login status).') };
    const login = setup([{ status: 'pending' }, offline, offline, { status: 'pending' }, approved]);
    await login.run();
    // 5, then 5 to the failed poll, then 10 and 20 (backoff) to the next ones, then the interval again.
    expect(login.since()).toEqual([5, 10, 20, 40, 45]);
  });

  it(`gives up after ${MAX_UNAVAILABLE_POLLS} polls in a row cannot reach the provider`, async () => {
    const offline: DevicePoll = { status: 'unavailable', error: new KithError('E_OFFLINE', 'Facebook cannot be reached (device login status).') };
    const error = await kithRejection(setup([offline, offline, offline, approved]).run());
    expect(error.code).toBe('E_OFFLINE');
  });

  it('cancels while waiting between polls', async () => {
    const controller = new AbortController();
    const login = setup([{ status: 'pending' }], {
      signal: controller.signal,
      // The second wait never ends by itself: only the cancel can end the login.
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          if (signal.aborted) return reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          if (login.polls.length === 0) resolve();
        }),
    });
    const running = login.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await kithRejection(running)).toMatchObject({ code: 'E_LOGIN_CANCELLED', message: 'The Facebook sign-in was cancelled.' });
  });

  it('hands the tokens of a poll that was approving as the person cancelled to onAbandoned', async () => {
    const controller = new AbortController();
    let answer!: (poll: DevicePoll) => void;
    const abandoned: unknown[] = [];
    const login = setup([() => new Promise<DevicePoll>((resolve) => (answer = resolve))], { signal: controller.signal, onAbandoned: (late) => void abandoned.push(late) });
    const running = login.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    answer(approved);
    expect((await kithRejection(running)).code).toBe('E_LOGIN_CANCELLED');
    expect(abandoned).toEqual([approved.result]);
  });

  it('refuses a device page outside the allowed origins before showing or opening anything', async () => {
    const login = setup([approved], { start: { verificationUri: 'https://evil.example/device', verificationUriComplete: 'https://evil.example/device?user_code=KX7Q2M9B' } });
    const error = await kithRejection(login.run());
    expect(error.code).toBe('E_FORBIDDEN');
    expect(error.message).not.toContain(DEVICE_CODE);
    expect(login.started).toEqual([]);
    expect(login.opened).toEqual([]);
    expect(login.polls).toEqual([]);
  });

  it('keeps going when the browser cannot open: the code is on screen', async () => {
    const browserFailed = vi.fn();
    const login = setup([approved], { browser: { open: async () => Promise.reject(new Error('no browser')) }, onBrowserFailed: browserFailed });
    await expect(login.run()).resolves.toMatchObject({ identity: { subject: '10000000000000101' } });
    expect(login.started).toHaveLength(1);
    expect(browserFailed).toHaveBeenCalledOnce();
  });
});
