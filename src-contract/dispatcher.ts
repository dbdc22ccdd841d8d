// The shells' side of every transport: one function that takes a method name
// and an untrusted input from the wire (IPC, HTTP), checks both against the
// contract, calls the core, and checks the result before it leaves, so that a
// stray field (say, a token an implementation forgot to strip) never reaches a
// renderer. Derived from `kithMethods`; no code per method.
import { KithError, KithErrorCodeSchema, kithMethods, type KithApi, type KithErrorInfo, type KithMethodName } from './kith-api';
import { assertKithMethodName, describeIssues } from './client';
import type { Logger } from '../src-main/core/ports';

export type KithDispatcher = (method: string, rawInput: unknown) => Promise<unknown>;

export interface DispatcherOptions {
  /** Told about invalid results and unexpected failures, by method name only (never a payload). */
  log?: Pick<Logger, 'error'>;
}

const GENERIC_MESSAGE = 'Something went wrong inside Kith. Please try again.';

function apiFunction(api: KithApi, method: KithMethodName): (input: unknown) => Promise<unknown> {
  const [group, name] = method.split('.') as [keyof KithApi, string];
  const target = api[group] as unknown as Record<string, unknown>;
  const fn = target?.[name];
  if (typeof fn !== 'function') throw new KithError('E_INTERNAL', GENERIC_MESSAGE);
  return (input) => (fn as (input: unknown) => Promise<unknown>).call(target, input);
}

export function createDispatcher(api: KithApi, options: DispatcherOptions = {}): KithDispatcher {
  const log = options.log;
  return async (method, rawInput) => {
    assertKithMethodName(method);
    const spec = kithMethods[method];
    const input = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!input.success) {
      throw new KithError('E_INVALID_INPUT', `Invalid input for ${method}: ${describeIssues(input.error)}.`);
    }

    let result: unknown;
    try {
      result = await apiFunction(api, method)(input.data);
    } catch (error) {
      if (error instanceof KithError && KithErrorCodeSchema.safeParse(error.code).success) throw error;
      // Its message may hold anything (a URL with a token in it): keep it out of the log and the reply.
      log?.error('A Kith method failed unexpectedly', { method, errorName: error instanceof Error ? error.name : typeof error });
      throw new KithError('E_INTERNAL', GENERIC_MESSAGE);
    }

    const output = spec.output.safeParse(result);
    if (!output.success) {
      log?.error('A Kith method produced an invalid result; it was withheld', {
        method,
        issues: output.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })),
      });
      throw new KithError('E_INTERNAL', GENERIC_MESSAGE);
    }
    return output.data;
  };
}

/** What a rejection becomes on the wire: a KithError's code and message, anything else a generic E_INTERNAL. */
export function serializeError(error: unknown): KithErrorInfo {
  if (error instanceof KithError && KithErrorCodeSchema.safeParse(error.code).success) {
    return { code: error.code, message: error.message.slice(0, 2000) };
  }
  return { code: 'E_INTERNAL', message: GENERIC_MESSAGE };
}
