// The Electron shell's DocumentStore: the same store as the host's
// (src-main/node/conf-document-store.ts: one file per document, 0600, atomic,
// corrupt files moved aside, the fast path for friends caches), with each
// document opened through electron-store, which is conf under Electron's
// conventions. electron-store imports `electron`, so it is loaded lazily and
// tests pass an equivalent class instead.
import type { DocumentStore, Logger } from '../../core/ports';
import { createConfDocumentStore, type ConfLike, type ConfOpenOptions } from '../../node/conf-document-store';

export interface ElectronStoreDocumentStoreOptions {
  /** An absolute folder (app.getPath('userData') or KITH_DATA_DIR). */
  dataDir: string;
  log?: Logger;
  /** Opens one document; defaults to electron-store. */
  openStore?: (options: ConfOpenOptions) => ConfLike;
  /** KithConfig.insideSnap. */
  insideSnap?: boolean;
}

export async function createElectronStoreDocumentStore(options: ElectronStoreDocumentStoreOptions): Promise<DocumentStore> {
  const openStore = options.openStore ?? (await electronStoreOpener());
  return createConfDocumentStore({ dir: options.dataDir, log: options.log, openConf: openStore, insideSnap: options.insideSnap ?? false });
}

async function electronStoreOpener(): Promise<(options: ConfOpenOptions) => ConfLike> {
  const { default: ElectronStore } = await import('electron-store');
  // electron-store names the file with `name` and sets conf's `configName` from it.
  return ({ configName, ...rest }) => new ElectronStore<{ value?: unknown }>({ ...rest, name: configName }) as ConfLike;
}
