// An in-memory KithApi for looking at the UI without a core (`?fake=1` in dev only)
// and for unit tests. It behaves like the contract says (events before results,
// E_LOGIN_CANCELLED on cancel, disconnect deletes first and queues the revocation
// when offline) but holds no tokens and talks to nobody.
import {
  KithError,
  type AccountId,
  type AccountSummary,
  type Friend,
  type KithApi,
  type KithErrorCode,
  type KithEventListener,
  type KithEventName,
  type KithEventPayload,
  type KithStatus,
  type PendingRevocation,
  type ProviderId,
  type SyncResult,
} from '../../src-contract/kith-api';
import { providerName } from '../../src-contract/provider-names';

/** How the next sign-in ends. */
export type FakeConnectOutcome = 'connect' | 'deny' | 'timeout' | 'offline' | 'wait';

export interface FakeKithOptions {
  /** Friends per seeded account; the Facebook one also gets a larger friendTotal. */
  seed?: { provider: ProviderId; name: string; email: string; friends: number; friendTotal?: number; status?: 'active' | 'needs_reconnect'; reconnectInDays?: number }[];
  online?: boolean;
  protection?: 'strong' | 'weak';
  connectOutcome?: FakeConnectOutcome;
  /** Time between loginStarted and the outcome. */
  connectDelayMs?: number;
  /** Time per sync step; 0 in tests. */
  syncStepMs?: number;
  /** Artificial latency for friends.list, to see placeholders. */
  listLatencyMs?: number;
  now?: () => number;
}

const FIRST = [
  'Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia', 'Edsger',
  'Hedy', 'John', 'Shafi', 'Donald', 'Lynn', 'Guido', 'Sophie', 'Bjarne', 'Annie', 'James', 'Mary', 'Niklaus', 'Jean', 'Leslie',
  'Joan', 'Claude', 'Evelyn', 'Yukihiro', 'Carol', 'Satoshi', 'Adele', 'Brendan', 'Ruth', 'Ward', 'Karen', 'Rob', 'Anita',
];
const LAST = [
  'Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Ritchie', 'Allen', 'Thompson',
  'Perlman', 'Dijkstra', 'Lamarr', 'McCarthy', 'Goldwasser', 'Knuth', 'Conway', 'van Rossum', 'Wilson', 'Stroustrup', 'Easley',
  'Gosling', 'Keller', 'Wirth', 'Sammet', 'Lamport', 'Clarke', 'Shannon', 'Boyd', 'Matsumoto', 'Shaw', 'Nakamoto', 'Goldberg',
  'Eich', 'Teitelbaum', 'Cunningham', 'Spärck Jones', 'Pike', 'Borg',
];

interface FakeAccount {
  summary: AccountSummary;
  friends: Friend[];
  /** Lower-cased "name email phone" per friend, for search. */
  haystack: string[];
}

const DAY = 86_400_000;

export const defaultFakeSeed: NonNullable<FakeKithOptions['seed']> = [
  { provider: 'google', name: 'Ada Lovelace', email: 'ada@example.com', friends: 24_660 },
  { provider: 'facebook', name: 'Ada Lovelace', email: 'ada.fb@example.com', friends: 340, friendTotal: 1_212, reconnectInDays: 5 },
];

export class FakeKithApi implements KithApi {
  private readonly accountsById = new Map<AccountId, FakeAccount>();
  private readonly listeners = new Map<KithEventName, Set<(payload: never) => void>>();
  private pending: PendingRevocation[] = [];
  private online: boolean;
  private loginSeq = 0;
  private accountSeq = 0;
  private login: { loginId: string; provider: ProviderId; finish: (error: KithError | null) => void } | null = null;
  private readonly now: () => number;
  connectOutcome: FakeConnectOutcome;

  constructor(private readonly options: FakeKithOptions = {}) {
    this.now = options.now ?? Date.now;
    this.online = options.online ?? true;
    this.connectOutcome = options.connectOutcome ?? 'connect';
    for (const seed of options.seed ?? defaultFakeSeed) {
      const account = this.addAccount(seed.provider, seed.name, seed.email, seed.friends, seed.friendTotal ?? null);
      account.summary = {
        ...account.summary,
        status: seed.status ?? 'active',
        statusError: seed.status === 'needs_reconnect' ? { code: 'E_GRANT_REVOKED', message: 'The grant was revoked.' } : null,
        reconnectBy: seed.reconnectInDays === undefined ? null : this.now() + seed.reconnectInDays * DAY,
        lastSyncedAt: this.now() - 42 * 60_000,
      };
    }
  }

