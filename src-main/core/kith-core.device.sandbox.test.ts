// The real core against the sandbox over real HTTP, connecting Facebook
// through Login for Devices as `accounts.connect('facebook')` does by default:
// what the UI is told (the user code and the page, never the polling code),
// the lapse deadline the token's real lifetime gives, a person first connected
// through the Login Dialog being the same account, and cancel.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoginEnded, LoginStarted } from '../../src-contract/kith-api';
import { loadConfig } from './config/load-config';
import { MemoryDocumentStore } from './testing/memory-document-store';
import { startKithSandbox, type KithSandbox } from './testing/kith-sandbox';
import { createSandboxCore, type SandboxCore } from './testing/sandbox-core';

const DAY_MS = 24 * 3600 * 1000;
let env: KithSandbox;
const open: SandboxCore[] = [];

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: false });
});
afterAll(() => env.close());
beforeEach(() => env.admin.reset());
afterEach(async () => {
  for (const kith of open.splice(0)) await kith.core.close();
});

/** A core whose fetch notes every polling code Kith sends to login_status, to look for it where it must not be. */
async function core(options: { oidc?: boolean; store?: MemoryDocumentStore } = {}) {
  const pollingCodes: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    if (String(input).endsWith('/device/login_status')) pollingCodes.push(new URLSearchParams(String(init?.body)).get('code') ?? '');
    return fetch(input, init);
  };
  const sandbox = options.oidc ? { ...env, config: loadConfig({ ...env.env, KITH_FACEBOOK_LOGIN: 'oidc' }) } : env;
  const kith = await createSandboxCore(sandbox, { fetch: fetchImpl, ...(options.store ? { store: options.store } : {}) });
  open.push(kith);
  const events: Array<{ name: string; payload: unknown }> = [];
  for (const name of ['loginStarted', 'loginEnded', 'accountsChanged'] as const) kith.core.events.on(name, (payload) => events.push({ name, payload }));
  return { ...kith, pollingCodes, events };
}

describe('connecting Facebook through Login for Devices', () => {
  it('tells the UI the user code and the device page, connects when the person confirms, and warns ~60 days out', async () => {
    const kith = await core();
    const before = Date.now();
    const account = await kith.core.accounts.connect({ provider: 'facebook' });
    expect(account).toMatchObject({ provider: 'facebook', displayName: 'Kofi Mensah', status: 'active', missingPermissions: [] });
    // The lapse warning is the device token's 60 days, not the web flow's hour.
    expect(account.reconnectBy! - before).toBeGreaterThan(59 * DAY_MS);
    expect(account.reconnectBy! - Date.now()).toBeLessThanOrEqual(60 * DAY_MS + 1000);

    const started = kith.events.find((e) => e.name === 'loginStarted')!.payload as LoginStarted;
    const [deviceLogin] = await env.admin.deviceLogins();
    expect(started.device).toEqual({ userCode: deviceLogin!.userCode, verificationUri: `${env.url}/facebook/www/device` });
    expect(kith.browser.opened).toEqual([started.authUrl]);
    expect(new URL(started.authUrl).searchParams.get('user_code')).toBe(deviceLogin!.userCode);
    expect((kith.events.find((e) => e.name === 'loginEnded')!.payload as LoginEnded).outcome).toBe('connected');

    // The polling code stays in the core: not in an event, a log line or anything stored.
    expect(kith.pollingCodes.length).toBeGreaterThan(0);
    const [issued] = await env.admin.tokens({ provider: 'facebook', kind: 'device' });
    const seen = [JSON.stringify(kith.events), kith.log.lines.join('\n'), kith.store.allText()].join('\n');
    for (const secret of [...new Set(kith.pollingCodes)]) expect(seen).not.toContain(secret);
    expect(seen).not.toContain(issued!.value);

    const [synced] = await kith.core.sync.run({ accountId: account.id });
    expect(synced).toMatchObject({ ok: true, mode: 'full' });
  });

  it('keeps one account for a person connected earlier through the Login Dialog', async () => {
    const store = new MemoryDocumentStore();
    const dialog = await core({ oidc: true, store });
    const first = await dialog.core.accounts.connect({ provider: 'facebook' });
    expect(dialog.pollingCodes).toEqual([]);
    await dialog.core.close();
    open.splice(open.indexOf(dialog), 1);

    const device = await core({ store });
    const again = await device.core.accounts.connect({ provider: 'facebook' });
    expect(device.pollingCodes.length).toBeGreaterThan(0);
    expect(again.id).toBe(first.id);
    expect(await device.core.accounts.list()).toHaveLength(1);
    // The token is the device flow's now, and so is the deadline: weeks, not the Login Dialog's hour.
    expect(again.reconnectBy! - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(first.reconnectBy! - Date.now()).toBeLessThan(2 * 3600 * 1000);
  });

  it('is cancelled while it waits for the person, and says so', async () => {
    const kith = await core();
    kith.core.events.on('loginStarted', () => void kith.core.accounts.cancelConnect({}));
    kith.browser.open = async () => {};
    await expect(kith.core.accounts.connect({ provider: 'facebook' })).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    expect(kith.events.find((e) => e.name === 'loginEnded')!.payload).toMatchObject({ outcome: 'cancelled' });
    expect(await kith.core.accounts.list()).toEqual([]);
  });
});
