// The core checks its inputs against the contract itself, so a direct caller
// (the CLI, a test) meets the same rules as the IPC and HTTP transports.
import { KithError, kithMethods, type KithMethodName } from '../../../src-contract/kith-api';
import type { z } from 'zod';

export function validateInput<M extends KithMethodName>(method: M, input: unknown): z.infer<(typeof kithMethods)[M]['input']> {
  const parsed = kithMethods[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new KithError('E_INVALID_INPUT', `Invalid input for ${method}${where}: ${issue?.message ?? 'not accepted'}.`);
  }
  return parsed.data as z.infer<(typeof kithMethods)[M]['input']>;
}
