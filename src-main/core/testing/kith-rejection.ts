// The KithError a promise rejects with, for assertions on its code and message;
// the test fails when the promise resolves or rejects with anything else.
import { expect } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';

export async function kithRejection(promise: Promise<unknown>): Promise<KithError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KithError);
  return error as KithError;
}
