// What the accounts, friends and revocation services need from the TokenVault (vault/token-vault.ts).
// Declared here as a structural type so the services and their tests do not
// depend on how the vault encrypts.
import type { TokenSet } from '../providers/provider';

export interface TokenStore {
  get(accountId: string): Promise<TokenSet | null>;
  put(accountId: string, tokens: TokenSet): Promise<void>;
  delete(accountId: string): Promise<void>;
  /** Seals again whatever the cipher asks to be (TokenVault); stores without a cipher leave it out. */
  resealAll?(): Promise<void>;
}
