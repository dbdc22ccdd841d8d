// A KithApi with a little of the product's behaviour, for the renderer's store
// tests: seeded accounts and friends (search, paging), sign-ins that end as
// the test says, sync progress events, and a disconnect that queues its
// revocation while offline. It is the contract suite's stub
// (src-contract/testing/stub-kith-api.ts) with its answers scripted, reached
// through the contract's client and in-process transport, so every answer
// and event it gives is checked against the contract's schemas and a model
// that drifts from the contract fails its tests.
import { createKithClient } from '../../src-contract/client';
import { createInMemoryTransport } from '../../src-contract/in-memory-transport';
import {
  KithError,
  type AccountId,
  type AccountSummary,
  type DisconnectReceipt,
  type KithApi,
  type KithErrorCode,
  type KithEventName,
  type KithEventPayload,
  type KithMethodName,
  type KithMethodOutput,
  type KithMethodParsedInput,
  type PendingRevocation,
  type ProviderId,
  type SyncResult,
} from '../../src-contract/kith-api';
import { createFakeKithApi, openVaultSamples } from '../../src-contract/testing/stub-kith-api';
import { providerName } from '../../src-contract/provider-names';
import { exportScriptedFriends, getScriptedFriend, listScriptedFriends, makeEntries, type ScriptedEntry } from './scripted-friends';
import { createScriptedTokens } from './scripted-tokens';

/** How the next sign-in ends ('wait': until cancelled). */
export type ScriptedConnectOutcome = 'connect' | 'deny' | 'timeout' | 'offline' | 'wait';

export interface ScriptedKithOptions {
  /** Accounts present from the start, with this many friends each. */
  seed?: {
    provider: ProviderId;
    name: string;
    email: string;
    friends: number;
    friendTotal?: number;
    /** The person did not share their contacts / friends (the account's missingPermissions). */
    friendsDeclined?: boolean;
    /** Not synced yet (lastSyncedAt null). */
    neverSynced?: boolean;
  }[];
  online?: boolean;
  connectOutcome?: ScriptedConnectOutcome;
  /** Time between loginStarted and the outcome. */
  connectDelayMs?: number;
  /** Time per sync step. */
  syncStepMs?: number;
  now?: () => number;
  /** Whether dataFolder.open manages to open the folder (default true). */
  opensFolders?: boolean;
}

export interface ScriptedKith extends KithApi {
  /** The machine goes on- or offline; queued revocations then complete. */
  setOnline(online: boolean): void;
  /** The grant is revoked at the provider: the account needs reconnecting and its syncs fail so. */
  revokeGrant(accountId: AccountId): void;
  /** How the next sign-in ends. */
  connectOutcome: ScriptedConnectOutcome;
  /** What the page told Kith about its network (connectivity.report), in order. */
  readonly networkReports: readonly boolean[];
}

const DAY = 86_400_000;

const defaultSeed: NonNullable<ScriptedKithOptions['seed']> = [
  { provider: 'google', name: 'Ada Lovelace', email: 'ada@example.com', friends: 300 },
  { provider: 'facebook', name: 'Ada Lovelace', email: 'ada.fb@example.com', friends: 40, friendTotal: 120 },
];

