// How long to wait before the next revocation attempt: doubling from 5 s,
// capped at 15 minutes, so a provider that is down for hours is still retried
// several times an hour without being hammered.
export const REVOCATION_BACKOFF_BASE_MS = 5_000;
export const REVOCATION_BACKOFF_MAX_MS = 15 * 60_000;

export function revocationDelay(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(REVOCATION_BACKOFF_MAX_MS, REVOCATION_BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
}
