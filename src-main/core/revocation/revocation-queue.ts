// Revocations at the provider that must happen even when the provider cannot
// be reached: tokens wait here, sealed, and are retried with backoff (on a
// timer, at startup, and when connectivity returns) until the provider
// confirms. An answer that the token is already invalid counts as done.
import { type PendingRevocation, type ProviderId } from '../../../src-preload/api';
import { providerFor, type ProviderRegistry } from '../accounts/provider-registry';
import { createSerialQueue } from '../api/serial-queue';
import { hasCode, toKithError } from '../api/errors';
import type { EventHub } from '../api/event-hub';
import type { Scheduler } from '../api/scheduler';
import type { Connectivity } from '../friends/connectivity';
import type { Cipher, Clock, Logger } from '../ports';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { TokenSetSchema } from '../vault/token-vault';
import type { TokenSet } from '../providers/provider';
import { SealedBox } from '../vault/sealed-box';
import { revocationDelay } from './backoff';
import { revocationsDocument, type RevocationEntry } from './revocation-document';

export interface RevocationQueueDeps {
  documents: TypedDocumentStore;
  cipher: Cipher;
  providers: ProviderRegistry;
  connectivity: Connectivity;
  events: EventHub;
  clock: Clock;
  scheduler: Scheduler;
  randomBytes(size: number): Uint8Array;
  log: Logger;
}

export interface RevocationQueue {
  /** Seals the tokens into the queue (on disk) and returns the entry id. */
  enqueue(item: { provider: ProviderId; subject: string; accountLabel: string; tokens: TokenSet }): Promise<string>;
  /** Tries the entry now; resolves true once the provider confirmed (or it is no longer queued). */
  attempt(id: string): Promise<boolean>;
  /** Tries every queued entry now (startup, connectivity back). */
  retryAll(): void;
  /** Drops queued revocations of a person who just reconnected: revoking them would end the new grant too. */
  forget(provider: ProviderId, subject: string): Promise<void>;
  pending(): Promise<PendingRevocation[]>;
  /** Stops timers; waits a little for attempts on the wire. */
  close(): Promise<void>;
}

export function createRevocationQueue(deps: RevocationQueueDeps): RevocationQueue {
  let entries: RevocationEntry[] | null = null;
  let loading: Promise<RevocationEntry[]> | null = null;
  let closed = false;
  const serial = createSerialQueue();
  // Sealed with the Cipher; nothing but this queue opens these entries.
  const box = new SealedBox(deps.cipher);
  const timers = new Map<string, () => void>();
  const inFlight = new Map<string, Promise<boolean>>();

  async function loaded(): Promise<RevocationEntry[]> {
    if (entries) return entries;
    loading ??= deps.documents.readOr(revocationsDocument, () => ({ version: 1 as const, entries: [] })).then(({ value }) => {
      entries = value.entries;
      return entries;
    });
    return loading;
  }
  const save = () => serial(() => deps.documents.write(revocationsDocument, { version: 1, entries: entries ?? [] }));
  const toPending = (e: RevocationEntry): PendingRevocation => ({
    id: e.id,
    provider: e.provider,
    accountLabel: e.accountLabel,
    queuedAt: e.queuedAt,
    attempts: e.attempts,
    lastError: e.lastError,
    nextAttemptAt: e.nextAttemptAt,
  });
  const announce = async () => deps.events.emit('revocationsChanged', (await loaded()).map(toPending));

  function schedule(entry: RevocationEntry) {
    timers.get(entry.id)?.();
    if (closed || entry.nextAttemptAt === null) return;
    const cancel = deps.scheduler.schedule(() => {
      timers.delete(entry.id);
      void queue.attempt(entry.id);
    }, entry.nextAttemptAt - deps.clock.now());
    timers.set(entry.id, cancel);
  }

  async function remove(id: string) {
    const list = await loaded();
    const index = list.findIndex((e) => e.id === id);
    if (index >= 0) list.splice(index, 1);
    timers.get(id)?.();
    timers.delete(id);
    await save();
    await announce();
  }

  async function tryRevoke(id: string): Promise<boolean> {
    const entry = (await loaded()).find((e) => e.id === id);
    if (!entry) return true;
    let outcome: unknown = null;
    try {
      const tokens = await box.open(entry.sealedTokens, TokenSetSchema);
      await deps.connectivity.track(() => providerFor(deps.providers, entry.provider).revoke(tokens));
    } catch (error) {
      outcome = error;
    }
    // "Unknown token" / already revoked: the grant is gone, which is all a revocation wants.
    if (outcome === null || hasCode(outcome, 'E_GRANT_REVOKED')) {
      deps.log.info('revoked at the provider', { revocationId: id, provider: entry.provider });
      await remove(id);
      return true;
    }
    const error = toKithError(outcome);
    const current = (await loaded()).find((e) => e.id === id);
    if (!current) return true;
    current.attempts += 1;
    current.lastError = error.message;
    current.nextAttemptAt = deps.clock.now() + revocationDelay(current.attempts);
    deps.log.warn('revocation failed; will retry', { revocationId: id, provider: entry.provider, code: error.code, attempts: current.attempts });
    await save();
    schedule(current);
    await announce();
    return false;
  }

  const queue: RevocationQueue = {
    async enqueue(item) {
      const sealed = await box.seal(item.tokens);
      const entry: RevocationEntry = {
        id: `rev_${Buffer.from(deps.randomBytes(8)).toString('hex')}`,
        provider: item.provider,
        subject: item.subject,
        accountLabel: item.accountLabel,
        queuedAt: deps.clock.now(),
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        sealedTokens: sealed,
      };
      (await loaded()).push(entry);
      await save();
      await announce();
      return entry.id;
    },
    attempt(id) {
      const existing = inFlight.get(id);
      if (existing) return existing;
      const flight = tryRevoke(id)
        .catch((error: unknown) => {
          // Only storage can fail here; the entry stays queued for the next attempt.
          deps.log.error('revocation bookkeeping failed', { revocationId: id, code: toKithError(error).code });
          return false;
        })
        .finally(() => inFlight.delete(id));
      inFlight.set(id, flight);
      return flight;
    },
    retryAll() {
      if (closed) return;
      void loaded().then((list) => {
        for (const entry of [...list]) void queue.attempt(entry.id);
      });
    },
    async forget(provider, subject) {
      const list = await loaded();
      const dropped = list.filter((e) => e.provider === provider && e.subject === subject);
      if (dropped.length === 0) return;
      for (const entry of dropped) await remove(entry.id);
    },
    async pending() {
      return (await loaded()).map(toPending);
    },
    async close() {
      closed = true;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      await Promise.race([Promise.allSettled([...inFlight.values()]), new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
  return queue;
}
