// The one way a Kith test starts the sandbox providers: in process, with a
// Facebook redirect URI on a free port registered with it (Facebook matches
// redirect URIs exactly, so the sandbox must know it), Kith's configuration
// pointed at it, and its typed admin client.
import type { StartSandboxOptions } from '../../../sandbox/server';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/testing/fixture';
import { loadConfig } from '../config/load-config';
import type { KithConfig } from '../config/kith-config';
import { freePort } from './free-port';

export interface KithSandbox extends TestSandbox {
  readonly facebookRedirectUri: string;
  /** The variables that point a Kith process at this sandbox. */
  readonly env: { KITH_SANDBOX_URL: string; KITH_FACEBOOK_REDIRECT_URI: string; KITH_FACEBOOK_LOGIN?: 'oidc' };
  readonly config: KithConfig;
}

export interface KithSandboxOptions extends StartSandboxOptions {
  /** Host of the Facebook redirect URI; Kith's default (DEFAULT_FACEBOOK_REDIRECT_URI) uses localhost. */
  redirectHost?: 'localhost' | '127.0.0.1';
  /** Facebook's Login Dialog on the loopback redirect (KITH_FACEBOOK_LOGIN=oidc) instead of Login for Devices. */
  facebookLogin?: 'device' | 'oidc';
}

export async function startKithSandbox(options: KithSandboxOptions = {}): Promise<KithSandbox> {
  const { redirectHost = 'localhost', facebookLogin = 'device', ...sandboxOptions } = options;
  const facebookRedirectUri = `http://${redirectHost}:${await freePort()}/kith/facebook/callback`;
  // Login for Devices polls at the interval the sandbox announces (Facebook's 5 s); tests need not wait that long.
  const running = await startTestSandbox({ facebookRedirectUris: [facebookRedirectUri], facebookDevicePollIntervalSeconds: 1, ...sandboxOptions });
  const env = { KITH_SANDBOX_URL: running.url, KITH_FACEBOOK_REDIRECT_URI: facebookRedirectUri, ...(facebookLogin === 'oidc' ? { KITH_FACEBOOK_LOGIN: 'oidc' as const } : {}) };
  return { ...running, facebookRedirectUri, env, config: loadConfig(env) };
}
