// Facebook's Graph errors ({ error: { message, type, code, error_subcode } },
// developers.facebook.com/docs/graph-api/guides/error-handling) as Kith
// sees them. Facebook throttles with codes 4, 17, 32 and 613, usually with
// HTTP 400/403 and never with 429; the message from Facebook is not repeated
// (it can quote the request).
import { KithError } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { codeExchangeFailure, parseRetryAfter, rateLimited, TransientFailure, transientForStatus } from './provider-http';

const FACEBOOK = providerName('facebook');
export const THROTTLING_CODES = new Set([4, 17, 32, 613]);
/** 1 "API Unknown" and 2 "API Service": temporary, retry. */
const TEMPORARY_CODES = new Set([1, 2]);

export interface GraphErrorBody {
  code: number | null;
  subcode: number | null;
  transient: boolean;
}

export function graphErrorOf(body: unknown): GraphErrorBody | null {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : null;
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; error_subcode?: unknown; is_transient?: unknown };
  return {
    code: typeof e.code === 'number' ? e.code : null,
    subcode: typeof e.error_subcode === 'number' ? e.error_subcode : null,
    transient: e.is_transient === true,
  };
}

/** Why an access token stopped working (code 190 subcodes), in words a person understands. */
function revokedBecause(subcode: number | null): string {
  switch (subcode) {
    case 458:
      return 'Kith was removed from your Facebook apps';
    case 459:
      return 'Facebook needs you to log in on facebook.com first';
    case 460:
      return 'your Facebook password changed';
    case 463:
      return 'Kith\'s Facebook access has expired';
    case 464:
      return 'the Facebook account is not confirmed';
    case 467:
      return 'you logged out of Facebook, or the session ended';
    default:
      return 'Facebook no longer accepts Kith\'s access';
  }
}

/** Meta's usage headers: estimated_time_to_regain_access is in minutes. */
function regainAccessMs(headers: Headers): number | null {
  const raw = headers.get('x-business-use-case-usage');
  if (!raw) return null;
  try {
    const usage = JSON.parse(raw) as Record<string, Array<{ estimated_time_to_regain_access?: unknown }>>;
    const minutes = Object.values(usage)
      .flat()
      .map((entry) => entry.estimated_time_to_regain_access)
      .filter((value): value is number => typeof value === 'number' && value > 0);
    return minutes.length > 0 ? Math.max(...minutes) * 60_000 : null;
  } catch {
    return null;
  }
}

/** Maps a failed Graph answer to a KithError or a TransientFailure. */
export function graphFailure(status: number, headers: Headers, body: unknown, operation: string): KithError | TransientFailure {
  const what = { provider: FACEBOOK, operation };
  const error = graphErrorOf(body);
  if (error?.code !== null && error?.code !== undefined) {
    if (THROTTLING_CODES.has(error.code)) {
      const wait = parseRetryAfter(headers.get('retry-after')) ?? regainAccessMs(headers);
      return new TransientFailure(rateLimited(what, wait), wait);
    }
    if (error.code === 190 || error.code === 102) {
      return new KithError('E_GRANT_REVOKED', `${revokedBecause(error.subcode)}. Reconnect the Facebook account.`);
    }
    if (TEMPORARY_CODES.has(error.code) || error.transient) {
      return new TransientFailure(new KithError('E_PROVIDER', `Facebook is having trouble (error ${error.code} on ${operation}). Try again later.`));
    }
    if (error.code === 10 || (error.code >= 200 && error.code <= 299)) {
      return new KithError('E_PROVIDER', `Facebook did not give Kith the permission it needs for the ${operation} (error ${error.code}). Reconnect and allow it.`);
    }
    return new KithError('E_PROVIDER', `Facebook refused the ${operation} (error ${error.code}${error.subcode ? `/${error.subcode}` : ''}).`);
  }
  const transient = transientForStatus(status, headers, what);
  if (transient) return transient;
  if (status === 401) return new KithError('E_GRANT_REVOKED', 'Facebook no longer accepts Kith\'s access. Reconnect the Facebook account.');
  return new KithError('E_PROVIDER', `Facebook refused the ${operation} (HTTP ${status}).`);
}

/**
 * The code exchange's failures: an unusable code is a sign-in problem, a bad app id or redirect URI is
 * configuration, and nothing is transient (the code is never sent twice).
 */
export function graphExchangeFailure(status: number, headers: Headers, body: unknown): KithError {
  const error = graphErrorOf(body);
  if (error?.code === 101) return new KithError('E_CONFIG', 'Facebook does not know Kith\'s app id. Check KITH_FACEBOOK_APP_ID.');
  if (error?.code === 191) return new KithError('E_CONFIG', 'Facebook rejected the redirect URI. Check KITH_FACEBOOK_REDIRECT_URI against the app\'s Valid OAuth Redirect URIs.');
  if (error?.code === 100 || error?.code === 1) {
    return new KithError('E_PROVIDER', 'Facebook did not accept the sign-in answer (it may have expired or been used already). Please sign in again.');
  }
  const failure = graphFailure(status, headers, body, 'sign-in');
  if (!(failure instanceof TransientFailure)) return failure;
  return codeExchangeFailure(FACEBOOK, failure, error?.code !== null && error?.code !== undefined ? `error ${error.code}` : `HTTP ${status}`);
}
