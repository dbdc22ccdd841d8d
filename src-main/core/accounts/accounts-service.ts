// Connecting accounts: one login at a time (a second gets E_LOGIN_IN_PROGRESS),
// cancellable; the result is matched to an existing account by provider +
// subject so a returning person never becomes a duplicate.
import { KithError, type AccountSummary, type ProviderId } from '../../../src-contract/kith-api';
import { toCoreError } from '../api/core-error';
import type { EventHub } from '../api/event-hub';
import type { Clock, Logger } from '../ports';
import type { TokenSet } from '../providers/provider';
import type { AccountRecord } from './account-record';
import { newAccountId } from './account-id';
import { toAccountSummary, type AccountRepository } from './account-repository';
import type { LoginRunner } from './login-runner';
import { findAccount, mergeTokens, recordAfterLogin } from './merge-login';
import { providerFor, type ProviderRegistry } from './provider-registry';
import type { ProviderTokens } from './provider-tokens';
import { computeReconnectBy } from './reconnect-by';
import type { TokenStore } from './token-store';

export interface AccountsServiceDeps {
  repo: AccountRepository;
  vault: TokenStore;
  providers: ProviderRegistry;
  tokens: ProviderTokens;
  runLogin: LoginRunner;
  events: EventHub;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  log: Logger;
  googleAppInTesting: boolean;
  /** Called before a person's new tokens are stored (the revocation queue forgets a queued revocation of their old grant). */
  onReconnect?(provider: ProviderId, subject: string): Promise<void>;
  /**
   * Holds the provider's revocations for the whole login (the revocation queue's hold):
   * resolves once none is on the wire, with the function that lets them go on. A
   * revocation landing after the code exchange would end the new grant too (Google).
   */
  holdRevocations?(provider: ProviderId): Promise<() => void>;
  /**
   * Revokes the tokens of a login that was cancelled or timed out after the provider had
   * already issued them (the revocation queue: sealed, retried until the provider confirms).
   */
  revokeAbandoned?(item: { provider: ProviderId; subject: string; accountLabel: string; tokens: TokenSet }): Promise<void>;
  /** Called after an account was connected (the core syncs it in the background). */
  onConnected?(record: AccountRecord): void;
}

