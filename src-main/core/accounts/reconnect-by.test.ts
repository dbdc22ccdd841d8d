import { expect, it } from 'vitest';
import { computeReconnectBy, GOOGLE_TESTING_REFRESH_LIFETIME_MS } from './reconnect-by';

const base = { accessTokenExpiresAt: 5_000, refreshTokenIssuedAt: 1_000, refreshTokenExpiresAt: null, hasRefreshToken: true, googleAppInTesting: false } as const;
const HOUR = 3_600_000;

it('is the access token expiry when there is no refresh token (Facebook)', () => {
  expect(computeReconnectBy({ ...base, provider: 'facebook', hasRefreshToken: false })).toEqual({ at: 5_000, reason: 'token_expires' });
  expect(computeReconnectBy({ ...base, provider: 'facebook', hasRefreshToken: false, accessTokenExpiresAt: null })).toBeNull();
});

it('is the end Google gave the grant (refresh_token_expires_in): the person chose time-limited access', () => {
  expect(computeReconnectBy({ ...base, provider: 'google', refreshTokenExpiresAt: 1_000 + HOUR })).toEqual({ at: 1_000 + HOUR, reason: 'time_limited' });
  // Even when the app is configured as in Testing: Google's own answer wins over the 7-day guess.
  expect(computeReconnectBy({ ...base, provider: 'google', googleAppInTesting: true, refreshTokenExpiresAt: 1_000 + HOUR })).toEqual({
    at: 1_000 + HOUR,
    reason: 'time_limited',
  });
});

it('reads a Google end at issued + 7 days as the Testing limit when the app is in Testing', () => {
  const at = 1_000 + GOOGLE_TESTING_REFRESH_LIFETIME_MS - 2_000;
  expect(computeReconnectBy({ ...base, provider: 'google', googleAppInTesting: true, refreshTokenExpiresAt: at })).toEqual({ at, reason: 'app_in_testing' });
});

it('falls back to 7 days after the newest refresh token for a Google app in Testing, else no end', () => {
  expect(computeReconnectBy({ ...base, provider: 'google', googleAppInTesting: true })).toEqual({
    at: 1_000 + GOOGLE_TESTING_REFRESH_LIFETIME_MS,
    reason: 'app_in_testing',
  });
  expect(computeReconnectBy({ ...base, provider: 'google' })).toBeNull();
});
