// What each KithError code means to a person at a terminal, and what to do.
import type { KithError, KithErrorCode } from '../../../src-contract/kith-api';

const ADVICE: Partial<Record<KithErrorCode, string>> = {
  E_CONSENT_DENIED: 'Access was not granted. Run the command again and choose "Allow" on the consent page.',
  E_LOGIN_TIMEOUT: 'The sign-in was not finished in time. Run the command again and complete it within 5 minutes.',
  E_LOGIN_CANCELLED: 'The sign-in was cancelled.',
  E_LOGIN_IN_PROGRESS: 'Another sign-in is still open. Finish or cancel it first.',
  E_STATE_MISMATCH: 'The sign-in answer did not match this attempt (an old browser tab?). Run the command again.',
  E_ID_TOKEN_INVALID: "The provider's sign-in answer could not be verified, so Kith did not trust it.",
  E_OFFLINE: 'The provider could not be reached. Check your network connection and try again.',
  E_RATE_LIMITED: 'The provider asked Kith to slow down. Try again in a few minutes.',
  E_PROVIDER: 'The provider answered with an error. Try again later.',
  E_GRANT_REVOKED: 'Access was revoked at the provider. Reconnect the account with "kith connect".',
  E_NEEDS_RECONNECT: 'Reconnect the account with "kith connect <provider>"; its cached friends stay readable meanwhile.',
  E_UNKNOWN_ACCOUNT: 'See "kith accounts" for the account ids Kith holds.',
  E_CONFIG: 'Set the variable named above (or KITH_SANDBOX_URL to use the sandbox providers).',
  E_VAULT_LOCKED:
    'Kith deleted and overwrote nothing. Put the original key back (or unlock the keyring, or give the passphrase) and run the command again; "kith status" says why, and "kith vault reset" starts over.',
  E_WRONG_PASSPHRASE: 'Nothing was changed. Type the passphrase you chose for Kith; if it is lost, "kith vault reset" starts over.',
  E_STORAGE: 'Check that the data folder (KITH_DATA_DIR) exists and is writable.',
  E_INVALID_INPUT: 'See "kith --help".',
  E_UNAUTHORIZED: 'The token is unknown, expired or revoked.',
  E_FORBIDDEN: 'That is not allowed.',
};

const TITLE: Record<KithErrorCode, string> = {
  E_INVALID_INPUT: 'Invalid input',
  E_CONFIG: 'Configuration problem',
  E_CONSENT_DENIED: 'Consent denied',
  E_LOGIN_TIMEOUT: 'Sign-in timed out',
  E_LOGIN_CANCELLED: 'Sign-in cancelled',
  E_LOGIN_IN_PROGRESS: 'Sign-in already in progress',
  E_STATE_MISMATCH: 'Sign-in answer rejected',
  E_ID_TOKEN_INVALID: 'Sign-in answer not trusted',
  E_OFFLINE: 'Offline',
  E_RATE_LIMITED: 'Rate limited',
  E_PROVIDER: 'Provider error',
  E_GRANT_REVOKED: 'Access revoked',
  E_NEEDS_RECONNECT: 'Needs reconnect',
  E_UNKNOWN_ACCOUNT: 'Unknown account',
  E_STORAGE: 'Storage problem',
  E_VAULT_LOCKED: 'Vault locked',
  E_WRONG_PASSPHRASE: 'Wrong passphrase',
  E_UNAUTHORIZED: 'Not authorised',
  E_FORBIDDEN: 'Forbidden',
  E_INTERNAL: 'Internal error',
};

/** What to do about a failure with this code, or undefined when the message says enough. */
export function adviceFor(code: KithErrorCode): string | undefined {
  return ADVICE[code];
}

export function describeError(error: KithError): string {
  // A configuration message already names its variables; repeating the generic advice would only add noise.
  const advice = error.code === 'E_CONFIG' && error.message.includes('KITH_') ? undefined : ADVICE[error.code];
  return `kith: ${TITLE[error.code]}: ${error.message}${advice && !error.message.includes(advice) ? `\n  ${advice}` : ''}`;
}

/** Exit status per failure, so scripts can tell them apart: 2 usage, 3 sign-in, 4 network, 5 account, 6 vault locked, 1 anything else. */
export function exitCodeFor(code: KithErrorCode): number {
  switch (code) {
    case 'E_INVALID_INPUT':
      return 2;
    case 'E_CONSENT_DENIED':
    case 'E_LOGIN_TIMEOUT':
    case 'E_LOGIN_CANCELLED':
    case 'E_LOGIN_IN_PROGRESS':
    case 'E_STATE_MISMATCH':
    case 'E_ID_TOKEN_INVALID':
      return 3;
    case 'E_OFFLINE':
    case 'E_RATE_LIMITED':
    case 'E_PROVIDER':
      return 4;
    case 'E_GRANT_REVOKED':
    case 'E_NEEDS_RECONNECT':
    case 'E_UNKNOWN_ACCOUNT':
      return 5;
    case 'E_VAULT_LOCKED':
    case 'E_WRONG_PASSPHRASE':
      return 6;
    default:
      return 1;
  }
}
