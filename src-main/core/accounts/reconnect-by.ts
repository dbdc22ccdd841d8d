// When Kith will lose access unless the person reconnects, and why, so the UI can warn ahead.
import type { ProviderId, ReconnectReason } from '../../../src-contract/kith-api';
import type { TokenSet } from '../providers/provider';

/** Google expires refresh tokens of apps whose consent screen is in "Testing" status after 7 days. */
export const GOOGLE_TESTING_REFRESH_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** How near a provider-given deadline must be to "issued + 7 days" to be read as the Testing limit rather than the person's choice. */
const TESTING_MATCH_MS = 5 * 60 * 1000;

export interface ReconnectInputs {
  provider: ProviderId;
  accessTokenExpiresAt: number | null;
  refreshTokenIssuedAt: number | null;
  /** When the provider said the refresh token ends (Google's refresh_token_expires_in), or null. */
  refreshTokenExpiresAt: number | null;
  hasRefreshToken: boolean;
  googleAppInTesting: boolean;
}

export interface ReconnectDeadline {
  at: number;
  reason: ReconnectReason;
}

export function computeReconnectBy(inputs: ReconnectInputs): ReconnectDeadline | null {
  // Without a refresh token (always so for Facebook: extending needs the app secret, which a
  // desktop app cannot keep) access ends when the access token does.
  if (!inputs.hasRefreshToken) return inputs.accessTokenExpiresAt === null ? null : { at: inputs.accessTokenExpiresAt, reason: 'token_expires' };
  const testingEnd = inputs.refreshTokenIssuedAt === null ? null : inputs.refreshTokenIssuedAt + GOOGLE_TESTING_REFRESH_LIFETIME_MS;
  // What the provider says wins: Google sends refresh_token_expires_in when the person chose
  // time-based access, and also for an app in "Testing" ("OAuth 2.0 for Mobile & Desktop Apps",
  // token response). The Testing setting only tells the two apart.
  if (inputs.refreshTokenExpiresAt !== null) {
    const isTestingLimit = inputs.googleAppInTesting && testingEnd !== null && Math.abs(inputs.refreshTokenExpiresAt - testingEnd) <= TESTING_MATCH_MS;
    return { at: inputs.refreshTokenExpiresAt, reason: isTestingLimit ? 'app_in_testing' : 'time_limited' };
  }
  // Fallback when Google said nothing: the configured Testing status.
  if (inputs.provider === 'google' && inputs.googleAppInTesting && testingEnd !== null) return { at: testingEnd, reason: 'app_in_testing' };
  return null;
}

/** The record's `reconnectBy` and `reconnectReason` for the account's current tokens. */
export function reconnectFields(
  provider: ProviderId,
  tokens: Pick<TokenSet, 'accessTokenExpiresAt' | 'refreshToken' | 'refreshTokenExpiresAt'>,
  refreshTokenIssuedAt: number | null,
  googleAppInTesting: boolean,
): { reconnectBy: number | null; reconnectReason: ReconnectReason | null } {
  const deadline = computeReconnectBy({
    provider,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenIssuedAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt ?? null,
    hasRefreshToken: tokens.refreshToken !== null,
    googleAppInTesting,
  });
  return { reconnectBy: deadline?.at ?? null, reconnectReason: deadline?.reason ?? null };
}
