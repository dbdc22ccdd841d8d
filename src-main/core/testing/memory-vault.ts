// An in-memory TokenStore for unit tests (the real one, vault/token-vault.ts, encrypts).
import type { TokenStore } from '../accounts/token-store';
import type { TokenSet } from '../providers/provider';

export interface MemoryVault extends TokenStore {
  readonly entries: Map<string, TokenSet>;
  /** Every put, in order, for "saved before used" assertions. */
  readonly puts: Array<{ accountId: string; tokens: TokenSet }>;
}

export function createMemoryVault(): MemoryVault {
  const entries = new Map<string, TokenSet>();
  const puts: Array<{ accountId: string; tokens: TokenSet }> = [];
  return {
    entries,
    puts,
    async get(accountId) {
      const tokens = entries.get(accountId);
      return tokens ? structuredClone(tokens) : null;
    },
    async put(accountId, tokens) {
      puts.push({ accountId, tokens: structuredClone(tokens) });
      entries.set(accountId, structuredClone(tokens));
    },
    async delete(accountId) {
      entries.delete(accountId);
    },
  };
}
