// The CLI's behaviour over an in-process core of fakes (no process, no network):
// every failure a clear line on stderr and its own exit status; --json output
// is exactly the contract's arrays.
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { AccountSummarySchema, FriendSchema, KithError } from '../../../src-contract/kith-api';
import type { KithCore } from '../../core/kith-core';
import { identity } from '../../core/testing/fake-login';
import { person } from '../../core/testing/fake-provider';
import { createTestCore, type TestCore } from '../../core/testing/test-core';
import { runCli, type CliHost } from './main';

function harness(t: TestCore = createTestCore(), wrap: (core: KithCore) => KithCore = (core) => core) {
  const out: string[] = [];
  const err: string[] = [];
  const host: CliHost = {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, onInterrupt: () => () => {} },
    // Each command opens and closes its own core, as each `kith` process does; the state is shared.
    createCore: async () => wrap((await t.restart()).assembled as unknown as KithCore),
    openBrowser: async () => {},
    now: () => t.clock.now(),
    waitForInterrupt: async () => {},
  };
  const run = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await runCli(argv, host);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  return { t, run };
}

async function withAccount() {
  const h = harness();
  h.t.google.upsert(person('p1', 'Ann Smith', { email: 'ann@example.test' }));
  h.t.google.upsert(person('p2', 'Bob Jones'));
  h.t.login.queue.push({ tokens: h.t.google.issueTokens({ expiresInMs: 600_000 }), identity: identity('g') });
  const connected = await h.run('connect', 'google', '--json');
  const account = AccountSummarySchema.parse(JSON.parse(connected.out));
  return { ...h, account, connected };
}

