// The reconnect rules, as pure functions: a returning person (same provider +
// subject) updates the existing account rather than adding a duplicate, and
// keeps the stored refresh token when the provider sends none (Google sends one
// only on first consent). The scopes are what the provider said this time, never
// a merge with earlier ones: a person who unticked contacts on Google's granular
// consent screen, or withdrew them since, must not be shown as sharing them.
// (A re-ask keeps earlier grants through Google's include_granted_scopes, and
// Google then says so in `scope`.)
import type { ProviderId } from '../../../src-contract/kith-api';
import type { ProviderIdentity, TokenSet } from '../providers/provider';
import type { AccountRecord } from './account-record';

export function findAccount(records: readonly AccountRecord[], provider: ProviderId, subject: string): AccountRecord | undefined {
  return records.find((r) => r.provider === provider && r.subject === subject);
}

export function mergeTokens(stored: TokenSet | null, fresh: TokenSet): TokenSet {
  const keepsStoredRefreshToken = fresh.refreshToken === null && stored?.refreshToken != null;
  return {
    accessToken: fresh.accessToken,
    accessTokenExpiresAt: fresh.accessTokenExpiresAt,
    refreshToken: fresh.refreshToken ?? stored?.refreshToken ?? null,
    // A new refresh token has only the end the provider gave it; a kept one keeps its own unless the provider restated it.
    refreshTokenExpiresAt: fresh.refreshTokenExpiresAt ?? (keepsStoredRefreshToken ? (stored?.refreshTokenExpiresAt ?? null) : null),
    scopes: [...new Set(fresh.scopes)].sort(),
  };
}

export interface LoginMergeInput {
  existing: AccountRecord | undefined;
  newId: string;
  provider: ProviderId;
  identity: ProviderIdentity;
  tokens: TokenSet;
  /** Whether the login brought a new refresh token (as opposed to keeping the stored one). */
  refreshTokenIssued: boolean;
  now: number;
}

/** The account record after a successful login; `reconnectBy` and `reconnectReason` are filled in by the caller. */
export function recordAfterLogin(input: LoginMergeInput): AccountRecord {
  const { existing, identity, tokens, now } = input;
  return {
    id: existing?.id ?? input.newId,
    provider: input.provider,
    subject: identity.subject,
    displayName: identity.displayName,
    email: identity.email ?? existing?.email ?? null,
    avatarUrl: identity.avatarUrl ?? existing?.avatarUrl ?? null,
    scopes: tokens.scopes,
    status: 'active',
    statusError: null,
    connectedAt: existing?.connectedAt ?? now,
    reconnectBy: null,
    reconnectReason: null,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenIssuedAt: input.refreshTokenIssued ? now : (existing?.refreshTokenIssuedAt ?? null),
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt ?? null,
    lastSyncedAt: existing?.lastSyncedAt ?? null,
    lastSyncError: existing?.lastSyncError ?? null,
    friendCount: existing?.friendCount ?? 0,
    friendTotal: existing?.friendTotal ?? null,
  };
}
