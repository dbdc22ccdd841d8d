// The contract's toKithError (src-contract/errors.ts) with the core's one rule
// on top: an operation Kith aborted itself (a sign-in cancelled, a sync
// stopped by disconnect: fetch rejects with an AbortError) is a cancellation,
// not an internal failure.
import { internalError, KithError, toKithError } from '../../../src-contract/errors';

const cancelledIfAborted = (raw: unknown): KithError =>
  raw instanceof Error && raw.name === 'AbortError' ? new KithError('E_LOGIN_CANCELLED', 'The operation was cancelled.') : internalError();

export function toCoreError(raw: unknown): KithError {
  return toKithError(raw, { fallback: cancelledIfAborted });
}
