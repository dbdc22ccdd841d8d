// Every KithError code in words a person understands. Codes are stable; the core's
// message is shown only where it adds something the person can act on (E_CONFIG
// names the missing variable) because it is written for developers.
import { KithErrorCodeSchema, type KithErrorCode, type KithErrorInfo, type ProviderId } from '../../src-contract/kith-api';
import { providerName } from '../../src-contract/provider-names';

export interface ErrorContext {
  provider?: ProviderId | null;
  /** What the person was doing, for the generic fallback ("connect", "sync"...). */
  action?: 'connect' | 'sync' | 'disconnect' | 'load';
}

/** Codes that mean "the person chose this": the UI says nothing. */
const quietCodes: ReadonlySet<KithErrorCode> = new Set(['E_LOGIN_CANCELLED']);

export function isQuietError(code: KithErrorCode): boolean {
  return quietCodes.has(code);
}

/** Codes after which the account is usable only once the person signs in again. */
export function needsReconnect(code: KithErrorCode): boolean {
  return code === 'E_GRANT_REVOKED' || code === 'E_NEEDS_RECONNECT';
}

/** The words for an error, or null when the UI should stay quiet (the person cancelled). */
export function errorWords(error: KithErrorInfo, context: ErrorContext = {}): string | null {
  const who = context.provider ? providerName(context.provider) : 'the provider';
  switch (error.code) {
    case 'E_LOGIN_CANCELLED':
      return null;
    case 'E_CONSENT_DENIED':
      return `You declined access at ${who}, so Kith did not connect the account.`;
    case 'E_LOGIN_TIMEOUT':
      return `Signing in to ${who} took too long, so Kith stopped waiting. Try again when you are ready.`;
    case 'E_LOGIN_IN_PROGRESS':
      return 'Another sign-in is still open. Finish it in your browser or cancel it first.';
    case 'E_STATE_MISMATCH':
      return `The answer from ${who} did not match the sign-in Kith started, so Kith ignored it to keep you safe. Try again.`;
    case 'E_ID_TOKEN_INVALID':
      return `Kith could not verify who signed in at ${who}. Try again.`;
    case 'E_OFFLINE':
      return `Kith cannot reach ${who}. Check your internet connection and try again.`;
    case 'E_RATE_LIMITED':
      return `${capitalize(who)} is limiting requests right now. Wait a few minutes and try again.`;
    case 'E_PROVIDER':
      return `${capitalize(who)} reported a problem. Try again later.`;
    case 'E_GRANT_REVOKED':
      return `Kith no longer has access to this ${context.provider ? `${who} ` : ''}account. Reconnect to keep your friends up to date.`;
    case 'E_NEEDS_RECONNECT':
      return `This ${context.provider ? `${who} ` : ''}account needs you to sign in again. Reconnect to keep your friends up to date.`;
    case 'E_UNKNOWN_ACCOUNT':
      return 'That account is no longer connected.';
    case 'E_CONFIG':
      return `Kith is not set up to connect ${context.provider ? `${who} accounts` : 'accounts'}: ${error.message}`;
    case 'E_VAULT_LOCKED':
      return `Kith's vault is locked, so saved sign-ins cannot be used: ${error.message}`;
    case 'E_WRONG_PASSPHRASE':
      return error.message;
    case 'E_STORAGE':
      return 'Kith could not read or write its data folder. Check that the disk has space and the folder is yours.';
    case 'E_UNAUTHORIZED':
      return 'This Kith window’s session ended. Open the newest link that kith serve printed, or restart it (npx kith serve --open) for a new one.';
    case 'E_FORBIDDEN':
      return 'Kith refused this request because it did not come from the Kith window.';
    case 'E_INVALID_INPUT':
    case 'E_INTERNAL':
      return `Something went wrong inside Kith${actionSuffix(context.action)}. ${error.message}`;
  }
}

function actionSuffix(action: ErrorContext['action']): string {
  switch (action) {
    case 'connect':
      return ' while connecting';
    case 'sync':
      return ' while syncing';
    case 'disconnect':
      return ' while disconnecting';
    case 'load':
      return ' while loading';
    default:
      return '';
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Normalises anything thrown by KithApi into a KithErrorInfo. */
export function toErrorInfo(error: unknown): KithErrorInfo {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string' && isKnownCode(code)) return { code, message };
  }
  // Electron's contextBridge turns rejected errors into plain Errors whose message is
  // "Error invoking remote method 'x': KithError: E_CODE: text"; recover the code if present.
  const text = error instanceof Error ? error.message : String(error);
  const match = /\b(E_[A-Z_]+)\b:?\s*(.*)$/s.exec(text);
  if (match && isKnownCode(match[1] ?? '')) return { code: match[1] as KithErrorCode, message: (match[2] ?? '').trim() || text };
  return { code: 'E_INTERNAL', message: text };
}

function isKnownCode(code: string): code is KithErrorCode {
  return KithErrorCodeSchema.safeParse(code).success;
}