export interface AccountsService {
  list(): Promise<AccountSummary[]>;
  connect(provider: ProviderId): Promise<AccountSummary>;
  /** Cancels the login in progress (or only the named one). */
  cancel(loginId?: string): void;
  /** The login in progress, if any. */
  readonly activeLogin: { loginId: string; provider: ProviderId } | null;
  /** Announces the current list as `accountsChanged`. */
  announce(): Promise<void>;
  close(): void;
}

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  let login: { loginId: string; provider: ProviderId; controller: AbortController } | null = null;
  // Reads finish out of order (the store is read fresh each time); a list read before a
  // later change must never be announced after the list that has the change.
  let started = 0;
  let announced = 0;

  // A list answer and an event travel on different channels (HTTP and SSE, IPC invoke and
  // send) and may arrive out of order; the renderer drops a list answer that an event overtook.
  async function summaries(): Promise<AccountSummary[]> {
    return (await deps.tokens.expireLapsed()).map(toAccountSummary);
  }

  async function announce() {
    const turn = ++started;
    const list = (await deps.repo.all()).map(toAccountSummary);
    if (turn < announced) return;
    announced = turn;
    deps.events.emit('accountsChanged', list);
  }

  async function store(provider: ProviderId, fresh: TokenSet, identity: { subject: string; displayName: string; email: string | null; avatarUrl: string | null }) {
    const existing = findAccount(await deps.repo.all(), provider, identity.subject);
    await deps.onReconnect?.(provider, identity.subject);
    const stored = existing ? await deps.vault.get(existing.id) : null;
    const tokens = mergeTokens(stored, fresh);
    const base = recordAfterLogin({
      existing,
      newId: newAccountId(deps.randomBytes),
      provider,
      identity,
      tokens,
      refreshTokenIssued: fresh.refreshToken !== null,
      now: deps.clock.now(),
    });
    const record: AccountRecord = {
      ...base,
      reconnectBy: computeReconnectBy({
        provider,
        accessTokenExpiresAt: tokens.accessTokenExpiresAt,
        refreshTokenIssuedAt: base.refreshTokenIssuedAt,
        hasRefreshToken: tokens.refreshToken !== null,
        googleAppInTesting: deps.googleAppInTesting,
      }),
    };
    // Tokens first: a record without tokens would show an account that cannot work.
    await deps.vault.put(record.id, tokens);
    await deps.repo.put(record);
    return record;
  }

  // Tokens of a login the person cancelled (or that timed out) once the provider had issued
  // them: Kith must not keep a grant the person was told did not happen. But when Kith already
  // holds this person's account, the new tokens belong to that same grant (Google; Facebook's
  // permissions are per app and user too) and revoking them would end the existing account.
  async function abandon(provider: ProviderId, late: { tokens: TokenSet; identity: { subject: string; displayName: string; email: string | null } }) {
    try {
      if (findAccount(await deps.repo.all(), provider, late.identity.subject)) {
        deps.log.info('sign-in ended after the provider answered; the account is already connected, so the new tokens are dropped', { provider });
        return;
      }
      if (!deps.revokeAbandoned) {
        deps.log.warn('sign-in ended after the provider answered; nothing can revoke the new tokens', { provider });
        return;
      }
      await deps.revokeAbandoned({ provider, subject: late.identity.subject, accountLabel: late.identity.email ?? late.identity.displayName, tokens: late.tokens });
      deps.log.info('sign-in ended after the provider answered; the new tokens are being revoked', { provider });
    } catch (error) {
      // The person's outcome stays "cancelled"/"timed out"; this only loses the revocation.
      deps.log.error('could not queue the revocation of an ended sign-in', { provider, code: toCoreError(error).code });
    }
  }

  return {
    list: summaries,
    announce,
    get activeLogin() {
      return login ? { loginId: login.loginId, provider: login.provider } : null;
    },
    async connect(providerId) {
      if (login) throw new KithError('E_LOGIN_IN_PROGRESS', 'A sign-in is already in progress; finish or cancel it first.');
      const provider = providerFor(deps.providers, providerId);
      const loginId = `login_${Buffer.from(deps.randomBytes(9)).toString('base64url')}`;
      const current = { loginId, provider: providerId, controller: new AbortController() };
      login = current;
      // Taken before the browser opens and released only after store() has forgotten the
      // person's queued revocations, on every path (connected, denied, timed out, cancelled).
      const holding = deps.holdRevocations?.(providerId) ?? Promise.resolve(() => {});
      try {
        await untilAborted(holding, current.controller.signal);
        const result = await deps.runLogin({
          provider,
          signal: current.controller.signal,
          onStarted: (info) => deps.events.emit('loginStarted', { loginId, provider: providerId, authUrl: info.authUrl, expiresAt: info.expiresAt }),
          onAbandoned: (late) => abandon(providerId, late),
        });
        if (current.controller.signal.aborted) {
          // Cancelled in the instant between the exchange and here: the tokens exist all the same.
          await abandon(providerId, result);
          throw new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.');
        }
        const record = await store(providerId, result.tokens, result.identity);
        deps.log.info('account connected', { accountId: record.id, provider: providerId });
        deps.events.emit('loginEnded', { loginId, provider: providerId, outcome: 'connected', accountId: record.id, error: null });
        await announce();
        deps.onConnected?.(record);
        return toAccountSummary(record);
      } catch (thrown) {
        const error = current.controller.signal.aborted ? new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.') : toCoreError(thrown);
        deps.events.emit('loginEnded', {
          loginId,
          provider: providerId,
          outcome: error.code === 'E_LOGIN_CANCELLED' ? 'cancelled' : 'failed',
          accountId: null,
          error: error.toJSON(),
        });
        throw error;
      } finally {
        if (login === current) login = null;
        void holding.then(
          (release) => release(),
          () => {},
        );
      }
    },
    cancel(loginId) {
      if (login && (loginId === undefined || loginId === login.loginId)) login.controller.abort();
    },
    close() {
      login?.controller.abort();
    },
  };
}

/** Waits for `promise`, or rejects with E_LOGIN_CANCELLED as soon as the login is cancelled. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.'));
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
