// What the host server needs of H2's AccessTokenService (src-main/core/tokens),
// as a structural type so the real service and test fakes both fit.
import type { KithApi } from '../../../src-preload/api';

export type TokenAbility = 'accounts:read' | 'friends:read' | 'app';
export type TokenType = 'personal' | 'launch' | 'session';

export interface HostTokenService {
  /** Issues a token; the secret is returned once and only its hash is kept. */
  issue(request: { type: 'launch' | 'session'; name: string; abilities: TokenAbility[]; ttlMs: number }): Promise<{ token: string }>;
  /** Resolves with the token's record, or rejects with KithError E_UNAUTHORIZED (unknown, expired, used) or E_FORBIDDEN (lacks the ability). */
  verify(token: string, ability: TokenAbility): Promise<{ type: TokenType }>;
}

/** The core as the host server uses it (H4's KithCore fits). */
export type HostCore = KithApi & { readonly accessTokens: HostTokenService };
