// Turns whatever was thrown into a KithError whose message is safe to show:
// unknown errors keep only a generic message, because their text may quote a
// request (and so a token).
import { KithError, type KithErrorInfo } from '../../../src-contract/kith-api';

export function toKithError(error: unknown): KithError {
  if (error instanceof KithError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new KithError('E_LOGIN_CANCELLED', 'The operation was cancelled.');
  return new KithError('E_INTERNAL', 'Something went wrong inside Kith.');
}

export function errorInfo(error: unknown): KithErrorInfo {
  return toKithError(error).toJSON();
}

export function hasCode(error: unknown, ...codes: KithError['code'][]): boolean {
  return error instanceof KithError && codes.includes(error.code);
}
