import { describe, expect, it, vi } from 'vitest';
import { AccountSummarySchema, KithError, type ProviderId } from '../../../src-contract/kith-api';
import { accountRecord } from '../testing/account-fixture';
import { identity } from '../testing/fake-login';
import { createTestCore, type TestCore } from '../testing/test-core';
import type { ProviderIdentity, TokenSet } from '../providers/provider';
import { createEventHub } from '../api/event-hub';
import { createRecordingLogger } from '../testing/recording-logger';
import type { AccountRecord } from './account-record';
import type { AccountRepository } from './account-repository';
import { createAccountRepository } from './account-repository';
import { createAccountsService, type AccountsServiceDeps } from './accounts-service';
import { TypedDocumentStore } from '../storage/typed-document-store';

describe('connecting accounts', () => {
  it('stores a new account with its tokens in the vault and returns a summary with no token', async () => {
    const t = createTestCore();
    const tokens = t.google.issueTokens();
    t.login.queue.push({ tokens, identity: identity('g-1', 'Ada') });
    const summary = await t.core.accounts.connect({ provider: 'google' });
    expect(AccountSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({ provider: 'google', displayName: 'Ada', status: 'active', friendCount: 0 });
    expect(JSON.stringify(summary)).not.toContain(tokens.accessToken);
    expect(t.vault.entries.get(summary.id)?.refreshToken).toBe(tokens.refreshToken);
    expect(t.store.allText()).not.toContain(tokens.refreshToken!);
  });

  it('matches a returning person by provider + subject, keeps the stored refresh token and stores the scopes granted this time', async () => {
    const t = createTestCore();
    const first = t.google.issueTokens({ scopes: ['openid', 'contacts.readonly'] });
    t.login.queue.push({ tokens: first, identity: identity('g-1') });
    const a = await t.core.accounts.connect({ provider: 'google' });
    // Google sends a refresh token only on first consent.
    const second = { ...t.google.issueTokens({ scopes: ['openid', 'email'] }), refreshToken: null };
    t.login.queue.push({ tokens: second, identity: identity('g-1', 'Ada Renamed') });
    const b = await t.core.accounts.connect({ provider: 'google' });
    expect(b.id).toBe(a.id);
    expect(b.displayName).toBe('Ada Renamed');
    // Never a merge: contacts were not granted this time, so the account does not claim them.
    expect(b.scopes).toEqual(['email', 'openid']);
    expect(await t.core.accounts.list()).toHaveLength(1);
    const stored = t.vault.entries.get(a.id)!;
    expect(stored.refreshToken).toBe(first.refreshToken);
    expect(stored.accessToken).toBe(second.accessToken);
  });

  it('keeps several accounts per provider and the same subject at another provider apart', async () => {
    const t = createTestCore();
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('x') });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('y') });
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('x') });
    await t.core.accounts.connect({ provider: 'google' });
    await t.core.accounts.connect({ provider: 'google' });
    await t.core.accounts.connect({ provider: 'facebook' });
    expect((await t.core.accounts.list()).map((a) => a.provider)).toEqual(['google', 'google', 'facebook']);
  });

  it('clears needs_reconnect when the person reconnects', async () => {
    const t = createTestCore();
    t.login.queue.push({ tokens: t.google.issueTokens({ expiresInMs: 1000 }), identity: identity('g-1') });
    const a = await t.core.accounts.connect({ provider: 'google' });
    t.google.refreshImpl = async () => {
      throw new KithError('E_GRANT_REVOKED', 'revoked');
    };
    await t.clock.advance(5_000);
    await t.core.sync.run({ accountId: a.id });
    expect((await t.core.accounts.list())[0]).toMatchObject({ status: 'needs_reconnect', statusError: { code: 'E_GRANT_REVOKED' } });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1') });
    const again = await t.core.accounts.connect({ provider: 'google' });
    expect(again).toMatchObject({ id: a.id, status: 'active', statusError: null });
  });

  it('allows one login at a time, and a cancelled one ends with E_LOGIN_CANCELLED and a loginEnded event', async () => {
    const t = createTestCore();
    const ended: string[] = [];
    const started: string[] = [];
    t.core.events.on('loginStarted', (e) => started.push(e.authUrl));
    t.core.events.on('loginEnded', (e) => ended.push(e.outcome));
    t.login.queue.push({ hang: true });
    const first = t.core.accounts.connect({ provider: 'google' });
    await new Promise((r) => setImmediate(r));
    await expect(t.core.accounts.connect({ provider: 'facebook' })).rejects.toMatchObject({ code: 'E_LOGIN_IN_PROGRESS' });
    await t.core.accounts.cancelConnect({});
    await expect(first).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    expect(started).toHaveLength(1);
    expect(ended).toEqual(['cancelled']);
    // The slot is free again.
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('f-1') });
    await expect(t.core.accounts.connect({ provider: 'facebook' })).resolves.toMatchObject({ provider: 'facebook' });
  });

  it("says when the browser could not be opened for the sign-in in progress, naming that sign-in", async () => {
    const t = createTestCore();
    const started: string[] = [];
    const failed: string[] = [];
    t.core.events.on('loginStarted', (e) => started.push(e.loginId));
    t.core.events.on('loginBrowserFailed', (e) => failed.push(`${e.provider}:${e.loginId}`));
    t.login.browserFails = true;
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1') });
    await t.core.accounts.connect({ provider: 'google' });
    expect(failed).toEqual([`google:${started[0]}`]);
  });

  it('passes the login error through with its code and stores nothing', async () => {
    const t = createTestCore();
    t.login.queue.push({ error: new KithError('E_CONSENT_DENIED', 'You declined.') });
    await expect(t.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_CONSENT_DENIED' });
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.vault.entries.size).toBe(0);
  });

  it('rejects a provider name outside the contract with E_INVALID_INPUT', async () => {
    const t = createTestCore();
    await expect(t.core.accounts.connect({ provider: 'myspace' as 'google' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });
});

describe('reconnectBy', () => {
  it('is the Facebook token expiry, and the account turns needs_reconnect once it passes', async () => {
    const t = createTestCore();
    const tokens = t.facebook.issueTokens({ expiresInMs: 60 * 86_400_000 });
    t.login.queue.push({ tokens, identity: identity('f-1') });
    const a = await t.core.accounts.connect({ provider: 'facebook' });
    expect(a.reconnectBy).toBe(tokens.accessTokenExpiresAt);
    t.clock.set(tokens.accessTokenExpiresAt! + 1);
    const [after] = await t.core.accounts.list();
    expect(after).toMatchObject({ status: 'needs_reconnect', statusError: { code: 'E_NEEDS_RECONNECT' } });
  });

  it('is 7 days after the refresh token was issued for a Google app in Testing, and null otherwise', async () => {
    const testing = createTestCore({ googleAppInTesting: true });
    testing.login.queue.push({ tokens: testing.google.issueTokens(), identity: identity('g') });
    const a = await testing.core.accounts.connect({ provider: 'google' });
    expect(a.reconnectBy).toBe(testing.clock.now() + 7 * 86_400_000);
    const published = createTestCore();
    published.login.queue.push({ tokens: published.google.issueTokens(), identity: identity('g') });
    expect((await published.core.accounts.connect({ provider: 'google' })).reconnectBy).toBeNull();
  });
});

describe('holding revocations during a login', () => {
  /** `settling` stands for the revocations on the wire that the hold waits for. */
  function serviceWithHold(settling: (() => Promise<void>) | undefined) {
    const t = createTestCore();
    const steps: string[] = [];
    const repo = createAccountRepository(new TypedDocumentStore(t.store, t.log, { now: t.clock.now }));
    const deps: Partial<AccountsServiceDeps> = {
      repo,
      vault: t.vault,
      providers: { google: t.google, facebook: t.facebook },
      runLogin: (options: Parameters<AccountsServiceDeps['runLogin']>[0]) => {
        steps.push('login');
        return t.login.run(options);
      },
      events: createEventHub(t.log),
      clock: t.clock,
      randomBytes: t.ports.randomBytes,
      log: t.log,
      googleAppInTesting: false,
      onReconnect: async () => {
        steps.push('forget');
      },
      holdRevocations: async (provider: ProviderId) => {
        steps.push(`hold ${provider}`);
        await settling?.();
        return () => steps.push(`release ${provider}`);
      },
    };
    const service = createAccountsService(deps as AccountsServiceDeps);
    return { t, steps, service };
  }
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('holds before the login starts and releases after the person\'s revocations are forgotten', async () => {
    const { t, steps, service } = serviceWithHold(undefined);
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1') });
    await service.connect('google');
    await settle();
    expect(steps).toEqual(['hold google', 'login', 'forget', 'release google']);
  });

  it('releases on a denied, timed-out or cancelled login', async () => {
    const { t, steps, service } = serviceWithHold(undefined);
    t.login.queue.push({ error: new KithError('E_CONSENT_DENIED', 'denied') });
    await expect(service.connect('google')).rejects.toMatchObject({ code: 'E_CONSENT_DENIED' });
    t.login.queue.push({ error: new KithError('E_LOGIN_TIMEOUT', 'timed out') });
    await expect(service.connect('facebook')).rejects.toMatchObject({ code: 'E_LOGIN_TIMEOUT' });
    t.login.queue.push({ hang: true });
    const cancelled = service.connect('google');
    await settle();
    service.cancel();
    await expect(cancelled).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    await settle();
    expect(steps).toEqual(['hold google', 'login', 'release google', 'hold facebook', 'login', 'release facebook', 'hold google', 'login', 'release google']);
  });

  it('does not start the login while a revocation is on the wire, and can be cancelled meanwhile', async () => {
    let settled!: () => void;
    const { steps, service } = serviceWithHold(() => new Promise<void>((resolve) => (settled = resolve)));
    const connecting = service.connect('google');
    await settle();
    expect(steps).toEqual(['hold google']);
    service.cancel();
    await expect(connecting).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    // The hold is released as soon as it is granted, even though nobody waits for it any more.
    settled();
    await settle();
    expect(steps).toEqual(['hold google', 'release google']);
    expect(service.activeLogin).toBeNull();
  });
});

describe('accountsChanged', () => {
  it('never announces a list read before a later change after the list that has it', async () => {
    const log = createRecordingLogger();
    const events = createEventHub(log);
    const reads: Array<(list: AccountRecord[]) => void> = [];
    const repo = { all: () => new Promise<AccountRecord[]>((resolve) => reads.push(resolve)) } as unknown as AccountRepository;
    const service = createAccountsService({ repo, events, log } as unknown as AccountsServiceDeps);
    const announced: string[][] = [];
    events.on('accountsChanged', (list) => announced.push(list.map((a) => a.displayName)));
    const stale = service.announce();
    const fresh = service.announce();
    reads[1]!([accountRecord({ displayName: 'after the change' })]);
    await fresh;
    reads[0]!([accountRecord({ displayName: 'before the change' })]);
    await stale;
    expect(announced).toEqual([['after the change']]);
  });
});


describe('a login that ends while its code is being exchanged', () => {
  /** A code exchange the test finishes by hand, as a slow token endpoint would. */
  function slowExchange() {
    let finish!: (result: { tokens: TokenSet; identity: ProviderIdentity }) => void;
    const exchanging = new Promise<{ tokens: TokenSet; identity: ProviderIdentity }>((resolve) => (finish = resolve));
    return { exchanging, finish };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it.each([
    ['cancelled', 'E_LOGIN_CANCELLED', (t: TestCore) => t.core.accounts.cancelConnect({})],
    ['timed out', 'E_LOGIN_TIMEOUT', (t: TestCore) => t.login.timeOut()],
  ] as const)('revokes the tokens the provider issued when the login was %s meanwhile', async (_label, code, end) => {
    const t = createTestCore();
    const ended: string[] = [];
    t.core.events.on('loginEnded', (e) => ended.push(e.outcome));
    const { exchanging, finish } = slowExchange();
    t.login.queue.push({ exchanging });
    const connecting = t.core.accounts.connect({ provider: 'google' });
    await turn();
    await end(t);
    const tokens = t.google.issueTokens();
    finish({ tokens, identity: identity('g-new', 'Ada') });
    await expect(connecting).rejects.toMatchObject({ code });
    expect(ended).toEqual([code === 'E_LOGIN_CANCELLED' ? 'cancelled' : 'failed']);
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.vault.entries.size).toBe(0);
    await vi.waitFor(() => expect(t.google.calls.revoke).toEqual([expect.objectContaining({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })]));
    // Confirmed by the provider, so nothing stays queued either.
    await vi.waitFor(async () => expect((await t.core.status.get({})).pendingRevocations).toEqual([]));
  });

  it('queues the revocation when the provider cannot be reached, so it is retried later', async () => {
    const t = createTestCore();
    t.google.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Google cannot be reached.'));
    const { exchanging, finish } = slowExchange();
    t.login.queue.push({ exchanging });
    const connecting = t.core.accounts.connect({ provider: 'google' });
    await turn();
    await t.core.accounts.cancelConnect({});
    finish({ tokens: t.google.issueTokens(), identity: identity('g-new', 'Ada') });
    await expect(connecting).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    await vi.waitFor(async () => expect((await t.core.status.get({})).pendingRevocations).toMatchObject([{ provider: 'google', attempts: 1 }]));
  });

  it('only drops the new tokens when Kith already holds that person, whose grant they share', async () => {
    const t = createTestCore();
    const first = t.google.issueTokens();
    t.login.queue.push({ tokens: first, identity: identity('g-1', 'Ada') });
    const account = await t.core.accounts.connect({ provider: 'google' });
    const { exchanging, finish } = slowExchange();
    t.login.queue.push({ exchanging });
    const connecting = t.core.accounts.connect({ provider: 'google' });
    await turn();
    await t.core.accounts.cancelConnect({});
    finish({ tokens: t.google.issueTokens(), identity: identity('g-1', 'Ada') });
    await expect(connecting).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    for (let i = 0; i < 10; i++) await turn();
    expect(t.google.calls.revoke).toEqual([]);
    expect((await t.core.status.get({})).pendingRevocations).toEqual([]);
    expect(await t.core.accounts.list()).toMatchObject([{ id: account.id, status: 'active' }]);
    expect(t.vault.entries.get(account.id)?.accessToken).toBe(first.accessToken);
  });

  it('revokes tokens that arrive in the instant between the exchange and a cancel', async () => {
    const t = createTestCore();
    const tokens = t.google.issueTokens();
    const service = createAccountsService({
      repo: createAccountRepository(new TypedDocumentStore(t.store, t.log, { now: t.clock.now })),
      vault: t.vault,
      providers: { google: t.google, facebook: t.facebook },
      tokens: {} as AccountsServiceDeps['tokens'],
      // The exchange has finished, but the cancel lands before connect continues.
      runLogin: async () => {
        service.cancel();
        return { tokens, identity: identity('g-new') };
      },
      events: createEventHub(t.log),
      clock: t.clock,
      randomBytes: t.ports.randomBytes,
      log: t.log,
      googleAppInTesting: false,
      revokeAbandoned: async (item) => {
        revoked.push(item.tokens);
      },
    });
    const revoked: TokenSet[] = [];
    await expect(service.connect('google')).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    expect(revoked).toEqual([tokens]);
  });
});
