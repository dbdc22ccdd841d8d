// Google's failures as Kith sees them. gaxios throws for every non-2xx answer
// and for network failures; only the status, headers and body are read here —
// never the error's message, which quotes the request URL (the revoke URL
// carries the token).
import { KithError } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { PermissionNotGranted } from './permission-scopes';
import { codeExchangeFailure, malformed, offline, safeCode, TransientFailure, transientForStatus } from './provider-http';

const GOOGLE = providerName('google');

interface HttpFailure {
  status: number;
  headers: Headers | null;
  body: unknown;
}

/** The HTTP answer carried by a gaxios error, or null when there was none (network failure). */
export function httpFailureOf(error: unknown): HttpFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const response = (error as { response?: { status?: unknown; headers?: unknown; data?: unknown } }).response;
  if (!response || typeof response.status !== 'number') return null;
  return { status: response.status, headers: response.headers instanceof Headers ? response.headers : null, body: response.data };
}

/** An OAuth error body (RFC 6749 §5.2): { error, error_description }. */
export function oauthErrorCode(body: unknown): string | null {
  return typeof body === 'object' && body !== null ? safeCode((body as { error?: unknown }).error) : null;
}

/** Maps a failed token-endpoint call (code exchange, refresh) to a KithError or a TransientFailure. */
export function googleTokenFailure(error: unknown, grant: 'authorization_code' | 'refresh_token'): KithError | TransientFailure {
  if (error instanceof KithError || error instanceof TransientFailure) return error;
  const operation = grant === 'authorization_code' ? 'sign-in' : 'token refresh';
  const failure = httpFailureOf(error);
  if (!failure) return offline(GOOGLE, operation);
  const transient = transientForStatus(failure.status, failure.headers, { provider: GOOGLE, operation });
  if (transient) return grant === 'authorization_code' ? codeExchangeFailure(GOOGLE, transient, `HTTP ${failure.status}`) : transient;
  const code = oauthErrorCode(failure.body);
  if (code === 'invalid_grant') {
    return grant === 'refresh_token'
      ? new KithError('E_GRANT_REVOKED', "Google no longer accepts Kith's access to this account (it was revoked or has expired). Reconnect the account.")
      : new KithError('E_PROVIDER', 'Google did not accept the sign-in answer (it may have expired or been used already). Please sign in again.');
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return new KithError('E_CONFIG', `Google rejected Kith's OAuth client (${code}). Check KITH_GOOGLE_CLIENT_ID and KITH_GOOGLE_CLIENT_SECRET.`);
  }
  if (code === null && typeof failure.body === 'string') return malformed({ provider: GOOGLE, operation }, `HTTP ${failure.status}, not JSON`);
  return new KithError('E_PROVIDER', `Google refused the ${operation} (${code ?? `HTTP ${failure.status}`}).`);
}

/** google.rpc error bodies: { error: { code, message, status, details: [{ reason }], errors: [{ reason }] } }. */
function rpcReasons(body: unknown): { status: string | null; reasons: string[] } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : null;
  if (typeof error !== 'object' || error === null) return { status: null, reasons: [] };
  const e = error as { status?: unknown; details?: unknown; errors?: unknown };
  const reasons: string[] = [];
  for (const list of [e.details, e.errors]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const reason = typeof item === 'object' && item !== null ? safeCode((item as { reason?: unknown }).reason) : null;
      if (reason) reasons.push(reason);
    }
  }
  return { status: safeCode(e.status), reasons };
}

/** People says a sync token has expired with the reason EXPIRED_SYNC_TOKEN; the HTTP status is not to be relied on. */
export function isExpiredSyncToken(error: unknown): boolean {
  const failure = httpFailureOf(error);
  return failure !== null && rpcReasons(failure.body).reasons.includes('EXPIRED_SYNC_TOKEN');
}

/** Maps a failed Google API call (People) to a KithError or a TransientFailure. */
export function googleApiFailure(error: unknown, operation: string): KithError | TransientFailure {
  if (error instanceof KithError || error instanceof TransientFailure) return error;
  const failure = httpFailureOf(error);
  if (!failure) return offline(GOOGLE, operation);
  const transient = transientForStatus(failure.status, failure.headers, { provider: GOOGLE, operation });
  if (transient) return transient;
  const { status, reasons } = rpcReasons(failure.body);
  if (failure.status === 401) {
    return new KithError('E_GRANT_REVOKED', "Google no longer accepts Kith's access to this account. Reconnect the account.");
  }
  // "Request had insufficient authentication scopes": the token was not granted contacts.readonly.
  if (failure.status === 403 && reasons.includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT')) return new PermissionNotGranted('friends');
  if (failure.status === 403) {
    return new KithError('E_PROVIDER', `Google refused access to the contacts (${reasons[0] ?? status ?? 'PERMISSION_DENIED'}). Reconnect and allow Kith to see your contacts.`);
  }
  if (typeof failure.body === 'string') return malformed({ provider: GOOGLE, operation }, `HTTP ${failure.status}, not JSON`);
  return new KithError('E_PROVIDER', `Google refused the ${operation} (${reasons[0] ?? status ?? `HTTP ${failure.status}`}).`);
}
