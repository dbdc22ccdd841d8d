// The shells' side of every transport, and the one place inputs and outputs
// are validated: takes a method name and an untrusted input from the wire
// (IPC, HTTP, the CLI's in-process client), checks both against the contract,
// calls the implementation with the parsed input, and checks the result
// before it leaves, so that a stray field (say, a token an implementation
// forgot to strip) never reaches a renderer. Derived from `kithMethods`; no
// code per method.
import type { ContractLog } from './contract-log';
import { internalError, invalidInputError, isKithError, toKithError } from './errors';
import { assertKithMethodName, kithMethodOf, kithMethods, outputSchemaOf, type KithHandlers } from './kith-api';

export type KithDispatcher = (method: string, rawInput: unknown) => Promise<unknown>;

export interface DispatcherOptions {
  /** Told about invalid results and unexpected failures, by method name only (never a payload). */
  log?: ContractLog;
}

export function createDispatcher(handlers: KithHandlers, options: DispatcherOptions = {}): KithDispatcher {
  const log = options.log;
  // A handler that answers a repeated call with the same frozen object (friends.list serves
  // a polled page again while the store is unchanged) has it checked once: frozen, it
  // cannot have changed since, and its checked copy is frozen too, so callers share it safely.
  const checked = new WeakMap<object, unknown>();
  return async (method, rawInput) => {
    assertKithMethodName(method);
    const spec = kithMethods[method];
    const input = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!input.success) throw invalidInputError(method, input.error);
    const handler = kithMethodOf(handlers, method);
    if (!handler) throw internalError();

    let result: unknown;
    try {
      result = await handler(input.data);
    } catch (error) {
      if (isKithError(error)) throw toKithError(error);
      // Its message may hold anything (a URL with a token in it): keep it out of the log and the reply.
      log?.error('A Kith method failed unexpectedly', { method, errorName: error instanceof Error ? error.name : typeof error });
      throw internalError();
    }

    const reusable = typeof result === 'object' && result !== null && Object.isFrozen(result) ? result : null;
    if (reusable && checked.has(reusable)) return checked.get(reusable);
    const output = outputSchemaOf(method, input.data).safeParse(result);
    if (!output.success) {
      log?.error('A Kith method produced an invalid result; it was withheld', {
        method,
        issues: output.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })),
      });
      throw internalError();
    }
    if (reusable) checked.set(reusable, deepFreeze(output.data));
    return output.data;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
