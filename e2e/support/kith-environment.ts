// One isolated Kith world per test: a sandbox process, a `kith serve` process
// pointed at it, and a fresh data folder. Nothing is shared between tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandboxAdmin, type SandboxAdmin } from '../../sandbox/admin-client';
import { startProcess, startSandboxProcess, type RunningProcess } from './processes';

export interface KithEnvironmentOptions {
  /** Contacts per seeded Google person. */
  contacts?: number;
  /** Friends per seeded Facebook person. */
  friends?: number;
  /** Extra environment for `kith serve` (test hooks such as KITH_LOGIN_TIMEOUT_MS). */
  hostEnv?: Record<string, string>;
  /** Files to put in the data folder before Kith starts (name -> contents). */
  dataFiles?: Record<string, string>;
}

export interface KithEnvironment {
  readonly sandboxUrl: string;
  readonly admin: SandboxAdmin;
  readonly dataDir: string;
  readonly launchUrl: string;
  readonly hostUrl: string;
  /** The environment `kith serve` runs with, for `kith` commands against the same data folder. */
  readonly cliEnv: Record<string, string>;
  /** What `kith serve` printed so far. */
  hostOutput(): string;
  /** Stops the sandbox as if the providers were unreachable. */
  stopSandbox(): Promise<void>;
  /**
   * Starts the sandbox again on its old port, as if the providers were reachable again. It
   * starts empty: grants issued before are unknown to it, so Kith's old tokens are refused.
   */
  restartSandbox(): Promise<void>;
  /**
   * Stops `kith serve`, runs `meanwhile` (to change the data folder as a person might), and starts
   * it again on the same folder, with `env` added to its environment, as a person closing Kith and
   * opening it later; answers the new launch link.
   */
  restartHost(change?: { env?: Record<string, string>; meanwhile?: () => void | Promise<void> }): Promise<string>;
  stop(): Promise<void>;
}

export async function startKithEnvironment(options: KithEnvironmentOptions = {}): Promise<KithEnvironment> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-e2e-'));
  for (const [name, contents] of Object.entries(options.dataFiles ?? {})) writeFileSync(path.join(dataDir, name), contents, { mode: 0o600 });
  let sandbox = await startSandboxProcess(options);
  const { url: sandboxUrl, facebookRedirectUri } = sandbox;
  let host: RunningProcess;
  const cliEnv: Record<string, string> = {
    KITH_SANDBOX_URL: sandboxUrl,
    KITH_DATA_DIR: dataDir,
    KITH_FACEBOOK_REDIRECT_URI: facebookRedirectUri,
    // No system browser in tests: the page's "Open the sign-in page" link is followed instead.
    KITH_BROWSER: 'none',
    ...options.hostEnv,
  };
  const startHost = (hostEnv: Record<string, string> = {}) =>
    startProcess(['src-main/host/cli.ts', 'serve', '--port', '0'], {
      name: 'kith serve',
      readyPattern: /(http:\/\/127\.0\.0\.1:\d+)\/launch\?\S+/,
      env: { ...cliEnv, ...hostEnv },
    });
  try {
    host = await startHost();
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  return {
    sandboxUrl,
    admin: createSandboxAdmin(sandboxUrl),
    dataDir,
    get launchUrl() {
      return host.ready[0];
    },
    get hostUrl() {
      return host.ready[1]!;
    },
    cliEnv,
    hostOutput: () => host.output(),
    restartHost: async (change = {}) => {
      await host.stop();
      await change.meanwhile?.();
      host = await startHost(change.env);
      return host.ready[0]!;
    },
    stopSandbox: () => sandbox.stop(),
    restartSandbox: async () => {
      await sandbox.stop();
      sandbox = await startSandboxProcess({ ...options, port: Number(new URL(sandboxUrl).port), facebookRedirectUri });
    },
    stop: async () => {
      await host.stop();
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
