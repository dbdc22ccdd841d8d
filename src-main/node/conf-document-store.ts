// The host's DocumentStore: one `conf` file per document (<dataDir>/<name>.json,
// mode 0600, written atomically through conf's `atomically`), and a faster
// async path for the large per-account friends caches.
//
// Why two paths (measured with a 50,000-contact friends document, ~9 MB; see
// measure-large-document.ts): conf's `set` re-reads and re-parses the whole
// existing file twice (once to get the store, once to keep its internal
// migration key), then writes and fsyncs synchronously: ~200 ms with the event
// loop blocked and two extra copies of the old list in memory. The fast path
// stringifies once and writes asynchronously with the same temp+fsync+rename
// guarantee. Both paths keep the same file format (the document as plain
// JSON), so a document can move between them without migration.
//
// Reads take neither path: every document is read with readFile and
// JSON.parse, which is all conf's reading does with this store's deserialize.
// conf (with ajv, which it loads for schemas this store never uses) is then
// imported only at the first small write: `kith accounts` and the other
// read-only commands start about 30 ms sooner and 8 MB smaller without it.
import { watch, type FSWatcher } from 'node:fs';
import { chmod, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentName, DocumentStore, Logger, StoreReadResult } from '../core/ports';
import { assertDocumentName } from '../core/storage/document-name';
import { SerialQueue } from '../core/storage/serial-queue';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write';
import { ensureDataDir } from './data-dir';
import { acquireFileLock } from './file-lock';
import { moveAside } from './move-aside';

/** What conf keeps in memory per document: the document under one key. */
type Wrapped = { value?: unknown };

/** The options every conf-based store is opened with (conf and electron-store share them). */
export interface ConfOpenOptions {
  cwd: string;
  configName: string;
  fileExtension: 'json';
  configFileMode: number;
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
  serialize: (value: Wrapped) => string;
  deserialize: (text: string) => Wrapped;
}

/** The part of Conf (or ElectronStore, which extends it) this store uses. */
export interface ConfLike {
  readonly path: string;
  store: Wrapped;
}

export interface ConfDocumentStoreOptions {
  dir: string;
  log?: Logger;
  /** Documents that take the fast path instead of conf; default: the friends caches. */
  isLarge?: (name: DocumentName) => boolean;
  /** Opens one document's conf store; electron-store passes its own class here. */
  openConf?: (options: ConfOpenOptions) => ConfLike | Promise<ConfLike>;
  now?: () => number;
  /** KithConfig.insideSnap: conf writes non-atomically inside a Snap, so every document takes the fast (atomic) path. */
  insideSnap?: boolean;
}

export const FILE_MODE = 0o600;
const defaultIsLarge = (name: DocumentName) => name.startsWith('friends-');
const openWithConf = async (options: ConfOpenOptions): Promise<ConfLike> => {
  const { default: Conf } = await import('conf');
  return new Conf<Wrapped>(options) as ConfLike;
};

export async function createConfDocumentStore(options: ConfDocumentStoreOptions): Promise<DocumentStore> {
  const dir = await ensureDataDir(options.dir, options.log);
  const removed = await removeStaleTempFiles(dir);
  if (removed.length > 0) options.log?.info('removed temp files left by an interrupted write', { count: removed.length });
  return new ConfDocumentStore({ ...options, dir });
}

class ConfDocumentStore implements DocumentStore {
  readonly location: string;
  readonly #log: Logger | undefined;
  readonly #isLarge: (name: DocumentName) => boolean;
  readonly #openConf: (options: ConfOpenOptions) => ConfLike | Promise<ConfLike>;
  readonly #now: () => number;
  readonly #confs = new Map<string, ConfLike>();
  readonly #modeChecked = new Set<string>();
  /** Per document: async writes must land in call order (a late rename of an older version would win). */
  readonly #queues = new Map<string, SerialQueue>();
  /** Stamps known current: dropped when the folder watcher reports the file, or this store writes it. */
  readonly #stamps = new Map<string, string>();
  /** Bumped per document on every change report, so a stat that raced a change is not kept. */
  readonly #changes = new Map<string, number>();
  #watcher: FSWatcher | null = null;

  constructor(options: ConfDocumentStoreOptions) {
    this.location = options.dir;
    this.#log = options.log;
    const isLarge = options.isLarge ?? defaultIsLarge;
    // conf writes with a plain, non-atomic writeFileSync when it runs inside a Snap;
    // there every document takes the atomic fast path instead.
    this.#isLarge = options.insideSnap ? () => true : isLarge;
    this.#openConf = options.openConf ?? openWithConf;
    this.#now = options.now ?? Date.now;
    this.#watcher = this.#watchFolder();
  }

