// The host's ports for one CLI process: conf documents in the data folder,
// the node cipher (OS keyring, else a 0600 key file reported weak), the
// system browser (or print only), Node's fetch and clock, a redacting logger
// on stderr.
import { randomBytes } from 'node:crypto';
import type { KithConfig } from '../../core/config';
import { createLogger, type LogLevel } from '../../core/log/logger';
import type { BrowserOpener, CorePorts, Logger } from '../../core/ports';
import { createConfDocumentStore } from '../../node/conf-document-store';
import { resolveDataDir } from '../../node/data-dir';
import { createNodeBrowserOpener } from '../../node/node-browser-opener';
import { createNodeCipher } from '../../node/node-cipher';
import { createOsKeyring } from '../../node/os-keyring';

export interface HostPortsOptions {
  env: Record<string, string | undefined>;
  config: KithConfig;
  /** Never start a browser; the CLI prints the URL itself. */
  noBrowser: boolean;
  printErr(line: string): void;
}

export function hostLogger(env: Record<string, string | undefined>, printErr: (line: string) => void): Logger {
  const level = (['info', 'warn', 'error'] as const).find((l) => l === env.KITH_LOG) ?? 'warn';
  return createLogger({ level: level as LogLevel, sink: printErr });
}

export async function createHostPorts(options: HostPortsOptions): Promise<CorePorts> {
  const { env } = options;
  const log = hostLogger(env, options.printErr);
  const dataDir = options.config.dataDir ?? resolveDataDir(env);
  const store = await createConfDocumentStore({ dir: dataDir, log });
  const cipher = createNodeCipher({ dataDir: store.location, keyring: env.KITH_KEYRING === 'none' ? null : createOsKeyring(), log });
  // The CLI prints the consent URL on its own line already, so the opener stays quiet.
  const browser: BrowserOpener = options.noBrowser ? { open: async () => {} } : createNodeBrowserOpener({ env, log, print: () => {} });
  return {
    cipher,
    store,
    browser,
    fetch: globalThis.fetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
}
