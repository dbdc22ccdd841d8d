// The real core against the sandbox over real HTTP: Google's granular consent
// (contacts unticked, then asked for again), time-limited access, and a
// reconnect answered by someone else.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config/load-config';
import { startKithSandbox, type KithSandbox } from './testing/kith-sandbox';
import { createSandboxCore, type SandboxCore } from './testing/sandbox-core';

const CONTACTS = 'https://www.googleapis.com/auth/contacts.readonly';
let env: KithSandbox;
let kith: SandboxCore | null = null;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: false });
});
afterAll(async () => {
  await env.sandbox.close();
});
beforeEach(async () => {
  await env.admin.reset();
  kith = await createSandboxCore(env);
});
afterEach(async () => {
  await kith?.core.close();
  kith = null;
});

describe('Google granular consent', () => {
  it('connects a person who unticked contacts, says so, skips the sync, and gets them when asked again', async () => {
    const { core, browser } = kith!;
    browser.next = { person: 'ada', decline: ['contacts.readonly'] };
    const ada = await core.accounts.connect({ provider: 'google' });
    expect(ada).toMatchObject({ status: 'active', displayName: 'Ada Lovelace', missingPermissions: ['friends'] });
    expect(ada.scopes).not.toContain(CONTACTS);
    const [skipped] = await core.sync.run({ accountId: ada.id });
    expect(skipped).toMatchObject({ ok: true, mode: null, error: null, friendCount: 0 });
    expect((await core.accounts.list())[0]).toMatchObject({ lastSyncError: null });

    browser.next = {};
    const asked = await core.accounts.requestPermission({ accountId: ada.id, permission: 'friends' });
    const url = new URL(browser.opened.at(-1)!);
    expect(url.searchParams.get('include_granted_scopes')).toBe('true');
    expect(url.searchParams.get('login_hint')).toBe('110000000000000000001');
    expect(asked).toMatchObject({ outcome: 'connected', account: { id: ada.id, missingPermissions: [] } });
    const [synced] = await core.sync.run({ accountId: ada.id });
    expect(synced).toMatchObject({ ok: true, mode: 'full', friendCount: 250 });
  });
});

describe('Facebook declined permissions', () => {
  it.each(['device', 'oidc'] as const)('connects a person who unticked their friends list, says so, and asks again (%s login)', async (login) => {
    if (login === 'oidc') {
      await kith!.core.close();
      kith = await createSandboxCore({ ...env, config: loadConfig({ ...env.env, KITH_FACEBOOK_LOGIN: 'oidc' }) });
    }
    const { core, browser } = kith!;
    browser.next = { person: 'kofi', friends: false };
    const kofi = await core.accounts.connect({ provider: 'facebook' });
    expect(kofi).toMatchObject({ status: 'active', displayName: 'Kofi Mensah', missingPermissions: ['friends'] });
    expect(await core.sync.run({ accountId: kofi.id })).toMatchObject([{ ok: true, mode: null }]);

    browser.next = { person: 'kofi' };
    const asked = await core.accounts.requestPermission({ accountId: kofi.id, permission: 'friends' });
    const page = new URL(browser.opened.at(-1)!);
    // Facebook keeps a declined permission declined unless the app re-asks ("Handling Declined Permissions");
    // its device page asks for every permission again, with the friends box ticked.
    if (login === 'oidc') expect(page.searchParams.get('auth_type')).toBe('rerequest');
    else expect(page.pathname).toBe('/facebook/www/device');
    expect(asked).toMatchObject({ outcome: 'connected', account: { id: kofi.id, missingPermissions: [] } });
    const [synced] = await core.sync.run({ accountId: kofi.id });
    expect(synced).toMatchObject({ ok: true, mode: 'full' });
    expect(synced!.friendCount).toBeGreaterThan(0);
  });
});

describe('Google time-limited access', () => {
  it('takes the deadline from refresh_token_expires_in and says it was the person\'s choice', async () => {
    const { core, browser } = kith!;
    browser.next = { person: 'grace', accessSeconds: 3600 };
    const before = Date.now();
    const grace = await core.accounts.connect({ provider: 'google' });
    expect(grace.reconnectReason).toBe('time_limited');
    expect(grace.reconnectBy! - before).toBeGreaterThanOrEqual(3_600_000 - 5_000);
    expect(grace.reconnectBy! - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('carries the remaining lifetime on refresh answers', async () => {
    const { core, browser } = kith!;
    browser.next = { person: 'grace', accessSeconds: 86400 };
    const grace = await core.accounts.connect({ provider: 'google' });
    await env.admin.advanceClock(3600);
    await env.admin.expireAccessTokens('google');
    const [synced] = await core.sync.run({ accountId: grace.id });
    expect(synced).toMatchObject({ ok: true, mode: 'full' });
    const [after] = await core.accounts.list();
    // The sandbox's clock moved an hour; its refresh answer says 23 hours are left.
    expect(grace.reconnectBy! - after!.reconnectBy!).toBeGreaterThanOrEqual(3_600_000 - 5_000);
    expect(after!.reconnectReason).toBe('time_limited');
  });

  it('has no deadline when the person chose "until you remove access"', async () => {
    const { core } = kith!;
    expect(await core.accounts.connect({ provider: 'google' })).toMatchObject({ reconnectBy: null, reconnectReason: null });
  });
});

describe('reconnecting a Google account', () => {
  async function alanThenAda() {
    const { core, browser } = kith!;
    browser.next = { person: 'alan' };
    const alan = await core.accounts.connect({ provider: 'google' });
    browser.next = { person: 'ada' };
    const result = await core.accounts.reconnect({ accountId: alan.id });
    expect(new URL(browser.opened.at(-1)!).searchParams.get('login_hint')).toBe('110000000000000000003');
    return { alan, result };
  }
  const emails: Record<string, string> = { ada: 'ada.lovelace@example.com', alan: 'alan.turing@example.com' };
  const liveGrants = async (person: string) =>
    (await env.admin.grants({ provider: 'google' })).grants.filter((g) => g.person === emails[person] && g.status === 'active');

  it('catches Ada signing in when Alan was expected, and adds her only when asked', async () => {
    const { core } = kith!;
    const { alan, result } = await alanThenAda();
    expect(result).toMatchObject({ outcome: 'other_person', expected: { accountId: alan.id, displayName: 'Alan Turing' }, signedIn: { displayName: 'Ada Lovelace' } });
    expect((await core.accounts.list()).map((a) => a.displayName)).toEqual(['Alan Turing']);
    if (result.outcome !== 'other_person') return;
    const ada = await core.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'add' });
    expect(ada).toMatchObject({ displayName: 'Ada Lovelace', status: 'active' });
    expect((await core.accounts.list()).map((a) => a.displayName)).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(await liveGrants('ada')).toHaveLength(1);
  });

  it('leaves no live grant of Ada behind when the person discards her sign-in, and Alan keeps working', async () => {
    const { core } = kith!;
    const { alan, result } = await alanThenAda();
    if (result.outcome !== 'other_person') throw new Error('expected other_person');
    expect(await liveGrants('ada')).toHaveLength(1);
    await core.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'discard' });
    await expect.poll(() => liveGrants('ada')).toEqual([]);
    expect(await liveGrants('alan')).toHaveLength(1);
    expect(await core.sync.run({ accountId: alan.id })).toMatchObject([{ ok: true }]);
  });
});
