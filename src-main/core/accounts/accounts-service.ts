// Connecting accounts: one login at a time (a second gets E_LOGIN_IN_PROGRESS),
// cancellable; the result is matched to an existing account by provider +
// subject so a returning person never becomes a duplicate. Reconnecting an
// account (or asking its person again for a permission) names that person to
// the provider and checks that they are the one who signed in: anyone else's
// sign-in is held for the person to choose about (held-sign-ins.ts), never
// stored on its own.
import { KithError, type AccountSummary, type Permission, type ProviderId, type ReconnectResult } from '../../../src-contract/kith-api';
import { hasCode, internalError } from '../../../src-contract/errors';
import { toCoreError } from '../api/core-error';
import type { EventHub } from '../api/event-hub';
import { realScheduler, type Scheduler } from '../api/scheduler';
import type { Clock, Logger } from '../ports';
import type { ProviderIdentity, TokenSet } from '../providers/provider';
import type { AccountRecord } from './account-record';
import { newAccountId } from './account-id';
import { toAccountSummary, type AccountRepository } from './account-repository';
import { createHeldSignIns, otherPersonAnswer, type HeldSignIn } from './held-sign-ins';
import type { LoginRunner } from './login-runner';
import { findAccount, mergeTokens, recordAfterLogin } from './merge-login';
import { providerFor, type ProviderRegistry } from './provider-registry';
import type { ProviderTokens } from './provider-tokens';
import { reconnectFields } from './reconnect-by';
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
  /** Ends sign-ins held for the person's choice when nobody chooses (default: real timers). */
  scheduler?: Scheduler;
  /** How long such a sign-in waits (HELD_SIGN_IN_MS). */
  heldSignInMs?: number;
  /**
   * Rejects with E_VAULT_LOCKED while new tokens could be neither stored nor queued for
   * revocation (both are sealed), so no sign-in starts that would leave a grant Kith forgot.
   */
  assertVaultOpen?(): Promise<void>;
}

export interface AccountsService {
  list(): Promise<AccountSummary[]>;
  connect(provider: ProviderId): Promise<AccountSummary>;
  /** Signs the account's person in again; someone else's sign-in is held, not stored. */
  reconnect(accountId: string, options?: { permission?: Permission }): Promise<ReconnectResult>;
  /** Adds a held sign-in as an account ('add') or drops it ('discard': revoked unless Kith holds that person). */
  resolveOtherPerson(choiceId: string, choice: 'add' | 'discard'): Promise<AccountSummary | null>;
  /** Cancels the login in progress (or only the named one). */
  cancel(loginId?: string): void;
  /** The login in progress, if any. */
  readonly activeLogin: { loginId: string; provider: ProviderId } | null;
  /** Announces the current list as `accountsChanged`. */
  announce(): Promise<void>;
  /** Cancels the login in progress and discards a held sign-in (its revocation is queued before this resolves). */
  close(): Promise<void>;
}

