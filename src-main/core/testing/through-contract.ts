// Tests call the core the way every shell does: through the contract's client
// and dispatcher over the in-process transport, so inputs are validated (and
// defaults applied) in the one place that does it, outputs and events are
// checked against the strict schemas, and a test cannot share objects with
// the core. The core's own extras (close, start, accessTokens) pass through.
import { createKithClient } from '../../../src-contract/client';
import type { ContractLog } from '../../../src-contract/contract-log';
import { createInMemoryTransport } from '../../../src-contract/in-memory-transport';
import type { KithApi, KithHandlers } from '../../../src-contract/kith-api';

export type ThroughContract<C extends KithHandlers> = KithApi & Omit<C, keyof KithApi>;

export function throughContract<C extends KithHandlers>(core: C, log: ContractLog): ThroughContract<C> {
  const client = createKithClient(createInMemoryTransport(core, { log }), {
    onInvalidEvent: (event, error) => log.error('the core emitted an event that breaks the contract', { event, problem: error.message }),
  });
  return { ...core, ...client };
}
