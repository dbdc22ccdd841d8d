// Disconnect everywhere: every account, every script access token and every
// browser session of kith serve. Everything goes here first, at once and with
// no network in between (each account's tokens sealed into the revocation
// queue before it is deleted, as a single disconnect does); then every grant
// is asked to end at its provider, concurrently, for a short while; what is
// not confirmed by then carries on queued. The receipt lists all of it and is
// settled by the queue as the providers answer.
import type { DisconnectEverywherePlan, DisconnectReceipt } from '../../../src-contract/kith-api';
import type { ScriptAccess } from './script-access';
import { createAccountRemoval, waitForRevocations, type DisconnectDeps } from './disconnect';

export interface DisconnectEverywhere {
  plan(): Promise<DisconnectEverywherePlan>;
  run(): Promise<DisconnectReceipt>;
}

/** A shell with no script tokens or sessions (tests, a core without them) ends none. */
const noScriptAccess: ScriptAccess = {
  list: async () => ({ scriptTokens: [], sessions: 0 }),
  endAll: async () => ({ tokens: [], sessions: 0 }),
};

export function createDisconnectEverywhere(deps: DisconnectDeps): DisconnectEverywhere {
  const remove = createAccountRemoval(deps);
  const scriptAccess = deps.scriptAccess ?? noScriptAccess;
  return {
    async plan() {
      const records = await deps.repo.all();
      const access = await scriptAccess.list();
      return {
        accounts: records.map((r) => ({ accountId: r.id, provider: r.provider, displayName: r.displayName, email: r.email, cachedFriends: r.friendCount })),
        scriptTokens: access.scriptTokens,
        sessions: access.sessions,
      };
    },
    async run() {
      const records = await deps.repo.all();
      // Script access ends first: a script mid-request must not read a cache that is about to go.
      const ended = await scriptAccess.endAll();
      const removed = [];
      for (const record of records) removed.push((await remove(record.id)).receipt);
      const receiptId = await deps.history.record({ scope: 'everywhere', accounts: removed, scriptTokensEnded: ended.tokens, sessionsEnded: ended.sessions });
      deps.log.info('disconnected everywhere', { accounts: removed.length, scriptTokens: ended.tokens.length, sessions: ended.sessions });
      await waitForRevocations(deps, removed.flatMap((r) => (r.revocationId ? [r.revocationId] : [])));
      return deps.history.get(receiptId);
    },
  };
}