describe('kith CLI', () => {
  it('prints the consent URL on a line of its own (stderr with --json), then the account, synced', async () => {
    const { connected, account } = await withAccount();
    expect(connected.code).toBe(0);
    expect(connected.err.split('\n')).toContain('https://google.test/consent?n=1');
    expect(account.friendCount).toBe(2);
  });

  it('lists accounts and friends as JSON arrays of the contract types', async () => {
    const { run, account } = await withAccount();
    const accounts = await run('accounts', '--json');
    expect(AccountSummarySchema.array().parse(JSON.parse(accounts.out))).toHaveLength(1);
    const friends = await run('friends', account.id, '--search', 'ann', '--json');
    expect(FriendSchema.array().parse(JSON.parse(friends.out)).map((f) => f.name)).toEqual(['Ann Smith']);
    const paged = await run('friends', account.id, '--limit', '1', '--offset', '1', '--json');
    expect(JSON.parse(paged.out).map((f: { name: string }) => f.name)).toEqual(['Bob Jones']);
  });

  it('exports every person as vCard 4.0 or CSV on stdout, one account with --account', async () => {
    const { run, account } = await withAccount();
    const vcf = await run('friends', '--export', 'vcf');
    expect(vcf.code).toBe(0);
    expect(vcf.out.endsWith('END:VCARD\r')).toBe(true);
    const cards = (ICAL.parse(`${vcf.out}\n`) as unknown[]).map((jcal) => new ICAL.Component(jcal as never));
    expect(cards.map((c) => [c.getFirstPropertyValue('fn'), c.getFirstPropertyValue('email') ?? null])).toEqual([
      ['Ann Smith', 'ann@example.test'],
      ['Bob Jones', null],
    ]);
    expect(vcf.err).toBe('2 people written as vCard 4.0.');
    const csv = await run('friends', '--export', 'csv', '--account', account.id, '--columns', 'thunderbird');
    const rows = parseCsv(`${csv.out}\n`, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['Display Name'], r['Primary Email']])).toEqual([
      ['Ann Smith', 'ann@example.test'],
      ['Bob Jones', ''],
    ]);
    expect(await run('friends', '--export', 'xml')).toMatchObject({ code: 2, err: expect.stringContaining('vcf or csv') });
    expect(await run('friends', '--export', 'csv', '--account', 'acc_0000000000')).toMatchObject({ code: 5 });
  });

  it('maps each failure to words and an exit status', async () => {
    const h = harness();
    h.t.login.queue.push({ error: new KithError('E_LOGIN_TIMEOUT', 'The Google sign-in was not completed within 5 minute(s).') });
    const timeout = await h.run('connect', 'google');
    expect(timeout).toMatchObject({ code: 3 });
    expect(timeout.err).toMatch(/^kith: Sign-in timed out: /);
    h.t.login.queue.push({ error: new KithError('E_CONSENT_DENIED', 'You declined.') });
    expect(await h.run('connect', 'facebook')).toMatchObject({ code: 3, err: expect.stringContaining('Consent denied') });
    expect(await h.run('disconnect', 'acc_0000000000')).toMatchObject({ code: 5, err: expect.stringContaining('Unknown account') });
    expect(await h.run('friends', 'acc_0000000000')).toMatchObject({ code: 5 });
    expect(await h.run('sync', 'nope')).toMatchObject({ code: 2 });
    expect(await h.run('friends', '--limit', 'ten', 'acc_0000000000')).toMatchObject({ code: 2, err: expect.stringContaining('--limit') });
    expect(await h.run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command') });
    expect(await h.run()).toMatchObject({ code: 2 });
    expect((await h.run('--help')).out).toContain('kith connect <google|facebook>');
  });

  it('says an account needs reconnecting, exits 5 on its sync, and still lists its cached friends', async () => {
    const { t, run, account } = await withAccount();
    t.google.refreshImpl = () => Promise.reject(new KithError('E_GRANT_REVOKED', 'Google no longer accepts Kith\'s access.'));
    await t.clock.advance(10 * 60_000);
    const sync = await run('sync', account.id);
    expect(sync.code).toBe(5);
    expect(sync.err).toContain('kith connect google');
    const accounts = await run('accounts');
    expect(accounts.out).toContain('needs reconnect');
    expect(accounts.err).toContain('needs reconnecting');
    const friends = await run('friends', account.id);
    expect(friends.code).toBe(0);
    expect(friends.out).toContain('Ann Smith');
    expect(friends.err).toContain('needs reconnecting');
  });

  it('reports an offline provider with exit 4, and a queued revocation on disconnect', async () => {
    const { t, run, account } = await withAccount();
    t.google.listFailure = { error: new KithError('E_OFFLINE', 'Google could not be reached.'), afterBatches: 0 };
    t.google.expireSyncTokens();
    expect(await run('sync')).toMatchObject({ code: 4 });
    t.google.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Google could not be reached.'));
    const disconnect = await run('disconnect', account.id);
    expect(disconnect.code).toBe(0);
    expect(disconnect.out).toContain('queued');
    const status = await run('status');
    expect(status.out).toMatch(/Revocations: {2}1 pending/);
  });

  it('disconnects an account whose saved sign-in cannot be decrypted, and says where to remove Kith at the provider', async () => {
    const { t, run, account } = await withAccount();
    t.vault.get = () => Promise.reject(new KithError('E_STORAGE', 'Kith could not decrypt the saved sign-in.'));
    const disconnect = await run('disconnect', account.id);
    expect(disconnect.code).toBe(0);
    expect(disconnect.out).toContain('gone from this computer');
    expect(disconnect.out).toContain('could not revoke its access at Google');
    expect(disconnect.out).toContain('https://myaccount.google.com/connections');
    expect(disconnect.out).not.toContain('confirmed');
    expect(JSON.parse((await run('accounts', '--json')).out)).toEqual([]);
    expect(t.google.calls.revoke).toEqual([]);
  });

  it('withholds a result that breaks the contract, as IPC and HTTP do, so --json never prints a stray field', async () => {
    const { t } = await withAccount();
    const leaky = harness(t, (core) => ({
      ...core,
      accounts: { ...core.accounts, list: async () => (await core.accounts.list({})).map((a) => ({ ...a, accessToken: 'ya29.leaked' })) },
    }));
    const listed = await leaky.run('accounts', '--json');
    expect(listed.code).toBe(1);
    expect(listed.out).toBe('');
    expect(listed.err).toContain('kith: Internal error: ');
    expect(listed.out + listed.err).not.toContain('ya29');
  });

  it('refuses an input outside the contract with exit 2, before the core sees it', async () => {
    const { run, account } = await withAccount();
    const tooLong = await run('friends', account.id, '--search', 'x'.repeat(300));
    expect(tooLong.code).toBe(2);
    expect(tooLong.err).toContain('Invalid input for friends.list: search');
  });
});

