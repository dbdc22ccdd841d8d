// The core's ports over Electron: the data key under safeStorage (or a passphrase) and electron-store (the adapters
// in ./adapters), the encrypted SQLite friends database (src-main/node/store), Chromium's network stack for fetch, the allowlisted system
// browser, the wall clock and Node's CSPRNG.
import { randomBytes } from 'node:crypto';
import { app, net, safeStorage, shell } from 'electron';
import { KithError } from '../../src-contract/kith-api';
import type { KithConfig } from '../core/config';
import type { CorePorts, Logger } from '../core/ports';
import { ensureDataDir } from '../node/data-dir';
import { createSqliteFriendsDatabase } from '../node/store/sqlite-friends-database';
import { createElectronStoreDocumentStore } from './adapters/electron-store-document-store';
import { createElectronCipher } from './adapters/electron-cipher';
import { createShellFolderOpener } from './adapters/shell-folder-opener';
import type { SafeOpenExternal } from './safe-open-external';

export interface ElectronPortsOptions {
  config: KithConfig;
  log: Logger;
  openExternal: SafeOpenExternal;
}

/** net.fetch speaks the system's proxy settings; it takes a string or a Request, not a URL object. */
const electronFetch: typeof globalThis.fetch = (input, init) => net.fetch(input instanceof URL ? input.toString() : input, init);

export async function createElectronPorts(options: ElectronPortsOptions): Promise<CorePorts> {
  const dataDir = await ensureDataDir(options.config.dataDir ?? app.getPath('userData'), options.log);
  return {
    cipher: createElectronCipher(safeStorage, { dataDir, log: options.log }),
    store: await createElectronStoreDocumentStore({ dataDir, log: options.log, insideSnap: options.config.insideSnap }),
    // kith.db beside the documents: the same file the host shell (`kith`, `kith serve`) opens.
    friendsDatabase: createSqliteFriendsDatabase({ dataDir }),
    browser: {
      async open(url) {
        // KITH_BROWSER=none (as in the host shell): the window's "Open the sign-in page" link is the only way in; end-to-end tests play the browser.
        if (options.config.browser.kind === 'none') return;
        if (!(await options.openExternal(url))) throw new KithError('E_FORBIDDEN', 'Kith does not open this address in the browser.');
      },
    },
    folderOpener: createShellFolderOpener(shell, options.config.browser, options.log),
    fetch: electronFetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log: options.log,
  };
}
