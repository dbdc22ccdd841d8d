// What "disconnect everywhere" ends besides the accounts: Kith's own script
// access tokens and the browser sessions of kith serve. A port, so the
// revocation code needs no knowledge of how tokens are kept; kith-core.ts
// builds it over the AccessTokenService.
import type { DisconnectEverywherePlan } from '../../../src-contract/kith-api';

export interface ScriptAccess {
  /** The script tokens (names, expiry) and the number of browser sessions that would end. */
  list(): Promise<Pick<DisconnectEverywherePlan, 'scriptTokens' | 'sessions'>>;
  /** Ends every script token, launch link and browser session; resolves the names of the tokens and the number of sessions. */
  endAll(): Promise<{ tokens: string[]; sessions: number }>;
  /**
   * Ends the script tokens that could read only this account, as its disconnect removes it;
   * resolves their names for the receipt. Optional: without it a disconnect ends none.
   */
  endForAccount?(accountId: string): Promise<string[]>;
}

/** The port over Kith's access tokens (tokens/access-token-service.ts). */
export function scriptAccessOver(tokens: {
  list(): Promise<{ name: string; type: string; expiresAt: number }[]>;
  revokeEvery(types: ('personal' | 'session' | 'launch')[]): Promise<{ name: string; type: string }[]>;
}): ScriptAccess {
  return {
    async list() {
      const live = await tokens.list();
      return {
        scriptTokens: live.filter((t) => t.type === 'personal').map((t) => ({ name: t.name, expiresAt: t.expiresAt })),
        sessions: live.filter((t) => t.type === 'session').length,
      };
    },
    async endAll() {
      const ended = await tokens.revokeEvery(['personal', 'session', 'launch']);
      return { tokens: ended.filter((t) => t.type === 'personal').map((t) => t.name), sessions: ended.filter((t) => t.type === 'session').length };
    },
  };
}
