import { describe, expect, it } from 'vitest';
import { useSandbox } from './testing/fixture';
import { facebookTokens, googleTokens } from './testing/consent';
import { SandboxAdminError } from './admin-client';
import { startSandbox } from './server';

const sandbox = useSandbox();

describe('admin API', () => {
  it('lists every token issued with provider, kind, value and status', async () => {
    const g = await googleTokens(sandbox.url);
    const f = await facebookTokens(sandbox.url);
    const { tokens, grants } = await sandbox.admin.grants();
    const summary = tokens.map((t) => [t.provider, t.kind, t.status]);
    expect(summary).toEqual([
      ['google', 'access', 'active'],
      ['google', 'id', 'active'],
      ['google', 'refresh', 'active'],
      ['facebook', 'access', 'active'],
      ['facebook', 'id', 'active'],
    ]);
    expect(tokens.map((t) => t.value)).toEqual(expect.arrayContaining([g.access_token, g.refresh_token, g.id_token, f.access_token, f.id_token]));
    expect(tokens[0]).toMatchObject({ person: 'ada.lovelace@example.com', clientId: 'kith-sandbox-desktop.apps.googleusercontent.com' });
    expect(grants.map((x) => [x.provider, x.person, x.status])).toEqual([
      ['google', 'ada.lovelace@example.com', 'active'],
      ['facebook', 'kofi.mensah@example.net', 'active'],
    ]);
  });

  it('filters tokens by provider, kind and status', async () => {
    await googleTokens(sandbox.url);
    await facebookTokens(sandbox.url);
    expect(await sandbox.admin.tokens({ provider: 'facebook', kind: 'access' })).toHaveLength(1);
    await sandbox.admin.expireAccessTokens('google');
    expect((await sandbox.admin.tokens({ status: 'expired' })).map((t) => [t.provider, t.kind])).toEqual([['google', 'access']]);
  });

  it('expires every access token now, per provider or all', async () => {
    await googleTokens(sandbox.url);
    await facebookTokens(sandbox.url);
    expect(await sandbox.admin.expireAccessTokens()).toBe(2);
    expect(await sandbox.admin.expireAccessTokens()).toBe(0);
    // Refresh tokens do not expire with them.
    expect((await sandbox.admin.tokens({ kind: 'refresh' }))[0]?.status).toBe('active');
  });

  it('revokes grants as the person would at the provider, and marks their tokens revoked', async () => {
    await googleTokens(sandbox.url, { person: 'ada' });
    await googleTokens(sandbox.url, { person: 'grace' });
    expect(await sandbox.admin.revokeGrant({ provider: 'google', person: 'grace.hopper@example.com' })).toBe(1);
    const tokens = await sandbox.admin.tokens({ provider: 'google', kind: 'access' });
    expect(tokens.map((t) => [t.person, t.status])).toEqual([
      ['ada.lovelace@example.com', 'active'],
      ['grace.hopper@example.com', 'revoked'],
    ]);
    expect(await sandbox.admin.revokeGrant({ provider: 'google' })).toBe(1);
  });

  it('lists seeded people and credentials', async () => {
    const people = await sandbox.admin.people();
    expect(people.credentials.google.clientId).toBe('kith-sandbox-desktop.apps.googleusercontent.com');
    expect(people.credentials.facebook.redirectUris).toEqual(['http://localhost:47823/kith/facebook/callback', 'http://127.0.0.1:47823/kith/facebook/callback']);
    expect(people.google.map((p) => [p.email, p.contacts])).toEqual([
      ['ada.lovelace@example.com', 250],
      ['grace.hopper@example.com', 40],
      ['alan.turing@example.com', 0],
    ]);
    expect(people.facebook.map((p) => p.friends)).toEqual([120, 12, 0]);
  });

  it('moves the clock forward only', async () => {
    const before = await sandbox.admin.clock();
    const after = await sandbox.admin.advanceClock(60);
    expect(after.offsetMs).toBe(60_000);
    expect(after.now - before.now).toBeGreaterThanOrEqual(60_000);
    await expect(sandbox.admin.advanceClock(-1)).rejects.toBeInstanceOf(SandboxAdminError);
  });

  it('changes contacts for a named person and rejects unknown people', async () => {
    const changes = await sandbox.admin.changeContacts({ person: 'grace', updated: 2, added: 3 });
    expect(changes).toMatchObject({ person: 'grace.hopper@example.com', total: 43 });
    expect(changes.updated).toHaveLength(2);
    await expect(sandbox.admin.changeContacts({ person: 'nobody@example.com', updated: 1 })).rejects.toThrow(/404/);
  });

  it('reset forgets grants, tokens, changes, clock and settings', async () => {
    await googleTokens(sandbox.url);
    await sandbox.admin.changeContacts({ deleted: 5 });
    await sandbox.admin.advanceClock(10);
    await sandbox.admin.updateSettings({ autoConsent: true, accessTokenTtlSeconds: 5 });
    await sandbox.admin.reset();
    expect(await sandbox.admin.grants()).toEqual({ tokens: [], grants: [] });
    expect((await sandbox.admin.people()).google[0]?.contacts).toBe(250);
    expect((await sandbox.admin.clock()).offsetMs).toBe(0);
    expect(await sandbox.admin.settings()).toMatchObject({ autoConsent: false, accessTokenTtlSeconds: 3600 });
  });

  it('validates its input', async () => {
    const res = await fetch(`${sandbox.url}/__sandbox/grants/revoke`, { method: 'POST', body: '{"provider":"myspace"}' });
    expect(res.status).toBe(400);
    expect((await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST', body: 'nope' })).status).toBe(400);
  });
});

describe('admin API switched off', () => {
  it('is not served', async () => {
    const closed = await startSandbox({ admin: false });
    try {
      expect((await fetch(`${closed.url}/__sandbox/grants`)).status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