  readonly accounts: KithApi['accounts'] = {
    list: async () => this.summaries(),
    connect: (input) => this.connect(input.provider),
    cancelConnect: async (input) => {
      if (this.login && (!input?.loginId || input.loginId === this.login.loginId)) {
        this.login.finish(new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.'));
      }
      return null;
    },
    disconnect: async ({ accountId }) => {
      const account = this.requireAccount(accountId);
      this.accountsById.delete(accountId);
      this.emit('accountsChanged', this.summaries());
      if (this.online) return { accountId, revocation: 'revoked' as const };
      this.pending = [
        ...this.pending,
        {
          id: `rev_${accountId}`,
          provider: account.summary.provider,
          accountLabel: account.summary.email ?? account.summary.displayName,
          queuedAt: this.now(),
          attempts: 1,
          lastError: `Could not reach ${providerName(account.summary.provider)}.`,
          nextAttemptAt: this.now() + 30_000,
        },
      ];
      this.emit('revocationsChanged', this.pending);
      return { accountId, revocation: 'queued' as const };
    },
  };

  readonly friends: KithApi['friends'] = {
    list: async (input = {}) => {
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 200;
      if (limit < 1 || limit > 1000) throw new KithError('E_INVALID_INPUT', 'limit must be 1..1000');
      if (input.accountId) this.requireAccount(input.accountId);
      const needle = input.search?.trim().toLowerCase() ?? '';
      const accounts = [...this.accountsById.values()].filter((a) => !input.accountId || a.summary.id === input.accountId);
      const all = this.sortedFriends(accounts);
      const matches = needle ? all.filter((entry) => entry.text.includes(needle)).map((entry) => entry.friend) : all.map((entry) => entry.friend);
      if (this.options.listLatencyMs) await sleep(this.options.listLatencyMs);
      return { items: matches.slice(offset, offset + limit), offset, total: matches.length };
    },
  };

  readonly sync: KithApi['sync'] = {
    run: async (input = {}) => {
      const targets = [...this.accountsById.values()].filter((a) => !input.accountId || a.summary.id === input.accountId);
      if (input.accountId && targets.length === 0) throw new KithError('E_UNKNOWN_ACCOUNT', 'No such account.');
      return Promise.all(targets.map((account) => this.syncAccount(account)));
    },
  };

  readonly status: KithApi['status'] = {
    get: async (): Promise<KithStatus> => ({
      protection:
        this.options.protection === 'weak'
          ? {
              level: 'weak',
              backend: 'key file',
              advice:
                'No system keyring answered, so the key that encrypts your tokens sits in a file only your user can read. Anyone who can read your files can read your tokens. Install and unlock a keyring (GNOME Keyring or KWallet), then restart Kith.',
            }
          : { level: 'strong', backend: 'OS keyring', advice: null },
      dataDir: '/home/ada/.config/kith',
      online: this.online,
      pendingRevocations: this.pending,
      storageProblems: [],
      shell: 'host',
      version: '0.1.0-fake',
    }),
  };

  readonly events: KithApi['events'] = {
    on: <E extends KithEventName>(name: E, listener: KithEventListener<E>) => {
      let set = this.listeners.get(name);
      if (!set) {
        set = new Set();
        this.listeners.set(name, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };

  /** Test and demo control: the machine goes on- or offline; queued revocations then complete. */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.emit('connectivity', { online });
    if (online && this.pending.length > 0) {
      this.pending = [];
      this.emit('revocationsChanged', this.pending);
    }
  }

  /** Test and demo control: the person removed Kith at the provider. */
  revokeGrant(accountId: AccountId): void {
    const account = this.requireAccount(accountId);
    account.summary = {
      ...account.summary,
      status: 'needs_reconnect',
      statusError: { code: 'E_GRANT_REVOKED', message: 'The grant was revoked at the provider.' },
    };
    this.emit('accountsChanged', this.summaries());
  }

  private sortedCache: { key: string; entries: { friend: Friend; text: string }[] } | null = null;

  /** Friends of `accounts` by name, as the core lists them; cached per account set. */
  private sortedFriends(accounts: FakeAccount[]): { friend: Friend; text: string }[] {
    const key = accounts.map((a) => `${a.summary.id}:${a.friends.length}`).join(',');
    if (this.sortedCache?.key === key) return this.sortedCache.entries;
    const entries = accounts.flatMap((a) => a.friends.map((friend, i) => ({ friend, text: a.haystack[i] ?? '' })));
    entries.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
    this.sortedCache = { key, entries };
    return entries;
  }

  private summaries(): AccountSummary[] {
    return [...this.accountsById.values()].map((a) => a.summary);
  }

  private requireAccount(accountId: AccountId): FakeAccount {
    const account = this.accountsById.get(accountId);
    if (!account) throw new KithError('E_UNKNOWN_ACCOUNT', 'No such account.');
    return account;
  }

  private emit<E extends KithEventName>(name: E, payload: KithEventPayload<E>): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as KithEventListener<E>)(payload);
  }

  private addAccount(provider: ProviderId, name: string, email: string, friendCount: number, friendTotal: number | null): FakeAccount {
    this.accountSeq += 1;
    const id = `acc_fake${String(this.accountSeq).padStart(4, '0')}` as AccountId;
    const friends = makeFriends(id, provider, friendCount, this.accountSeq);
    const account: FakeAccount = {
      summary: {
        id,
        provider,
        displayName: name,
        email,
        avatarUrl: null,
        status: 'active',
        statusError: null,
        reconnectBy: provider === 'facebook' ? this.now() + 60 * DAY : null,
        scopes: provider === 'google' ? ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/contacts.readonly'] : ['public_profile', 'email', 'user_friends'],
        connectedAt: this.now(),
        lastSyncedAt: null,
        lastSyncError: null,
        friendCount,
        friendTotal,
      },
      friends,
      haystack: friends.map((f) => `${f.name} ${f.email ?? ''} ${f.phone ?? ''}`.toLowerCase()),
    };
    this.accountsById.set(id, account);
    return account;
  }

  private connect(provider: ProviderId): Promise<AccountSummary> {
    if (this.login) return Promise.reject(new KithError('E_LOGIN_IN_PROGRESS', 'A sign-in is already in progress.'));
    this.loginSeq += 1;
    const loginId = `login_${this.loginSeq}`;
    const authUrl =
      provider === 'google'
        ? `https://accounts.google.com/o/oauth2/v2/auth?client_id=kith-fake&login=${loginId}`
        : `https://www.facebook.com/v21.0/dialog/oauth?client_id=kith-fake&login=${loginId}`;
    const outcome = this.connectOutcome;
    return new Promise<AccountSummary>((resolve, reject) => {
      const timer: { id?: ReturnType<typeof setTimeout> } = {};
      const finish = (error: KithError | null) => {
        if (!this.login || this.login.loginId !== loginId) return;
        clearTimeout(timer.id);
        this.login = null;
        if (error) {
          this.emit('loginEnded', {
            loginId,
            provider,
            outcome: error.code === 'E_LOGIN_CANCELLED' ? 'cancelled' : 'failed',
            accountId: null,
            error: error.toJSON(),
          });
          reject(error);
          return;
        }
        const account = this.connectAccount(provider);
        this.emit('loginEnded', { loginId, provider, outcome: 'connected', accountId: account.summary.id, error: null });
        this.emit('accountsChanged', this.summaries());
        resolve(account.summary);
        void this.syncAccount(account);
      };
      this.login = { loginId, provider, finish };
      this.emit('loginStarted', { loginId, provider, authUrl, expiresAt: this.now() + 5 * 60_000 });
      if (outcome === 'wait') return;
      timer.id = setTimeout(() => finish(outcomeError(outcome, provider)), this.options.connectDelayMs ?? 2500);
    });
  }

  private connectAccount(provider: ProviderId): FakeAccount {
    // A returning person updates their account, as the core does.
    const existing = [...this.accountsById.values()].find((a) => a.summary.provider === provider);
    if (existing) {
      existing.summary = { ...existing.summary, status: 'active', statusError: null, reconnectBy: provider === 'facebook' ? this.now() + 60 * DAY : null };
      return existing;
    }
    return provider === 'google'
      ? this.addAccount('google', 'Grace Hopper', 'grace@example.com', 1_500, null)
      : this.addAccount('facebook', 'Grace Hopper', 'grace.fb@example.com', 120, 480);
  }

  private async syncAccount(account: FakeAccount): Promise<SyncResult> {
    const { id: accountId, friendCount } = account.summary;
    const fail = (code: KithErrorCode, message: string): SyncResult => {
      const error = { code, message };
      this.emit('syncProgress', { accountId, state: 'failed', fetched: 0, total: null, error });
      account.summary = { ...account.summary, lastSyncError: error };
      this.emit('accountsChanged', this.summaries());
      return { accountId, ok: false, mode: null, friendCount, syncedAt: null, error };
    };
    if (!this.online) return fail('E_OFFLINE', 'Network unreachable.');
    if (account.summary.status === 'needs_reconnect') return fail('E_GRANT_REVOKED', 'The grant was revoked.');
    const steps = 5;
    for (let step = 0; step <= steps; step += 1) {
      this.emit('syncProgress', { accountId, state: 'running', fetched: Math.round((friendCount * step) / steps), total: friendCount, error: null });
      await sleep(this.options.syncStepMs ?? 400);
    }
    const syncedAt = this.now();
    account.summary = { ...account.summary, lastSyncedAt: syncedAt, lastSyncError: null };
    this.emit('syncProgress', { accountId, state: 'done', fetched: friendCount, total: friendCount, error: null });
    this.emit('accountsChanged', this.summaries());
    return { accountId, ok: true, mode: 'incremental', friendCount, syncedAt, error: null };
  }
}

function outcomeError(outcome: FakeConnectOutcome, provider: ProviderId): KithError | null {
  const who = providerName(provider);
  switch (outcome) {
    case 'deny':
      return new KithError('E_CONSENT_DENIED', `access_denied at ${who}`);
    case 'timeout':
      return new KithError('E_LOGIN_TIMEOUT', 'No redirect within 5 minutes.');
    case 'offline':
      return new KithError('E_OFFLINE', `Could not reach ${who}.`);
    default:
      return null;
  }
}

/** Deterministic friends so screenshots and tests see the same people every time. */
export function makeFriends(accountId: AccountId, provider: ProviderId, count: number, salt = 1): Friend[] {
  const friends: Friend[] = new Array<Friend>(count);
  for (let i = 0; i < count; i += 1) {
    const mix = (i * 2654435761 + salt * 40503) >>> 0;
    const first = FIRST[mix % FIRST.length] ?? 'Ada';
    const last = LAST[(mix >>> 8) % LAST.length] ?? 'Lovelace';
    const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    friends[i] = {
      id: `${accountId}:p${i}`,
      accountId,
      provider,
      name: `${first} ${last}`,
      email: provider === 'google' || i % 3 === 0 ? `${handle}${i}@example.com` : null,
      phone: provider === 'google' && i % 4 === 0 ? `+44 20 7946 ${String(i % 10_000).padStart(4, '0')}` : null,
      avatarUrl: null,
    };
  }
  return friends;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads fake options from the page's query string (`?fake=1&friends=25000&offline=1&weak=1&connect=deny`). */
export function fakeOptionsFromQuery(search: string): FakeKithOptions {
  const params = new URLSearchParams(search);
  const total = Number(params.get('friends') ?? '25000');
  const accounts = params.get('accounts');
  const facebookFriends = Math.min(340, Math.max(0, Math.floor(total / 2)));
  const seed: NonNullable<FakeKithOptions['seed']> =
    accounts === '0'
      ? []
      : [
          { provider: 'google', name: 'Ada Lovelace', email: 'ada@example.com', friends: Math.max(0, total - facebookFriends) },
          {
            provider: 'facebook',
            name: 'Ada Lovelace',
            email: 'ada.fb@example.com',
            friends: facebookFriends,
            friendTotal: 1_212,
            reconnectInDays: 5,
            status: params.has('revoked') ? 'needs_reconnect' : 'active',
          },
        ];
  const connect = params.get('connect');
  return {
    seed,
    online: !params.has('offline'),
    protection: params.has('weak') ? 'weak' : 'strong',
    connectOutcome: connect === 'deny' || connect === 'timeout' || connect === 'offline' || connect === 'wait' ? connect : 'connect',
    listLatencyMs: Number(params.get('latency') ?? '0') || 0,
  };
}
