// The real core (createKithCore: real providers, login flow, vault, documents)
// against a sandbox started by startKithSandbox, over real HTTP, with
// in-memory storage, the testing cipher and a browser that consents by HTTP.
import { randomBytes } from 'node:crypto';
import type { Scheduler } from '../api/scheduler';
import { createKithCore, type KithCore } from '../kith-core';
import type { Cipher, CorePorts } from '../ports';
import type { KithSandbox } from './kith-sandbox';
import { MemoryDocumentStore } from './memory-document-store';
import { createRecordingLogger, type RecordingLogger } from './recording-logger';
import { createSandboxBrowser, type SandboxBrowser } from './sandbox-browser';
import { tempFriendsDatabase, type TempFriendsDatabase } from '../../node/store/testing/temp-friends-database';
import { createTestingCipher } from './testing-cipher';
import { throughContract, type ThroughContract } from './through-contract';

export interface SandboxCore {
  /** The real core as the shells reach it: through the contract's client and dispatcher. */
  core: ThroughContract<KithCore>;
  store: MemoryDocumentStore;
  friendsDatabase: TempFriendsDatabase;
  browser: SandboxBrowser;
  log: RecordingLogger;
  ports: CorePorts;
}

export async function createSandboxCore(
  env: KithSandbox,
  options: { store?: MemoryDocumentStore; friendsDatabase?: TempFriendsDatabase; cipher?: Cipher; scheduler?: Scheduler; fetch?: typeof fetch; loginTimeoutMs?: number } = {},
): Promise<SandboxCore> {
  const store = options.store ?? new MemoryDocumentStore();
  const friendsDatabase = options.friendsDatabase ?? tempFriendsDatabase();
  const browser = createSandboxBrowser();
  const log = createRecordingLogger();
  const ports: CorePorts = {
    cipher: options.cipher ?? createTestingCipher(),
    store,
    friendsDatabase,
    browser,
    fetch: options.fetch ?? globalThis.fetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
  const core = await createKithCore(ports, env.config, {
    shell: 'host',
    version: 'test',
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.loginTimeoutMs ? { loginTimeoutMs: options.loginTimeoutMs } : {}),
  });
  return { core: throughContract(core, log), store, friendsDatabase, browser, log, ports };
}