type SignInOutcome = { kind: 'connected'; record: AccountRecord } | { kind: 'other_person'; held: HeldSignIn };

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

  async function store(provider: ProviderId, fresh: TokenSet, identity: ProviderIdentity) {
    const existing = findAccount(await deps.repo.all(), provider, identity.subject);
    await deps.onReconnect?.(provider, identity.subject);
    const stored = existing ? await readableTokens(existing.id) : null;
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
    const record: AccountRecord = { ...base, ...reconnectFields(provider, tokens, base.refreshTokenIssuedAt, deps.googleAppInTesting) };
    // Tokens first: a record without tokens would show an account that cannot work.
    try {
      await deps.vault.put(record.id, tokens);
    } catch (error) {
      // Not stored. When the existing account still holds readable tokens of this grant, it
      // keeps it (revoking would end them too); otherwise Kith holds nothing of the new grant:
      // hand it to the revocation queue, or revoke it now, never just drop it.
      await abandon(provider, { tokens: fresh, identity }, { replacing: stored !== null });
      throw error;
    }
    await deps.repo.put(record);
    return record;
  }

  /**
   * The stored tokens when they can be read; null when they cannot (damaged, sealed with a key
   * Kith no longer has): reconnecting is how the person replaces them, so the fresh tokens win.
   * A locked vault is passed on, since then nothing new could be stored either.
   */
  async function readableTokens(accountId: string): Promise<TokenSet | null> {
    try {
      return await deps.vault.get(accountId);
    } catch (error) {
      if (!hasCode(error, 'E_STORAGE')) throw error;
      deps.log.warn('the saved sign-in could not be read; the new one replaces it', { accountId });
      return null;
    }
  }

  // Tokens of a login the person cancelled (or that timed out) once the provider had issued
  // them: Kith must not keep a grant the person was told did not happen. But when Kith already
  // holds this person's account, the new tokens belong to that same grant (Google; Facebook's
  // permissions are per app and user too) and revoking them would end the existing account.
  async function abandon(
    provider: ProviderId,
    late: { tokens: TokenSet; identity: { subject: string; displayName: string; email: string | null } },
    options: { replacing: boolean } = { replacing: true },
  ) {
    try {
      if (options.replacing && findAccount(await deps.repo.all(), provider, late.identity.subject)) {
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
      // The queue is sealed too (a locked vault): revoke at the provider now, once.
      deps.log.warn('could not queue the revocation of an ended sign-in; revoking it now', { provider, code: toCoreError(error).code });
      try {
        await providerFor(deps.providers, provider).revoke(late.tokens);
      } catch (revokeError) {
        // The person's outcome stays "cancelled"/"timed out"/failed; this only loses the revocation.
        deps.log.error('could not revoke the tokens of an ended sign-in', { provider, code: toCoreError(revokeError).code });
      }
    }
  }

  async function discardHeld(held: HeldSignIn) {
    try {
      await abandon(held.provider, held.result);
    } finally {
      held.release();
    }
  }

  const heldSignIns = createHeldSignIns({
    scheduler: deps.scheduler ?? realScheduler,
    clock: deps.clock,
    randomBytes: deps.randomBytes,
    ...(deps.heldSignInMs !== undefined ? { holdMs: deps.heldSignInMs } : {}),
    onExpired: (held) => {
      deps.log.info('a sign-in by another person was not chosen in time; it is discarded', { provider: held.provider });
      void discardHeld(held);
    },
  });

  /**
   * One login, start to end. With a `target`, the provider is told who is expected (login_hint:
   * the account's subject, which Google takes as well as an email: "OAuth 2.0 for Mobile & Desktop
   * Apps", login_hint) and the answer must come from that person (the verified id_token's `sub`):
   * the person may still pick another account on the consent page.
   */
  async function signIn(providerId: ProviderId, target: { record: AccountRecord; permission?: Permission } | null): Promise<SignInOutcome> {
    if (login) throw new KithError('E_LOGIN_IN_PROGRESS', 'A sign-in is already in progress; finish or cancel it first.');
    const provider = providerFor(deps.providers, providerId);
    const loginId = `login_${Buffer.from(deps.randomBytes(9)).toString('base64url')}`;
    const current = { loginId, provider: providerId, controller: new AbortController() };
    login = current;
    try {
      await deps.assertVaultOpen?.();
    } catch (error) {
      login = null;
      throw error;
    }
    // A sign-in still waiting for a choice is given up: the person has moved on (e.g. "Try again").
    const older = heldSignIns.takeAny();
    if (older) await discardHeld(older);
    // Taken before the browser opens and released only after store() has forgotten the
    // person's queued revocations, on every path (connected, denied, timed out, cancelled),
    // or, for a sign-in held for the person's choice, once they have chosen.
    const holding = deps.holdRevocations?.(providerId) ?? Promise.resolve(() => {});
    let heldFor: HeldSignIn | null = null;
    try {
      await untilAborted(holding, current.controller.signal);
      const result = await deps.runLogin({
        provider,
        signal: current.controller.signal,
        onStarted: (info) =>
          deps.events.emit('loginStarted', { loginId, provider: providerId, authUrl: info.authUrl, expiresAt: info.expiresAt, ...(info.device ? { device: info.device } : {}) }),
        onBrowserFailed: () => {
          // Only while this sign-in is still the one in progress: a late report must not touch the next.
          if (login === current) deps.events.emit('loginBrowserFailed', { loginId, provider: providerId });
        },
        onAbandoned: (late) => abandon(providerId, late),
        ...(target ? { loginHint: target.record.subject } : {}),
        ...(target?.permission ? { permission: target.permission } : {}),
      });
      if (current.controller.signal.aborted) {
        // Cancelled in the instant between the exchange and here: the tokens exist all the same.
        await abandon(providerId, result);
        throw new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.');
      }
      if (target && result.identity.subject !== target.record.subject) {
        const release = await holding;
        heldFor = heldSignIns.hold({ provider: providerId, expected: target.record, result, release });
        deps.log.info('someone other than the account being reconnected signed in; their sign-in waits for a choice', { accountId: target.record.id, provider: providerId });
        deps.events.emit('loginEnded', { loginId, provider: providerId, outcome: 'other_person', accountId: null, error: null });
        return { kind: 'other_person', held: heldFor };
      }
      const record = await store(providerId, result.tokens, result.identity);
      deps.log.info('account connected', { accountId: record.id, provider: providerId });
      deps.events.emit('loginEnded', { loginId, provider: providerId, outcome: 'connected', accountId: record.id, error: null });
      await announce();
      deps.onConnected?.(record);
      return { kind: 'connected', record };
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
      if (!heldFor) {
        void holding.then(
          (release) => release(),
          () => {},
        );
      }
    }
  }

  return {
    list: summaries,
    announce,
    get activeLogin() {
      return login ? { loginId: login.loginId, provider: login.provider } : null;
    },
    async connect(providerId) {
      const outcome = await signIn(providerId, null);
      // Only a reconnect names an expected person, so only a reconnect can be answered by someone else.
      if (outcome.kind !== 'connected') throw internalError();
      return toAccountSummary(outcome.record);
    },
    async reconnect(accountId, options = {}) {
      const record = await deps.repo.get(accountId);
      if (!record) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
      const outcome = await signIn(record.provider, { record, ...(options.permission ? { permission: options.permission } : {}) });
      return outcome.kind === 'connected' ? { outcome: 'connected', account: toAccountSummary(outcome.record) } : otherPersonAnswer(outcome.held);
    },
    async resolveOtherPerson(choiceId, choice) {
      const held = heldSignIns.take(choiceId);
      if (!held) throw new KithError('E_UNKNOWN_ACCOUNT', 'That sign-in is no longer waiting for your choice (it was answered or it expired). Sign in again.');
      try {
        if (choice === 'discard') {
          await abandon(held.provider, held.result);
          return null;
        }
        const record = await store(held.provider, held.result.tokens, held.result.identity);
        deps.log.info('account connected', { accountId: record.id, provider: held.provider });
        await announce();
        deps.onConnected?.(record);
        return toAccountSummary(record);
      } finally {
        held.release();
      }
    },
    cancel(loginId) {
      if (login && (loginId === undefined || loginId === login.loginId)) login.controller.abort();
    },
    async close() {
      login?.controller.abort();
      const held = heldSignIns.takeAny();
      if (held) await discardHeld(held);
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
