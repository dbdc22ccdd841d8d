// The composition root of the core: real vault, access tokens, providers and
// login flow, assembled into one KithApi. Both shells call createKithCore and
// nothing else; tests assemble the same services over fakes (api/assemble-core).
import type { KithHandlers } from '../../src-contract/kith-api';
import type { LoginRunner } from './accounts/login-runner';
import { assembleKithCore } from './api/assemble-core';
import { createRealProviders } from './api/real-providers';
import { realScheduler, type Scheduler } from './api/scheduler';
import type { KithConfig } from './config';
import type { NetworkHints } from './api/network-hints';
import type { AutoSyncTiming } from './friends/auto-sync';
import { allowlistedBrowser } from './login/allowlisted-browser';
import type { CorePorts } from './ports';
import { TypedDocumentStore } from './storage/typed-document-store';
import { scriptAccessOver } from './revocation/script-access';
import type { AccessLog } from './tokens/access-log';
import { AccessTokenService } from './tokens/access-token-service';
import { TokenVault } from './vault/token-vault';

/** The core behind a shell's dispatcher (IPC, the host server, the CLI's client): inputs arrive validated. */
export interface KithCore extends KithHandlers {
  /** Kith's own access tokens (launch links, sessions, personal tokens for scripts). */
  readonly accessTokens: AccessTokenService;
  /** What the shell noticed about the computer: its network dropped or came back, it woke from sleep. */
  readonly hints: NetworkHints;
  /** What scripts did with their tokens (recorded by the host server). */
  readonly accessLog: AccessLog;
  /** Settles once the work started in the background so far has (a benchmark's quiet point between two timed steps). */
  idle(): Promise<void>;
  /** Lets go of the people index held in memory while nothing uses it (saved in the store, it is read again when next asked for). */
  releaseIndex(): Promise<boolean>;
  /** Stops timers and retries, cancels a login in progress, waits briefly for work on the wire. */
  close(): Promise<void>;
}

export interface KithCoreOptions {
  shell: 'electron' | 'host';
  version: string;
  /** Timers for revocation retries; tests pass a manual one. */
  scheduler?: Scheduler;
  /** Overrides config.google.appInTesting (tests). */
  googleAppInTesting?: boolean;
  /** Overrides config.loginTimeoutMs (tests). */
  loginTimeoutMs?: number;
  /** Periodic sync and offline retries (default DEFAULT_AUTO_SYNC); false for one-shot commands. */
  autoSync?: Partial<AutoSyncTiming> | false;
}

export async function createKithCore(ports: CorePorts, config: KithConfig, options: KithCoreOptions): Promise<KithCore> {
  const documents = new TypedDocumentStore(ports.store, ports.log, { now: () => ports.clock.now() });
  const vault = new TokenVault({ documents, cipher: ports.cipher, log: ports.log });
  const accessTokens = new AccessTokenService({ documents, clock: ports.clock, randomBytes: ports.randomBytes, log: ports.log });
  const browser = allowlistedBrowser(ports.browser, config.allowedBrowserOrigins);
  const timeoutMs = options.loginTimeoutMs ?? config.loginTimeoutMs;
  // The login flows (the loopback HTTP server, node:http, PKCE; the device poller) load at the
  // first sign-in, not with every start: most `kith` commands never sign in.
  const login: LoginRunner = async ({ provider, signal, onStarted, onBrowserFailed, onAbandoned, loginHint, permission }) => {
    const common = { provider, browser, onStarted, onAbandoned, signal, clock: ports.clock, log: ports.log, timeoutMs, ...(onBrowserFailed ? { onBrowserFailed } : {}) };
    // A device login has no redirect to preselect a person on, nor a consent URL to narrow: the
    // provider's device page asks for every permission again (Facebook's shows the friends box).
    if (provider.deviceLogin) {
      return (await import('./login/device-login')).runDeviceLogin({ ...common, device: provider.deviceLogin, allowedOrigins: config.allowedBrowserOrigins });
    }
    return (await import('./login/login-flow')).runLogin({
      ...common,
      ...(loginHint ? { loginHint } : {}),
      ...(permission ? { permission } : {}),
      randomBytes: ports.randomBytes,
    });
  };
  const core = assembleKithCore({
    ports,
    documents,
    vault,
    providers: createRealProviders(config, ports),
    runLogin: login,
    accessTokens,
    scriptAccess: scriptAccessOver(accessTokens),
    tokenService: accessTokens,
    scheduler: options.scheduler ?? realScheduler,
    shell: options.shell,
    version: options.version,
    googleAppInTesting: options.googleAppInTesting ?? config.google.appInTesting,
    autoSync: options.autoSync === false ? false : { staleAfterMs: config.syncStaleAfterMs, ...options.autoSync },
    // Any HTTP answer from these hosts means the network is there (friends/reachability.ts).
    reachabilityUrls: [config.google.tokenUrl, config.facebook.graphUrl],
  });
  // Revocations an earlier run could not finish are retried now, and the periodic sync starts (in the background).
  core.start();
  const { start: _start, ...api } = core;
  return {
    ...api,
    async close() {
      await api.close();
      await accessTokens.flushUses();
    },
  };
}
