// What a `kith` command talks to: the contract through the same client and
// dispatcher as the window and the page (an in-process transport instead of
// IPC or HTTP), so `kith ... --json` prints only what passed the contract's
// strict output schemas, and every input meets the same checks.
import { createKithClient, type KithTransport } from '../../../src-contract/client';
import type { ContractLog } from '../../../src-contract/contract-log';
import { createInMemoryTransport } from '../../../src-contract/in-memory-transport';
import type { KithApi, KithHandlers } from '../../../src-contract/kith-api';
import type { AccessLog } from '../../core/tokens/access-log';
import type { AccessTokenService } from '../../core/tokens/access-token-service';

/**
 * `kith token` creates, lists and revokes Kith's own access tokens. They are not in
 * KithApi on purpose: no page may mint or list tokens. So the CLI holds this narrow
 * port of the core's AccessTokenService beside the contract, and nothing more.
 */
export type CliAccessTokens = Pick<AccessTokenService, 'issue' | 'list' | 'revoke'>;

/** `kith token log` reads what `kith serve` recorded (the same data folder). */
export type CliAccessLog = Pick<AccessLog, 'entries'>;

export interface CliKith {
  api: KithApi;
  accessTokens: CliAccessTokens;
  accessLog: CliAccessLog | null;
}

/** The CLI's transport: the dispatcher in process, with a wire's copying. */
export function cliTransport(core: KithHandlers, log: ContractLog): KithTransport {
  return createInMemoryTransport(core, { log });
}

export function createCliKith(core: KithHandlers & { readonly accessTokens: CliAccessTokens; readonly accessLog?: CliAccessLog }, log: ContractLog): CliKith {
  const api = createKithClient(cliTransport(core, log), {
    onInvalidEvent: (event, error) => log.error('Dropped an event that broke the contract', { event, problem: error.message }),
  });
  return { api, accessTokens: core.accessTokens, accessLog: core.accessLog ?? null };
}
