// The login flow as the accounts service sees it; the real one is H3's runLogin
// (PKCE, state, nonce, loopback server), adapted in api/real-dependencies.ts.
import type { ProviderClient, ProviderIdentity, TokenSet } from '../providers/provider';

export interface LoginStartInfo {
  authUrl: string;
  expiresAt: number;
}

export interface LoginRequest {
  provider: ProviderClient;
  signal: AbortSignal;
  onStarted(info: LoginStartInfo): void;
}

export type LoginRunner = (request: LoginRequest) => Promise<{ tokens: TokenSet; identity: ProviderIdentity }>;
