// The login flow as the accounts service sees it: one sign-in for a provider,
// cancellable, reporting when the consent page opened. The real one is
// login/login-flow.ts's runLogin (PKCE, state, nonce, loopback server), or
// login/device-login.ts's runDeviceLogin for a provider with a device login, bound to
// the browser, clock and timeout in kith-core.ts; unit tests pass a scripted one
// (testing/fake-login.ts), so the service never needs a browser or a port.
import type { DeviceLoginPrompt, Permission } from '../../../src-contract/kith-api';
import type { ProviderClient, ProviderIdentity, TokenSet } from '../providers/provider';

export interface LoginStartInfo {
  authUrl: string;
  expiresAt: number;
  /** A device login (login/device-login.ts): the code the person confirms and where. */
  device?: DeviceLoginPrompt;
}

export interface LoginRequest {
  provider: ProviderClient;
  signal: AbortSignal;
  onStarted(info: LoginStartInfo): void;
  /** The system browser could not be opened for it; the person opens the URL from onStarted by hand. */
  onBrowserFailed?(): void;
  /**
   * Tokens from a code exchange that finished after the login was cancelled or timed
   * out (the login itself still rejects with E_LOGIN_CANCELLED / E_LOGIN_TIMEOUT).
   */
  onAbandoned(result: { tokens: TokenSet; identity: ProviderIdentity }): Promise<void>;
  /** The person expected to sign in (their subject), for the provider to preselect (Google's login_hint). */
  loginHint?: string;
  /** Ask again for this one permission only (a re-ask; see AuthorizationParams.permission). */
  permission?: Permission;
}

export type LoginRunner = (request: LoginRequest) => Promise<{ tokens: TokenSet; identity: ProviderIdentity }>;
