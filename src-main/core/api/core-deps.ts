// Everything the core is assembled from. createKithCore (kith-core.ts) fills it
// with the real vault, providers and login flow; tests fill it with fakes.
import type { LoginRunner } from '../accounts/login-runner';
import type { ProviderRegistry } from '../accounts/provider-registry';
import type { TokenStore } from '../accounts/token-store';
import type { CorePorts } from '../ports';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import type { AutoSyncTiming } from '../friends/auto-sync';
import type { ScriptAccess } from '../revocation/script-access';
import type { ReachabilityTiming } from '../friends/reachability';
import type { Scheduler } from './scheduler';
import type { AccessTokenService } from '../tokens/access-token-service';

export interface CoreDeps<AccessTokens> {
  ports: CorePorts;
  documents: TypedDocumentStore;
  vault: TokenStore;
  providers: ProviderRegistry;
  runLogin: LoginRunner;
  /** Kith's own access tokens (tokens/access-token-service.ts), exposed as `core.accessTokens`. */
  accessTokens: AccessTokens;
  /** The service behind `tokens.*` (the shell's accessTokens, so both share one index); a new one over `documents` when absent. */
  tokenService?: AccessTokenService;
  scheduler: Scheduler;
  shell: 'electron' | 'host';
  version: string;
  /** Google "Testing" apps' refresh tokens last 7 days; Kith warns ahead when this is set. */
  googleAppInTesting?: boolean;
  /** How long disconnect waits for the provider before answering 'queued'. */
  disconnectWaitMs?: number;
  /** Sync each new account in the background right after connect (on by default). */
  syncAfterConnect?: boolean;
  /** Script tokens and browser sessions, which "disconnect everywhere" ends too; none without it. */
  scriptAccess?: ScriptAccess;
  /** Warn before grants lapse while the core runs (default: as autoSync; one-shot commands do not). */
  watchLapses?: boolean;
  /** Periodic sync and offline retries once started (DEFAULT_AUTO_SYNC); false turns them off. */
  autoSync?: Partial<AutoSyncTiming> | false;
  /** The providers' hosts the reachability probe asks (friends/reachability.ts); none turns the probe off. */
  reachabilityUrls?: readonly string[];
  reachability?: Partial<ReachabilityTiming>;
}
