// Access tokens for provider calls. Refreshes ahead of expiry; however many
// callers ask at once there is one refresh in flight per account; a rotated
// refresh token is saved before the new access token is handed out; only the
// newest refresh token is kept and a superseded one is never revoked (Google's
// revocation ends the whole grant, the new token with it).
import { KithError } from '../../../src-contract/kith-api';
import { hasCode } from '../../../src-contract/errors';
import type { Connectivity } from '../friends/connectivity';
import type { Clock, Logger } from '../ports';
import type { TokenSet } from '../providers/provider';
import { providerName } from '../../../src-contract/provider-names';
import type { AccountRecord } from './account-record';
import type { AccountRepository } from './account-repository';
import { mergeTokens } from './merge-login';
import { providerFor, type ProviderRegistry } from './provider-registry';
import { reconnectFields } from './reconnect-by';
import type { TokenStore } from './token-store';

/** Refresh this long before expiry, so a token never lapses mid-request (and clock skew is absorbed). */
export const REFRESH_SKEW_MS = 5 * 60 * 1000;

export interface ProviderTokensDeps {
  repo: AccountRepository;
  vault: TokenStore;
  providers: ProviderRegistry;
  clock: Clock;
  log: Logger;
  connectivity: Connectivity;
  googleAppInTesting: boolean;
  /** Called after an account record changed (status, expiry), to announce it. */
  onAccountChanged(): void;
  refreshSkewMs?: number;
}

export interface ProviderTokens {
  /**
   * A usable access token for the account; rejects with E_UNKNOWN_ACCOUNT, E_NEEDS_RECONNECT, E_GRANT_REVOKED, E_OFFLINE...
   * `rejected`: the provider refused this access token before its expiry (revoked server-side, clock skew): refresh
   * now, unless another caller already replaced it.
   */
  accessToken(accountId: string, options?: { rejected?: string }): Promise<string>;
  /** Records that the provider no longer honours the grant; the cached friends stay readable. */
  markNeedsReconnect(accountId: string, error: KithError): Promise<void>;
  /**
   * Turns accounts whose access has lapsed (Facebook token expiry, Google Testing refresh token) into "needs reconnect";
   * resolves with the accounts as they now are (read again only when one changed).
   */
  expireLapsed(): Promise<AccountRecord[]>;
}

export function createProviderTokens(deps: ProviderTokensDeps): ProviderTokens {
  const skew = deps.refreshSkewMs ?? REFRESH_SKEW_MS;
  const inFlight = new Map<string, Promise<string>>();
  const label = (r: AccountRecord) => `${providerName(r.provider)} account ${r.email ?? r.displayName}`;

  const isFresh = (t: TokenSet, now: number) => t.accessTokenExpiresAt === null || t.accessTokenExpiresAt - skew > now;

  async function markNeedsReconnect(accountId: string, error: KithError) {
    const updated = await deps.repo.update(accountId, (r) =>
      r.status === 'needs_reconnect' && r.statusError?.code === error.code ? r : { ...r, status: 'needs_reconnect', statusError: error.toJSON() },
    );
    if (updated) {
      deps.log.warn('account needs reconnecting', { accountId, code: error.code });
      deps.onAccountChanged();
    }
  }

  async function requireActive(accountId: string): Promise<AccountRecord> {
    const record = await deps.repo.get(accountId);
    if (!record) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
    if (record.status === 'needs_reconnect') {
      throw new KithError('E_NEEDS_RECONNECT', `The ${label(record)} needs reconnecting: ${record.statusError?.message ?? 'Kith lost access.'}`);
    }
    return record;
  }

  async function lapsed(record: AccountRecord, why: string): Promise<never> {
    const error = new KithError('E_NEEDS_RECONNECT', `Kith's access to the ${label(record)} ${why}; reconnect it.`);
    await markNeedsReconnect(record.id, error);
    throw error;
  }

  async function refresh(record: AccountRecord, rejected: string | undefined): Promise<string> {
    // Read again inside the single flight: a refresh that just finished may already have saved fresh tokens.
    const tokens = await deps.vault.get(record.id);
    if (!tokens) return lapsed(record, 'is gone (no tokens are stored)');
    const refused = rejected !== undefined && tokens.accessToken === rejected;
    if (!refused && isFresh(tokens, deps.clock.now())) return tokens.accessToken;
    if (!tokens.refreshToken) {
      if (refused) throw new KithError('E_GRANT_REVOKED', `The provider no longer accepts Kith's access to the ${label(record)}.`);
      if ((tokens.accessTokenExpiresAt ?? 0) > deps.clock.now()) return tokens.accessToken;
      return lapsed(record, 'has expired');
    }
    const provider = providerFor(deps.providers, record.provider);
    let renewed: TokenSet;
    try {
      renewed = await deps.connectivity.track(() => provider.refresh(tokens));
    } catch (error) {
      if (hasCode(error, 'E_GRANT_REVOKED', 'E_NEEDS_RECONNECT')) {
        await markNeedsReconnect(record.id, error as KithError);
        throw error;
      }
      // Offline or the provider is failing: the current token still works until it expires.
      if (!refused && (tokens.accessTokenExpiresAt ?? 0) > deps.clock.now()) return tokens.accessToken;
      throw error;
    }
    const merged = mergeTokens(tokens, renewed);
    const rotated = renewed.refreshToken !== null && renewed.refreshToken !== tokens.refreshToken;
    // Disconnected while the refresh was on the wire: store nothing for an account that is gone.
    if (!(await deps.repo.get(record.id))) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${record.id}.`);
    // Saved before the access token is handed out, so a rotated refresh token is never lost.
    await deps.vault.put(record.id, merged);
    const now = deps.clock.now();
    const updated = await deps.repo.update(record.id, (r) => {
      const refreshTokenIssuedAt = rotated ? now : r.refreshTokenIssuedAt;
      return {
        ...r,
        // What the provider says the refresh token covers now (Google answers with its own scopes).
        scopes: merged.scopes,
        accessTokenExpiresAt: merged.accessTokenExpiresAt,
        refreshTokenIssuedAt,
        refreshTokenExpiresAt: merged.refreshTokenExpiresAt ?? null,
        ...reconnectFields(r.provider, merged, refreshTokenIssuedAt, deps.googleAppInTesting),
      };
    });
    if (!updated) {
      await deps.vault.delete(record.id);
      throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${record.id}.`);
    }
    return merged.accessToken;
  }

  return {
    markNeedsReconnect,
    async accessToken(accountId, options = {}) {
      const pending = inFlight.get(accountId);
      if (pending) return pending;
      const record = await requireActive(accountId);
      const tokens = await deps.vault.get(accountId);
      if (!tokens) return lapsed(record, 'is gone (no tokens are stored)');
      if (tokens.accessToken !== options.rejected && isFresh(tokens, deps.clock.now())) return tokens.accessToken;
      const again = inFlight.get(accountId);
      if (again) return again;
      const flight = refresh(record, options.rejected).finally(() => inFlight.delete(accountId));
      inFlight.set(accountId, flight);
      return flight;
    },
    async expireLapsed() {
      const now = deps.clock.now();
      const records = await deps.repo.all();
      let changed = false;
      for (const record of records) {
        if (record.status === 'active' && record.reconnectBy !== null && record.reconnectBy <= now) {
          await markNeedsReconnect(
            record.id,
            new KithError('E_NEEDS_RECONNECT', `Kith's access to the ${label(record)} has expired; reconnect it.`),
          );
          changed = true;
        }
      }
      return changed ? deps.repo.all() : records;
    },
  };
}
