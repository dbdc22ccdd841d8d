// When Kith will lose access unless the person reconnects, so the UI can warn ahead.
import type { ProviderId } from '../../../src-contract/kith-api';

/** Google expires refresh tokens of apps whose consent screen is in "Testing" status after 7 days. */
export const GOOGLE_TESTING_REFRESH_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReconnectInputs {
  provider: ProviderId;
  accessTokenExpiresAt: number | null;
  refreshTokenIssuedAt: number | null;
  hasRefreshToken: boolean;
  googleAppInTesting: boolean;
}

export function computeReconnectBy(inputs: ReconnectInputs): number | null {
  // Without a refresh token (always so for Facebook: extending needs the app secret, which a
  // desktop app cannot keep) access ends when the access token does.
  if (!inputs.hasRefreshToken) return inputs.accessTokenExpiresAt;
  if (inputs.provider === 'google' && inputs.googleAppInTesting && inputs.refreshTokenIssuedAt !== null) {
    return inputs.refreshTokenIssuedAt + GOOGLE_TESTING_REFRESH_LIFETIME_MS;
  }
  return null;
}
