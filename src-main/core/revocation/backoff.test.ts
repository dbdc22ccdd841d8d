import { expect, it } from 'vitest';
import { REVOCATION_BACKOFF_MAX_MS, revocationDelay } from './backoff';

it('doubles from 5 seconds and stops growing at 15 minutes', () => {
  expect([1, 2, 3, 4].map(revocationDelay)).toEqual([5_000, 10_000, 20_000, 40_000]);
  expect(revocationDelay(12)).toBe(REVOCATION_BACKOFF_MAX_MS);
  expect(revocationDelay(10_000)).toBe(REVOCATION_BACKOFF_MAX_MS);
});
