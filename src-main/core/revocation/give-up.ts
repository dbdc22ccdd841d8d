// When a queued revocation has failed for good. Kith retries a revocation the
// provider could not be reached for as long as it takes: being offline says
// nothing about the grant. But a provider that answers, again and again, with
// a refusal or a failure will not change its mind on a timer: Google's revoke
// endpoint answers 200 once it revoked and 400 with an error code otherwise
// (developers.google.com/identity/protocols/oauth2, "Revoking a token"), and
// Graph answers a successful DELETE /me/permissions with true
// (developers.facebook.com/docs/graph-api/reference/user/permissions,
// "Revoking Permissions"); anything else is the provider saying no. After a day of such answers Kith stops,
// says so in the receipt and tells the person where to remove Kith themselves.
import type { KithErrorCode } from '../../../src-contract/kith-api';

/** Answered failures (not network failures) before Kith gives up: about 3 hours of backoff capped at 15 minutes. */
export const GIVE_UP_AFTER_ANSWERED_FAILURES = 20;
/** ...and never within the first day, so a provider's bad afternoon is outlasted. */
export const GIVE_UP_NOT_BEFORE_MS = 24 * 60 * 60_000;

/** Whether a failure is the provider answering (it counts towards giving up) rather than the network. */
export function isAnsweredFailure(code: KithErrorCode): boolean {
  return code !== 'E_OFFLINE' && code !== 'E_RATE_LIMITED';
}

export function givesUp(entry: { queuedAt: number; answeredFailures: number }, now: number): boolean {
  return entry.answeredFailures >= GIVE_UP_AFTER_ANSWERED_FAILURES && now - entry.queuedAt >= GIVE_UP_NOT_BEFORE_MS;
}
