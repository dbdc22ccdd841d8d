// The real core (createKithCore: real providers, login flow, vault, documents)
// against a sandbox over real HTTP, with in-memory storage and a browser that
// consents by HTTP. The Facebook redirect gets a free port, registered with
// the sandbox when it is started through startKithSandbox.
import { randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../sandbox/server';
import { createSandboxAdmin, type SandboxAdmin } from '../../../sandbox/admin-client';
import type { Scheduler } from '../api/scheduler';
import { loadConfig } from '../config';
import { createKithCore, type KithCore } from '../kith-core';
import type { CorePorts } from '../ports';
import { createFakeCipher } from './fake-cipher';
import { freePort } from './free-port';
import { createMemoryStore, type MemoryStore } from './memory-store';
import { createSandboxBrowser, type SandboxBrowser } from './sandbox-browser';
import { createRecordingLogger, type RecordingLogger } from './test-logger';
import { throughContract, type ThroughContract } from './through-contract';

export interface KithSandbox {
  sandbox: RunningSandbox;
  admin: SandboxAdmin;
  facebookRedirectUri: string;
}

export async function startKithSandbox(options: StartSandboxOptions = {}): Promise<KithSandbox> {
  const port = await freePort();
  const facebookRedirectUri = `http://localhost:${port}/kith/facebook/callback`;
  const sandbox = await startSandbox({ ...options, facebookRedirectUris: [facebookRedirectUri] });
  return { sandbox, admin: createSandboxAdmin(sandbox.url), facebookRedirectUri };
}

export interface SandboxCore {
  /** The real core as the shells reach it: through the contract's client and dispatcher. */
  core: ThroughContract<KithCore>;
  store: MemoryStore;
  browser: SandboxBrowser;
  log: RecordingLogger;
  ports: CorePorts;
}

export async function createSandboxCore(
  env: KithSandbox,
  options: { store?: MemoryStore; scheduler?: Scheduler; fetch?: typeof fetch; loginTimeoutMs?: number } = {},
): Promise<SandboxCore> {
  const config = loadConfig({ KITH_SANDBOX_URL: env.sandbox.url, KITH_FACEBOOK_REDIRECT_URI: env.facebookRedirectUri });
  const store = options.store ?? createMemoryStore();
  const browser = createSandboxBrowser();
  const log = createRecordingLogger();
  const ports: CorePorts = {
    cipher: createFakeCipher(),
    store,
    browser,
    fetch: options.fetch ?? globalThis.fetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
  const core = await createKithCore(ports, config, {
    shell: 'host',
    version: 'test',
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.loginTimeoutMs ? { loginTimeoutMs: options.loginTimeoutMs } : {}),
  });
  return { core: throughContract(core, log), store, browser, log, ports };
}