interface ScriptedAccount {
  summary: AccountSummary;
  /** The account's entries (scripted-friends.ts). */
  entries: ScriptedEntry[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function outcomeError(outcome: ScriptedConnectOutcome, provider: ProviderId): KithError | null {
  const who = providerName(provider);
  if (outcome === 'deny') return new KithError('E_CONSENT_DENIED', `access_denied at ${who}`);
  if (outcome === 'timeout') return new KithError('E_LOGIN_TIMEOUT', 'No redirect within 5 minutes.');
  if (outcome === 'offline') return new KithError('E_OFFLINE', `Could not reach ${who}.`);
  return null;
}

type Answers = { [M in KithMethodName]: (input: KithMethodParsedInput<M>) => KithMethodOutput<M> | Promise<KithMethodOutput<M>> };

export function createScriptedKith(options: ScriptedKithOptions = {}): ScriptedKith {
  const stub = createFakeKithApi();
  const now = options.now ?? Date.now;
  const accounts = new Map<AccountId, ScriptedAccount>();
  let online = options.online ?? true;
  let connectOutcome: ScriptedConnectOutcome = options.connectOutcome ?? 'connect';
  let pending: PendingRevocation[] = [];
  let receipts: DisconnectReceipt[] = [];
  let receiptSeq = 0;
  let notificationsEnabled = true;
  const reports: boolean[] = [];
  let accountSeq = 0;
  let loginSeq = 0;
  let login: { loginId: string; finish: (error: KithError | null) => void } | null = null;

  const emit = <E extends KithEventName>(event: E, payload: KithEventPayload<E>) => stub.emit(event, payload);
  const summaries = () => [...accounts.values()].map((a) => a.summary);
  const friendsScope = () => ({ accounts: [...accounts.values()].map((a) => ({ summary: a.summary, entries: a.entries })) });
  const requireAccount = (accountId: AccountId) => {
    const account = accounts.get(accountId);
    if (!account) throw new KithError('E_UNKNOWN_ACCOUNT', 'No such account.');
    return account;
  };

  function addAccount(provider: ProviderId, name: string, email: string, friendCount: number, friendTotal: number | null): ScriptedAccount {
    accountSeq += 1;
    const id = `acc_fake${String(accountSeq).padStart(4, '0')}`;
    const account: ScriptedAccount = {
      summary: {
        id,
        provider,
        displayName: name,
        email,
        avatarUrl: null,
        status: 'active',
        statusError: null,
        reconnectBy: provider === 'facebook' ? now() + 60 * DAY : null,
        reconnectReason: provider === 'facebook' ? 'token_expires' : null,
        scopes: [],
        missingPermissions: [],
        connectedAt: now(),
        lastSyncedAt: null,
        lastSyncError: null,
        friendCount,
        friendTotal,
      },
      entries: [],
    };
    account.entries = makeEntries(account.summary, friendCount, accountSeq);
    accounts.set(id, account);
    return account;
  }

  async function syncAccount(account: ScriptedAccount): Promise<SyncResult> {
    const { id: accountId, friendCount } = account.summary;
    const fail = (code: KithErrorCode, message: string): SyncResult => {
      const error = { code, message };
      emit('syncProgress', { accountId, state: 'failed', fetched: 0, total: null, error });
      account.summary = { ...account.summary, lastSyncError: error };
      emit('accountsChanged', summaries());
      return { accountId, ok: false, mode: null, friendCount, syncedAt: null, error };
    };
    if (!online) return fail('E_OFFLINE', 'Network unreachable.');
    if (account.summary.status === 'needs_reconnect') return fail('E_GRANT_REVOKED', 'The grant was revoked.');
    for (let step = 0; step <= 5; step += 1) {
      emit('syncProgress', { accountId, state: 'running', fetched: Math.round((friendCount * step) / 5), total: friendCount, error: null });
      await sleep(options.syncStepMs ?? 0);
    }
    const syncedAt = now();
    account.summary = { ...account.summary, lastSyncedAt: syncedAt, lastSyncError: null };
    emit('syncProgress', { accountId, state: 'done', fetched: friendCount, total: friendCount, error: null });
    emit('accountsChanged', summaries());
    return { accountId, ok: true, mode: 'incremental', friendCount, syncedAt, error: null };
  }

  function connect(provider: ProviderId): Promise<AccountSummary> {
    if (login) return Promise.reject(new KithError('E_LOGIN_IN_PROGRESS', 'A sign-in is already in progress.'));
    loginSeq += 1;
    const loginId = `login_${loginSeq}`;
    // Facebook signs in with Login for Devices, as the core does by default: a code to confirm.
    const userCode = `KITH${String(loginSeq).padStart(4, '0')}`;
    const authUrl =
      provider === 'google' ? `https://accounts.google.com/o/oauth2/v2/auth?client_id=kith-test&login=${loginId}` : `https://www.facebook.com/device?user_code=${userCode}`;
    const device = provider === 'facebook' ? { device: { userCode, verificationUri: 'https://www.facebook.com/device' } } : {};
    const outcome = connectOutcome;
    return new Promise<AccountSummary>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (error: KithError | null) => {
        if (login?.loginId !== loginId) return;
        clearTimeout(timer);
        login = null;
        if (error) {
          const ended = error.code === 'E_LOGIN_CANCELLED' ? 'cancelled' : 'failed';
          emit('loginEnded', { loginId, provider, outcome: ended, accountId: null, error: error.toJSON() });
          reject(error);
          return;
        }
        // A returning person updates their account, as the core does.
        const account =
          [...accounts.values()].find((a) => a.summary.provider === provider) ??
          addAccount(provider, 'Grace Hopper', provider === 'google' ? 'grace@example.com' : 'grace.fb@example.com', 150, null);
        account.summary = { ...account.summary, status: 'active', statusError: null };
        emit('loginEnded', { loginId, provider, outcome: 'connected', accountId: account.summary.id, error: null });
        emit('accountsChanged', summaries());
        resolve(account.summary);
        void syncAccount(account);
      };
      login = { loginId, finish };
      emit('loginStarted', { loginId, provider, authUrl, expiresAt: now() + 5 * 60_000, ...device });
      if (outcome !== 'wait') timer = setTimeout(() => finish(outcomeError(outcome, provider)), options.connectDelayMs ?? 0);
    });
  }

