// What scripts did with their Kith access tokens: one entry per request made
// with a personal token (time, token, method, path without secrets, status,
// duration, bytes), the newest 10,000 or 30 days, whichever is fewer, and a
// count of failed authentications per source (never what was sent). Entries
// wait in memory and are appended in one batch a second and at close, off the
// request path, to the AccessLogStore port (the SQLite store in both shells).
import type { AccessLogEntry, AccessLogStore, Clock, FailedAuthCount, Logger } from '../ports';
import { AccessLogBatch } from './access-log-batch';

export type { AccessLogEntry, FailedAuthCount };

export const ACCESS_LOG_MAX_ENTRIES = 10_000;
export const ACCESS_LOG_MAX_AGE_MS = 30 * 24 * 3600_000;
const FLUSH_MS = 1_000;
/** Rows per transaction when a flush is written (see flush). */
const APPEND_SLICE = 250;

export interface AccessLogOptions {
  /** The store, once it can be opened; null where none is kept (entries then live in memory only). */
  store: () => Promise<AccessLogStore | null>;
  clock: Clock;
  log: Logger;
  scheduleFlush?: (flush: () => void) => void;
}

/** Query parameters whose values are never kept (a token pasted into a URL by mistake). */
const SECRET_PARAM = /token|secret|key|password|passwd|auth|code|signature/i;

/** Paths that loggablePath left as they were. */
const unchanged = new Map<string, string>();

/** The path and query as logged: secret-looking parameters keep their name, lose their value. */
export function loggablePath(pathAndQuery: string): string {
  const known = unchanged.get(pathAndQuery);
  if (known !== undefined) return known;
  const logged = redacted(pathAndQuery);
  // Scripts poll the same few paths: one that needed nothing cut is kept (so never a secret), a few hundred at most.
  if (logged === pathAndQuery) {
    if (unchanged.size >= 256) unchanged.clear();
    unchanged.set(pathAndQuery, logged);
  }
  return logged;
}


function redacted(pathAndQuery: string): string {
  const url = new URL(pathAndQuery, 'http://kith.invalid');
  for (const name of [...url.searchParams.keys()]) if (SECRET_PARAM.test(name)) url.searchParams.set(name, 'redacted');
  // A bearer token pasted into the path itself is cut out too.
  const pathname = url.pathname.replace(/kith_[a-z]_[0-9A-Za-z]+/g, 'redacted');
  return `${pathname}${url.search}`.slice(0, 2048);
}

export class AccessLog {
  readonly #store: () => Promise<AccessLogStore | null>;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #schedule: (flush: () => void) => void;
  /** Recorded, not yet handed to the store. */
  readonly #pending = new AccessLogBatch(ACCESS_LOG_MAX_ENTRIES);
  /** Handed to the store while there was none (the database could not be opened): kept for this process's readers and the next flush. */
  #unsaved: AccessLogEntry[] = [];
  #failures = new Map<string, { count: number; lastAt: number }>();
  #scheduled = false;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: AccessLogOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.log;
    this.#schedule = options.scheduleFlush ?? ((flush) => setTimeout(flush, FLUSH_MS).unref());
  }

  /** Records one request made with a personal token (kept in memory until the next flush; the newest 10,000 at most). */
  record(entry: AccessLogEntry): void {
    const path = loggablePath(entry.path);
    this.#pending.push(path === entry.path ? entry : { ...entry, path });
    this.#later();
  }

  /** Counts a failed authentication from `source` (an address); what was sent is not kept. */
  failed(source: string): void {
    const known = this.#failures.get(source);
    this.#failures.set(source, { count: (known?.count ?? 0) + 1, lastAt: this.#clock.now() });
    this.#later();
  }

  /** One token's entries, newest first, optionally only some statuses (4xx as 400..499); pending ones included. */
  async entries(tokenId: string, options: { limit?: number; status?: { min: number; max: number } } = {}): Promise<AccessLogEntry[]> {
    const limit = options.limit ?? ACCESS_LOG_MAX_ENTRIES;
    const status = options.status;
    await this.#flushing;
    const wanted = (id: string, code: number) => id === tokenId && (!status || (code >= status.min && code <= status.max));
    const pending = [...this.#unsaved.filter((e) => wanted(e.tokenId, e.status)), ...this.#pending.filter(wanted)].reverse();
    const store = await this.#store();
    const stored = store ? await store.entries(tokenId, { limit, ...(status ? { status } : {}) }) : [];
    return [...pending, ...stored].slice(0, limit);
  }

  /** Requests kept per token id, stored and pending. */
  async counts(): Promise<Map<string, number>> {
    await this.#flushing;
    const store = await this.#store();
    const counts = store ? await store.counts() : new Map<string, number>();
    for (const e of this.#unsaved) counts.set(e.tokenId, (counts.get(e.tokenId) ?? 0) + 1);
    return this.#pending.countInto(counts);
  }

  /** Failed authentications per source, stored and pending. */
  async failures(): Promise<FailedAuthCount[]> {
    await this.#flushing;
    const store = await this.#store();
    const merged = new Map((store ? await store.failures() : []).map((f) => [f.source, { ...f }]));
    for (const [source, added] of this.#failures) {
      const known = merged.get(source);
      merged.set(source, known ? { source, count: known.count + added.count, lastAt: Math.max(known.lastAt, added.lastAt) } : { source, ...added });
    }
    return [...merged.values()];
  }

  /** Appends what waits in memory (called every second, and as the server stops). */
  flush(): Promise<void> {
    this.#scheduled = false;
    const failures = this.#failures;
    if (this.#pending.length === 0 && this.#unsaved.length === 0 && failures.size === 0) return this.#flushing;
    const entries = this.#unsaved.length > 0 ? [...this.#unsaved, ...this.#pending.drain()].slice(-ACCESS_LOG_MAX_ENTRIES) : this.#pending.drain();
    this.#unsaved = [];
    this.#failures = new Map();
    const bounds = { now: this.#clock.now(), maxEntries: ACCESS_LOG_MAX_ENTRIES, maxAgeMs: ACCESS_LOG_MAX_AGE_MS };
    this.#flushing = this.#flushing
      .then(async () => {
        const store = await this.#store();
        if (!store) {
          // Nowhere to keep them: they stay in memory (bounded, oldest first) for this process's readers and the next flush.
          this.#unsaved = [...this.#unsaved, ...entries].slice(-ACCESS_LOG_MAX_ENTRIES);
          return;
        }
        // A second of a busy script's requests is thousands of rows: written a slice per
        // turn of the event loop, each its own transaction, no request waits behind the
        // whole second's writing (one 3,000-row append held the loop for 30-50 ms).
        let counts: FailedAuthCount[] = [...failures].map(([source, f]) => ({ source, ...f }));
        for (let at = 0; at < entries.length || counts.length > 0; at += APPEND_SLICE) {
          if (at > 0) await new Promise((resolve) => setImmediate(resolve));
          await store.append(entries.slice(at, at + APPEND_SLICE), counts, bounds);
          counts = [];
        }
      })
      .catch((error: unknown) => this.#log.warn('could not save the access log', { error: error instanceof Error ? error.message : String(error) }));
    return this.#flushing;
  }

  #later(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => void this.flush());
  }
}
