// Kith's one error family, and the one place that converts to and from it.
// Every failure that crosses a boundary is a KithError: a stable `code` the UI
// and the CLI map to words, and a `message` that is safe to show (it never
// quotes a token, an authorization code or a PKCE verifier). Anything else
// that is thrown (a TypeError, a library's error whose text may quote a
// request URL) becomes a generic E_INTERNAL here, never its own message: as
// oauth4webapi does, one function turns anything thrown into the stable-coded
// error, and one turns that into the wire shape.
//
// Imported by the renderer too: zod only.
import { z } from 'zod';

/** Stable error codes; the UI maps each to words a person understands. */
export const KithErrorCodeSchema = z.enum([
  'E_INVALID_INPUT',
  'E_CONFIG',
  'E_CONSENT_DENIED',
  'E_LOGIN_TIMEOUT',
  'E_LOGIN_CANCELLED',
  'E_LOGIN_IN_PROGRESS',
  'E_STATE_MISMATCH',
  'E_ID_TOKEN_INVALID',
  'E_OFFLINE',
  'E_RATE_LIMITED',
  'E_PROVIDER',
  'E_GRANT_REVOKED',
  'E_NEEDS_RECONNECT',
  'E_UNKNOWN_ACCOUNT',
  'E_STORAGE',
  /** The key that seals Kith's data cannot be had now (key missing or changed, keyring locked, passphrase not given); nothing was changed. */
  'E_VAULT_LOCKED',
  /** The passphrase given is not the one the data key is wrapped with; the message says when to try again. */
  'E_WRONG_PASSPHRASE',
  'E_UNAUTHORIZED',
  'E_FORBIDDEN',
  'E_INTERNAL',
]);
export type KithErrorCode = z.infer<typeof KithErrorCodeSchema>;

const MAX_MESSAGE = 2000;

/** A KithError as data: what crosses IPC, HTTP and Electron's contextBridge, and what results carry (`lastSyncError`). */
export const KithErrorSchema = z
  .object({
    code: KithErrorCodeSchema,
    /** Human-readable, never contains a token, code or verifier. */
    message: z.string().max(MAX_MESSAGE),
  })
  .strict();
export type KithErrorInfo = z.infer<typeof KithErrorSchema>;

/** The error every transport rejects with; `code` is stable, `message` is safe to show. */
export class KithError extends Error {
  constructor(
    readonly code: KithErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KithError';
  }
  toJSON(): KithErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** What anything unexpected becomes: its own text may hold anything, so it is not shown. */
export function internalError(): KithError {
  return new KithError('E_INTERNAL', 'Something went wrong inside Kith. Please try again.');
}

export interface ToKithErrorOptions {
  /** What a value that is not a Kith error becomes (default: `internalError()`), e.g. E_PROVIDER for a sign-in. */
  fallback?: (raw: unknown) => KithError;
}

/** A KithError with a known code as is; its wire shape rebuilt; anything else null. */
function knownError(raw: unknown): KithError | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { code, message } = raw as { code?: unknown; message?: unknown };
  const known = KithErrorCodeSchema.safeParse(code);
  if (!known.success || typeof message !== 'string') return null;
  return raw instanceof KithError && message.length <= MAX_MESSAGE ? raw : new KithError(known.data, message.slice(0, MAX_MESSAGE));
}

/**
 * Turns anything thrown into a KithError: a KithError as is; a `{ code, message }`
 * with a known code rebuilt (what crosses IPC, HTTP and Electron's contextBridge,
 * which copies an Error's message only); anything else, a forged code included,
 * becomes the fallback.
 */
export function toKithError(raw: unknown, options: ToKithErrorOptions = {}): KithError {
  return knownError(raw) ?? (options.fallback ? options.fallback(raw) : internalError());
}

/** True when toKithError keeps `raw`'s own code and message (a KithError, or its wire shape). */
export function isKithError(raw: unknown): boolean {
  return knownError(raw) !== null;
}

/** What a rejection becomes on the wire: plain data, since an Error's own fields do not survive cloning. */
export function toErrorInfo(raw: unknown, options: ToKithErrorOptions = {}): KithErrorInfo {
  return toKithError(raw, options).toJSON();
}

/** True when `raw` is a KithError with one of these codes. */
export function hasCode(raw: unknown, ...codes: KithErrorCode[]): boolean {
  return raw instanceof KithError && codes.includes(raw.code);
}

/** Says where a payload broke its schema (paths and rules), never what it held: a value may be a token. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map(String).join('.').slice(0, 100);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return `${parts.join('; ')}${more}`.slice(0, 1000);
}

/** The E_INVALID_INPUT for an input that broke a method's schema: the method, then each issue's path and rule. */
export function invalidInputError(method: string, error: z.ZodError): KithError {
  return new KithError('E_INVALID_INPUT', `Invalid input for ${method}: ${describeIssues(error)}.`);
}