  const scriptTokens = createScriptedTokens(now);
  const answers: Answers = {
    ...scriptTokens.answers,
    'accounts.list': () => summaries(),
    'accounts.connect': ({ provider }) => connect(provider),
    // The same person always answers here: a reconnect is a connect that keeps the account.
    'accounts.reconnect': async ({ accountId }) => ({ outcome: 'connected', account: await connect(requireAccount(accountId).summary.provider) }),
    'accounts.requestPermission': async ({ accountId }) => {
      const account = requireAccount(accountId);
      await connect(account.summary.provider);
      account.summary = { ...account.summary, missingPermissions: [] };
      emit('accountsChanged', summaries());
      return { outcome: 'connected', account: account.summary };
    },
    'accounts.resolveOtherPerson': () => {
      throw new KithError('E_UNKNOWN_ACCOUNT', 'No sign-in is waiting for a choice.');
    },
    'accounts.cancelConnect': ({ loginId }) => {
      if (login && (loginId === undefined || loginId === login.loginId)) login.finish(new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.'));
      return null;
    },
    'accounts.disconnect': ({ accountId }) => {
      const { summary } = requireAccount(accountId);
      accounts.delete(accountId);
      emit('accountsChanged', summaries());
      addReceipt('account', [summary]);
      if (online) return { accountId, revocation: 'revoked' };
      const lastError = `Could not reach ${providerName(summary.provider)}.`;
      const queued = { id: `rev_${accountId}`, provider: summary.provider, accountLabel: summary.email ?? summary.displayName, queuedAt: now(), attempts: 1, lastError, nextAttemptAt: now() + 30_000 };
      pending = [...pending, queued];
      emit('revocationsChanged', pending);
      return { accountId, revocation: 'queued' };
    },
    'friends.list': (q) => {
      if (q.accountId) requireAccount(q.accountId);
      return listScriptedFriends(friendsScope(), q);
    },
    'friends.get': (q) => getScriptedFriend(friendsScope(), q),
    'friends.export': (q) => {
      if (q.accountId) requireAccount(q.accountId);
      return exportScriptedFriends(friendsScope(), q);
    },
    'accounts.planDisconnectEverywhere': () => ({
      accounts: summaries().map((a) => ({ accountId: a.id, provider: a.provider, displayName: a.displayName, email: a.email, cachedFriends: a.friendCount })),
      scriptTokens: [{ name: 'backup script', expiresAt: now() + 20 * DAY }],
      sessions: 1,
    }),
    'accounts.disconnectEverywhere': () => {
      const gone = summaries();
      accounts.clear();
      emit('accountsChanged', []);
      if (!online) {
        pending = [
          ...pending,
          ...gone.map((a) => ({ id: `rev_${a.id}`, provider: a.provider, accountLabel: a.email ?? a.displayName, queuedAt: now(), attempts: 1, lastError: 'offline', nextAttemptAt: now() + 30_000 })),
        ];
        emit('revocationsChanged', pending);
      }
      return addReceipt('everywhere', gone);
    },
    'sync.run': ({ accountId }) => {
      const targets = [...accounts.values()].filter((a) => !accountId || a.summary.id === accountId);
      if (accountId && targets.length === 0) throw new KithError('E_UNKNOWN_ACCOUNT', 'No such account.');
      return Promise.all(targets.map(syncAccount));
    },
    'history.list': () => receipts,
    'history.dismiss': ({ receiptId }) => {
      const receipt = receipts.find((r) => r.id === receiptId);
      if (!receipt) throw new KithError('E_INVALID_INPUT', 'There is no such receipt.');
      if (!receipt.settled) throw new KithError('E_INVALID_INPUT', 'This receipt still has a revocation waiting for its provider.');
      receipts = receipts.filter((r) => r.id !== receiptId);
      emit('historyChanged', receipts);
      return null;
    },
    'history.retry': ({ receiptId }) => {
      const receipt = receipts.find((r) => r.id === receiptId);
      if (!receipt) throw new KithError('E_INVALID_INPUT', 'There is no such receipt.');
      if (online) confirmPending();
      return receipts.find((r) => r.id === receiptId)!;
    },
    'notifications.get': () => ({ enabled: notificationsEnabled }),
    'notifications.set': ({ enabled }) => {
      notificationsEnabled = enabled;
      return { enabled };
    },
    'status.get': () => ({
      protection: { level: 'strong', backend: 'OS keyring', advice: null },
      dataDir: '/home/ada/.local/share/kith',
      online,
      pendingRevocations: pending,
      storageProblems: [],
      vault: { state: 'open', reason: null, message: null, canUnlock: false, protector: 'keyring' },
      shell: 'host',
      version: '0.0.0-test',
    }),
    'connectivity.report': ({ online: seen }) => {
      reports.push(seen);
      return null;
    },
    'dataFolder.open': () => ({ opened: options.opensFolders ?? true }),
    'status.dismissProblem': () => answers['status.get']({}),
    ...openVaultSamples,
    'links.openContact': () => null,
  };
  function addReceipt(scope: DisconnectReceipt['scope'], gone: readonly AccountSummary[]): DisconnectReceipt {
    receiptSeq += 1;
    const revocation = online
      ? { state: 'confirmed' as const, settledAt: now(), attempts: 0, nextAttemptAt: null, problem: null }
      : { state: 'pending' as const, settledAt: null, attempts: 1, nextAttemptAt: now() + 30_000, problem: 'E_OFFLINE' as const };
    const receipt: DisconnectReceipt = {
      id: `rcpt_${String(receiptSeq).padStart(8, '0')}`,
      scope,
      disconnectedAt: now(),
      accounts: gone.map(({ id, provider, displayName, email, friendCount }) => ({ accountId: id, provider, displayName, email, deleted: { tokens: true, cachedFriends: friendCount }, revocation })),
      scriptTokensEnded: scope === 'everywhere' ? ['backup script'] : [],
      sessionsEnded: scope === 'everywhere' ? 1 : 0,
      settled: online || gone.length === 0,
    };
    receipts = [receipt, ...receipts];
    emit('historyChanged', receipts);
    return receipt;
  }

  /** The provider answers: every pending revocation is confirmed, and its receipt says so. */
  function confirmPending() {
    if (pending.length === 0) return;
    pending = [];
    emit('revocationsChanged', pending);
    receipts = receipts.map((r) => {
      if (r.settled) return r;
      const confirmed = r.accounts.map((a) =>
        a.revocation.state === 'pending' ? { ...a, revocation: { ...a.revocation, state: 'confirmed' as const, settledAt: now(), nextAttemptAt: null, problem: null } } : a,
      );
      return { ...r, accounts: confirmed, settled: true };
    });
    emit('historyChanged', receipts);
  }

  for (const method of Object.keys(answers) as KithMethodName[]) stub.answer(method, answers[method] as (input: unknown) => unknown);

  for (const seed of options.seed ?? defaultSeed) {
    const account = addAccount(seed.provider, seed.name, seed.email, seed.friends, seed.friendTotal ?? null);
    account.summary = {
      ...account.summary,
      lastSyncedAt: seed.neverSynced ? null : now() - 42 * 60_000,
      ...(seed.friendsDeclined ? { missingPermissions: ['friends' as const] } : {}),
    };
    if (seed.neverSynced || seed.friendsDeclined) {
      account.entries = [];
      account.summary = { ...account.summary, friendCount: 0 };
    }
  }

  // Whatever the contract's checks withhold fails the test at once instead of vanishing.
  const broke = (what: string) => {
    throw new Error(`the scripted KithApi broke the contract: ${what}`);
  };
  const client = createKithClient(createInMemoryTransport(stub, { log: { error: (message, data) => broke(`${message} ${JSON.stringify(data)}`) } }), {
    onInvalidEvent: (event, error) => broke(`${event}: ${error.message}`),
  });
  return {
    ...client,
    networkReports: reports,
    get connectOutcome() {
      return connectOutcome;
    },
    set connectOutcome(next) {
      connectOutcome = next;
    },
    revokeGrant(accountId) {
      const account = requireAccount(accountId);
      account.summary = { ...account.summary, status: 'needs_reconnect', statusError: { code: 'E_GRANT_REVOKED', message: 'The grant was revoked at the provider.' } };
      emit('accountsChanged', summaries());
    },
    setOnline(next) {
      if (next === online) return;
      online = next;
      emit('connectivity', { online });
      if (online) confirmPending();
    },
  };
}
