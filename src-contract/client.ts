// The renderer's side of every transport: builds `KithApi` by walking the
// contract (`kithMethods`, `kithEvents`), so there is no hand-written code per
// method, and checks everything that comes back against the schemas before the
// caller sees it. Used by the Electron preload (over IPC), by the host shell's
// page and by scripts (over HTTP), by the CLI (in process) and by tests.
//
// Imported by the renderer too: zod only.
import { describeIssues, KithError, toKithError } from './errors';
import { kithEvents, kithMethodGroups, outputSchemaOf, type KithApi, type KithCallOptions, type KithEventName, type KithMethodName } from './kith-api';

/** Carries requests and events; knows nothing of the contract's payloads. */
export interface KithTransport {
  /**
   * Sends one request; resolves with the raw, untrusted result, or rejects (ideally with a `{ code, message }`).
   * Once `signal` aborts it rejects with the signal's reason, having stopped the request where it can.
   */
  call(method: KithMethodName, input: unknown, options?: KithCallOptions): Promise<unknown>;
  /** Delivers the raw, untrusted payloads of one event; returns the unsubscribe function. */
  subscribe(event: KithEventName, listener: (payload: unknown) => void): () => void;
}

export interface KithClientOptions {
  /** Told about an event payload that failed validation (and was dropped). Defaults to console.error without the payload. */
  onInvalidEvent?(event: KithEventName, error: KithError): void;
}

async function callMethod(transport: KithTransport, method: KithMethodName, input: unknown, options: KithCallOptions | undefined): Promise<unknown> {
  const signal = options?.signal;
  signal?.throwIfAborted();
  let raw: unknown;
  try {
    raw = await (signal ? transport.call(method, input ?? {}, { signal }) : transport.call(method, input ?? {}));
  } catch (reason) {
    // Given up on by the caller, who knows why: its own reason, not a failure of Kith's.
    if (signal?.aborted) throw signal.reason;
    throw toKithError(reason);
  }
  // An answer that came after all is not looked at: nobody is waiting for it.
  signal?.throwIfAborted();
  const output = outputSchemaOf(method, input).safeParse(raw);
  if (!output.success) {
    throw new KithError('E_INTERNAL', `Kith answered ${method} with an invalid result (${describeIssues(output.error)}).`);
  }
  return output.data;
}

export function createKithClient(transport: KithTransport, options: KithClientOptions = {}): KithApi {
  const onInvalidEvent =
    options.onInvalidEvent ?? ((event: KithEventName, error: KithError) => console.error(`Dropped a ${event} event: ${error.message}`));

  const events: KithApi['events'] = {
    on(event, listener) {
      if (!Object.hasOwn(kithEvents, event)) throw new KithError('E_INVALID_INPUT', `There is no event named ${String(event).slice(0, 100)}.`);
      const schema = kithEvents[event];
      return transport.subscribe(event, (raw) => {
        const payload = schema.safeParse(raw);
        if (!payload.success) {
          onInvalidEvent(event, new KithError('E_INTERNAL', `invalid payload (${describeIssues(payload.error)})`));
          return;
        }
        listener(payload.data as Parameters<typeof listener>[0]);
      });
    },
  };

  return { ...kithMethodGroups((method) => (input, options) => callMethod(transport, method, input, options)), events };
}
