// The host's ports for one CLI process: conf documents and the encrypted
// SQLite friends database (kith.db) in the data folder,
// the node cipher (OS keyring, else a 0600 key file reported weak), the
// system browser (or print only), Node's fetch and clock, a redacting logger
// on stderr.
import { randomBytes } from 'node:crypto';
import type { KithConfig } from '../../core/config';
import { createLogger } from '../../core/log/logger';
import type { BrowserOpener, CorePorts, Logger } from '../../core/ports';
import { createConfDocumentStore } from '../../node/conf-document-store';
import { createNodeBrowserOpener } from '../../node/node-browser-opener';
import { createNodeCipher } from '../../node/node-cipher';
import { createNodeFolderOpener } from '../../node/node-folder-opener';
import { createOsKeyring } from '../../node/os-keyring';
import { createSqliteFriendsDatabase } from '../../node/store/sqlite-friends-database';

export interface HostPortsOptions {
  config: KithConfig;
  /** Never start a browser; the CLI prints the URL itself. */
  noBrowser: boolean;
  printErr(line: string): void;
  /** SQLite's page cache for kith.db, in KiB; the store's default when absent. */
  sqliteCacheKiB?: number;
}

export function hostLogger(config: Pick<KithConfig, 'logLevel'>, printErr: (line: string) => void): Logger {
  return createLogger({ level: config.logLevel ?? 'warn', sink: printErr });
}

export async function createHostPorts(options: HostPortsOptions): Promise<CorePorts> {
  const { config } = options;
  const log = hostLogger(config, options.printErr);
  const store = await createConfDocumentStore({ dir: config.dataDir ?? config.defaultDataDir, log, insideSnap: config.insideSnap });
  const cipher = createNodeCipher({ dataDir: store.location, keyring: config.useKeyring ? createOsKeyring() : null, log });
  // The CLI prints the consent URL on its own line already, so the opener stays quiet.
  const browser: BrowserOpener = options.noBrowser ? { open: async () => {} } : createNodeBrowserOpener({ browser: config.browser, log, print: () => {} });
  return {
    cipher,
    store,
    // WAL and a busy timeout let this process and `kith serve` share kith.db.
    friendsDatabase: createSqliteFriendsDatabase({ dataDir: store.location, ...(options.sqliteCacheKiB !== undefined ? { cacheKiB: options.sqliteCacheKiB } : {}) }),
    browser,
    // The Settings page's Open button, for the window `kith serve` shows on this same computer.
    folderOpener: createNodeFolderOpener({ browser: options.noBrowser ? { kind: 'none' } : config.browser, log }),
    fetch: globalThis.fetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
}