describe('kith connect --reconnect', () => {
  it('says who signed in instead, stores nothing, revokes their new grant and exits 3', async () => {
    const { t, run, account } = await withAccount();
    const ada = t.google.issueTokens();
    t.login.queue.push({ tokens: ada, identity: identity('ada', 'Ada Lovelace') });
    const reconnect = await run('connect', 'google', '--reconnect', account.id);
    expect(reconnect.code).toBe(3);
    expect(reconnect.err).toContain('Ada Lovelace <ada@example.test> signed in, not Person g <g@example.test>');
    expect(reconnect.err).toContain('--add-other');
    expect(t.login.requests.at(-1)).toMatchObject({ loginHint: 'g' });
    const list = AccountSummarySchema.array().parse(JSON.parse((await run('accounts', '--json')).out));
    expect(list.map((a) => a.displayName)).toEqual(['Person g']);
    expect(t.google.calls.revoke.map((r) => r.accessToken)).toEqual([ada.accessToken]);
  });

  it('adds the other person with --add-other', async () => {
    const { t, run, account } = await withAccount();
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('ada', 'Ada Lovelace') });
    const reconnect = await run('connect', 'google', '--reconnect', account.id, '--add-other', '--json');
    expect(reconnect.code).toBe(0);
    expect(AccountSummarySchema.parse(JSON.parse(reconnect.out))).toMatchObject({ displayName: 'Ada Lovelace' });
    const list = AccountSummarySchema.array().parse(JSON.parse((await run('accounts', '--json')).out));
    expect(list.map((a) => a.displayName)).toEqual(['Person g', 'Ada Lovelace']);
    expect(t.google.calls.revoke).toEqual([]);
  });

  it('refuses --add-other without --reconnect, and an account of the other provider', async () => {
    const { run, account } = await withAccount();
    expect(await run('connect', 'google', '--add-other')).toMatchObject({ code: 2 });
    expect(await run('connect', 'facebook', '--reconnect', account.id)).toMatchObject({ code: 2, err: expect.stringContaining('is a Google account') });
  });
});

describe('kith accounts: what Kith may do and until when', () => {
  it('shows the deadline the provider gave and why, and a permission the person did not share', async () => {
    const h = harness();
    const tokens = { ...h.t.google.issueTokens({ scopes: ['openid', 'email'] }), refreshTokenExpiresAt: h.t.clock.now() + 86_400_000 };
    h.t.login.queue.push({ tokens, identity: identity('g') });
    const connected = await h.run('connect', 'google');
    expect(connected.code).toBe(0);
    expect(connected.out).not.toContain('Synced');
    expect(connected.err).toContain("you didn't share your contacts with Kith");
    const accounts = await h.run('accounts');
    expect(accounts.out).toContain('not shared');
    expect(accounts.out).toContain(new Date(tokens.refreshTokenExpiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(accounts.err).toContain('(in 1 day) (you chose time-limited access) unless you reconnect');
    const [json] = AccountSummarySchema.array().parse(JSON.parse((await h.run('accounts', '--json')).out));
    expect(json).toMatchObject({ reconnectBy: tokens.refreshTokenExpiresAt, reconnectReason: 'time_limited', missingPermissions: ['friends'] });
  });
});
