// A complete core over fakes: in-memory store, reversible cipher, manual clock,
// fake providers and a scripted login. Each test gets its own.
import { randomBytes } from 'node:crypto';
import { assembleKithCore, type AssembledCore } from '../api/assemble-core';
import type { CoreDeps } from '../api/core-deps';
import type { CorePorts, FriendsDatabase } from '../ports';
import { scriptAccessOver } from '../revocation/script-access';
import { TypedDocumentStore } from '../storage/typed-document-store';
import { AccessTokenService } from '../tokens/access-token-service';
import { createMemoryFriendsDatabase } from '../../node/store/testing/memory-friends-database';
import { createTestingCipher } from './testing-cipher';
import { createFakeLogin, type FakeLogin } from './fake-login';
import { createFakeProvider, type FakeProvider } from './fake-provider';
import { createManualClock, type ManualClock } from './manual-clock';
import { MemoryDocumentStore } from './memory-document-store';
import { createMemoryVault, type MemoryVault } from './memory-vault';
import { createRecordingLogger, type RecordingLogger } from './recording-logger';
import { throughContract, type ThroughContract } from './through-contract';

export interface TestCore {
  /** The core as the shells reach it: through the contract's client and dispatcher. */
  core: ThroughContract<AssembledCore<null>>;
  /** The core itself, for a shell under test to put behind its own dispatcher (the host server, the CLI). */
  assembled: AssembledCore<null>;
  clock: ManualClock;
  store: MemoryDocumentStore;
  /** The friends store's database: the real SQLite store, in memory (no file I/O on a manual clock). */
  friendsDatabase: FriendsDatabase;
  vault: MemoryVault;
  login: FakeLogin;
  google: FakeProvider;
  facebook: FakeProvider;
  log: RecordingLogger;
  ports: CorePorts;
  /** Kith's own access tokens over the same store: disconnect everywhere ends them. */
  accessTokens: AccessTokenService;
  /** Builds a second core over the same store, vault and providers (a restart). */
  restart(): Promise<TestCore>;
}

export function createTestCore(
  options: Partial<Pick<CoreDeps<null>, 'googleAppInTesting' | 'disconnectWaitMs' | 'syncAfterConnect' | 'autoSync' | 'reachabilityUrls' | 'reachability' | 'watchLapses' | 'scriptAccess'>> & {
    /** The network as the reachability probe sees it; no network by default. */
    fetch?: typeof globalThis.fetch;
    /** The data folder's Open button; none by default. */
    folderOpener?: CorePorts['folderOpener'];
    /** Another friends database (the on-disk one, for tests of files, keys and damage). */
    friendsDatabase?: FriendsDatabase;
    shared?: Pick<TestCore, 'clock' | 'store' | 'friendsDatabase' | 'vault' | 'login' | 'google' | 'facebook' | 'log'>;
  } = {},
): TestCore {
  const clock = options.shared?.clock ?? createManualClock();
  const store = options.shared?.store ?? new MemoryDocumentStore({ now: clock.now });
  const friendsDatabase = options.shared?.friendsDatabase ?? options.friendsDatabase ?? createMemoryFriendsDatabase();
  const vault = options.shared?.vault ?? createMemoryVault();
  const log = options.shared?.log ?? createRecordingLogger();
  const login = options.shared?.login ?? createFakeLogin(clock.now);
  const google = options.shared?.google ?? createFakeProvider('google', clock);
  const facebook = options.shared?.facebook ?? createFakeProvider('facebook', clock);
  const ports: CorePorts = {
    cipher: createTestingCipher(),
    store,
    friendsDatabase,
    browser: { open: async () => {} },
    ...(options.folderOpener ? { folderOpener: options.folderOpener } : {}),
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in unit tests'))),
    clock,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
  const documents = new TypedDocumentStore(store, log, { now: clock.now });
  const accessTokens = new AccessTokenService({ documents, clock, randomBytes: ports.randomBytes, log });
  const assembled = assembleKithCore<null>({
    ports,
    documents,
    scriptAccess: options.scriptAccess ?? scriptAccessOver(accessTokens),
    vault,
    providers: { google, facebook },
    runLogin: login.run,
    accessTokens: null,
    scheduler: clock,
    shell: 'host',
    version: '0.0.0-test',
    syncAfterConnect: options.syncAfterConnect ?? false,
    // Timers of their own would fire in tests that advance the clock; tests that want them say so.
    autoSync: options.autoSync ?? false,
    ...(options.googleAppInTesting !== undefined ? { googleAppInTesting: options.googleAppInTesting } : {}),
    ...(options.disconnectWaitMs !== undefined ? { disconnectWaitMs: options.disconnectWaitMs } : {}),
    ...(options.watchLapses !== undefined ? { watchLapses: options.watchLapses } : {}),
    ...(options.reachabilityUrls ? { reachabilityUrls: options.reachabilityUrls } : {}),
    ...(options.reachability ? { reachability: options.reachability } : {}),
  });
  const shared = { clock, store, friendsDatabase, vault, login, google, facebook, log };
  return { core: throughContract(assembled, log), assembled, ports, accessTokens, ...shared, restart: async () => createTestCore({ ...options, shared }) };
}
