// How each Kith error code answers over HTTP. The body always carries the
// code itself; the status is for proxies, logs and `curl -f`.
import type { KithErrorCode } from '../../../src-contract/kith-api';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503;

const statusByCode: Record<KithErrorCode, ErrorStatus> = {
  E_INVALID_INPUT: 400,
  E_UNAUTHORIZED: 401,
  E_FORBIDDEN: 403,
  E_UNKNOWN_ACCOUNT: 404,
  // The request was fine; the account or the login is in a state that refuses it.
  E_CONSENT_DENIED: 409,
  E_LOGIN_TIMEOUT: 409, // not 408: a browser may silently retry a 408
  E_LOGIN_CANCELLED: 409,
  E_LOGIN_IN_PROGRESS: 409,
  E_STATE_MISMATCH: 409,
  E_ID_TOKEN_INVALID: 409,
  E_GRANT_REVOKED: 409,
  E_NEEDS_RECONNECT: 409,
  E_VAULT_LOCKED: 409, // the vault, not the request, refuses it until unlocked
  E_WRONG_PASSPHRASE: 403, // understood, refused: not the passphrase
  E_RATE_LIMITED: 429,
  E_PROVIDER: 502,
  E_OFFLINE: 503,
  E_CONFIG: 500,
  E_STORAGE: 500,
  E_INTERNAL: 500,
};

export function httpStatusFor(code: KithErrorCode): ErrorStatus {
  return statusByCode[code];
}
