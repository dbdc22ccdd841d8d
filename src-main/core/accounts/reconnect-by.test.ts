import { expect, it } from 'vitest';
import { computeReconnectBy, GOOGLE_TESTING_REFRESH_LIFETIME_MS } from './reconnect-by';

const base = { accessTokenExpiresAt: 5_000, refreshTokenIssuedAt: 1_000, hasRefreshToken: true, googleAppInTesting: false } as const;

it('is the access token expiry when there is no refresh token (Facebook)', () => {
  expect(computeReconnectBy({ ...base, provider: 'facebook', hasRefreshToken: false })).toBe(5_000);
  expect(computeReconnectBy({ ...base, provider: 'facebook', hasRefreshToken: false, accessTokenExpiresAt: null })).toBeNull();
});

it('is 7 days after the newest refresh token for a Google app in Testing, else unknown', () => {
  expect(computeReconnectBy({ ...base, provider: 'google', googleAppInTesting: true })).toBe(1_000 + GOOGLE_TESTING_REFRESH_LIFETIME_MS);
  expect(computeReconnectBy({ ...base, provider: 'google' })).toBeNull();
});