  /**
   * Watches the data folder (inotify, FSEvents, ReadDirectoryChangesW through fs.watch),
   * so that `stamp` can answer from memory until a document's file is reported changed,
   * by this process or another. Without a watcher, every stamp is a stat.
   */
  #watchFolder(): FSWatcher | null {
    try {
      const watcher = watch(this.location, { persistent: false }, (_event, filename) => {
        if (!filename) {
          // The platform did not say which file: forget every stamp.
          for (const name of this.#stamps.keys()) this.#changed(name);
          this.#stamps.clear();
          return;
        }
        if (filename.endsWith('.json')) this.#changed(filename.slice(0, -'.json'.length));
      });
      watcher.on('error', () => {
        watcher.close();
        this.#watcher = null;
        this.#stamps.clear();
      });
      return watcher;
    } catch {
      return null;
    }
  }

  #changed(name: string): void {
    this.#stamps.delete(name);
    this.#changes.set(name, (this.#changes.get(name) ?? 0) + 1);
  }

  async read(name: DocumentName): Promise<StoreReadResult> {
    const file = this.#file(name);
    await this.#checkMode(name, file);
    let text = '';
    try {
      text = await readFile(file, 'utf8');
      return { kind: 'ok', value: JSON.parse(text) as unknown };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      if (!(error instanceof SyntaxError)) throw error;
      // Never quote the parser's message: it can contain a snippet of the file.
      this.#confs.delete(name);
      const movedTo = await moveAside(file, 'corrupt', this.#now());
      this.#changed(name);
      return { kind: 'corrupt', movedTo, reason: 'the file is not valid JSON', text };
    }
  }

  async write(name: DocumentName, value: unknown): Promise<void> {
    const file = this.#file(name);
    if (value === undefined) throw new TypeError(`cannot store undefined in "${name}"`);
    await this.#serially(name, async () => {
      if (this.#isLarge(name)) {
        await writeFileAtomic(file, JSON.stringify(value), FILE_MODE);
        this.#confs.delete(name);
      } else {
        (await this.#conf(name)).store = { value };
      }
      this.#changed(name);
      this.#modeChecked.add(name);
    });
  }

  async remove(name: DocumentName): Promise<void> {
    const file = this.#file(name);
    await this.#serially(name, async () => {
      this.#confs.delete(name);
      await rm(file, { force: true });
      this.#changed(name);
    });
  }

  async moveAside(name: DocumentName, _reason: string): Promise<string> {
    const file = this.#file(name);
    return this.#serially(name, async () => {
      this.#confs.delete(name);
      const movedTo = await moveAside(file, 'invalid', this.#now());
      this.#changed(name);
      return movedTo;
    });
  }

  async stamp(name: DocumentName): Promise<string> {
    const known = this.#stamps.get(name);
    if (known !== undefined && this.#watcher) return known;
    const before = this.#changes.get(name) ?? 0;
    const stamp = await this.#statStamp(name);
    if (this.#watcher && (this.#changes.get(name) ?? 0) === before) this.#stamps.set(name, stamp);
    return stamp;
  }

  async #statStamp(name: DocumentName): Promise<string> {
    try {
      // Writes replace the file by rename, so the inode changes with every version; size
      // and nanosecond times catch an editor that rewrites the file in place.
      const info = await stat(this.#file(name), { bigint: true });
      return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  }

  lock(name: DocumentName): Promise<() => Promise<void>> {
    return acquireFileLock(path.join(this.location, `${assertDocumentName(name)}.lock`));
  }

  #serially<T>(name: DocumentName, task: () => Promise<T>): Promise<T> {
    let queue = this.#queues.get(name);
    if (!queue) {
      queue = new SerialQueue();
      this.#queues.set(name, queue);
    }
    return queue.run(task);
  }

  #file(name: DocumentName): string {
    return path.join(this.location, `${assertDocumentName(name)}.json`);
  }

  async #conf(name: DocumentName): Promise<ConfLike> {
    let conf = this.#confs.get(name);
    if (!conf) {
      // conf's constructor reads the file: a corrupt one throws SyntaxError here, and the write fails.
      conf = await this.#openConf({
        cwd: this.location,
        configName: name,
        fileExtension: 'json',
        configFileMode: FILE_MODE,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        // The file holds the document itself, not conf's wrapper object, so documents
        // may be arrays or null and the fast path reads the same format.
        serialize: (wrapped) => JSON.stringify(wrapped.value),
        deserialize: (text) => ({ value: JSON.parse(text) as unknown }),
      });
      this.#confs.set(name, conf);
    }
    return conf;
  }

  /** Files written by an older version or by hand may be readable by others: make them private once. */
  async #checkMode(name: DocumentName, file: string): Promise<void> {
    if (this.#modeChecked.has(name) || process.platform === 'win32') return;
    try {
      const info = await stat(file);
      if ((info.mode & 0o077) !== 0) {
        await chmod(file, FILE_MODE);
        this.#log?.warn('document was readable by other users; made it private', { document: name });
      }
      this.#modeChecked.add(name);
    } catch {
      // Missing: it will be created with mode 0600.
    }
  }
}
