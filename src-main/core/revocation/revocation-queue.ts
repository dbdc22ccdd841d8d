// Revocations at the provider that must happen even when the provider cannot
// be reached: tokens wait here, sealed, and are retried with backoff (on a
// timer, at startup, and when connectivity returns) until the provider
// confirms. An answer that the token is already invalid counts as done.
import { type KithErrorCode, type PendingRevocation, type ProviderId } from '../../../src-contract/kith-api';
import { providerFor, type ProviderRegistry } from '../accounts/provider-registry';
import { hasCode } from '../../../src-contract/errors';
import { toCoreError } from '../api/core-error';
import type { EventHub } from '../api/event-hub';
import type { Scheduler } from '../api/scheduler';
import type { Connectivity } from '../friends/connectivity';
import type { Cipher, Clock, Logger } from '../ports';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { TokenSetSchema } from '../vault/token-vault';
import type { TokenSet } from '../providers/provider';
import { SealedBox } from '../vault/sealed-box';
import { isVaultLocked } from '../vault/vault-locked';
import { revocationDelay } from './backoff';
import type { RevocationSettled } from './disconnect-history';
import { givesUp, isAnsweredFailure } from './give-up';
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
  /**
   * An entry is about to leave the queue: the provider confirmed, Kith gave up (give-up.ts), or a
   * reconnect stopped it. Awaited before the entry is removed, so a receipt never reads as lost.
   */
  onSettled?(id: string, outcome: RevocationSettled): Promise<void>;
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
  /**
   * Holds the provider's revocations while a login runs: no new attempt for it starts
   * (one that falls due meanwhile runs again on release), and the promise resolves once
   * the attempts already on the wire for it have settled. Google's revocation ends the
   * whole grant, so an old revocation landing after the new code exchange would kill the
   * account just reconnected. Call the returned function to release (idempotent).
   */
  hold(provider: ProviderId): Promise<() => void>;
  pending(): Promise<PendingRevocation[]>;
  /**
   * Seals again with the cipher's current key every entry the cipher asks to be (one sealed
   * another way, such as an earlier desktop version's safeStorage blob): before the data key
   * moves, no queued revocation may still depend on the store the key leaves. An entry that
   * cannot be opened is left as it is; a locked vault rejects and nothing changes.
   */
  resealAll(): Promise<void>;
  /** The code of the entry's last failure (E_OFFLINE, E_PROVIDER, ...), or null. */
  lastProblem(id: string): Promise<KithErrorCode | null>;
  /** Stops timers; waits a little for attempts on the wire. */
  close(): Promise<void>;
}

interface Flight {
  /** Known once the entry has been read; null until then. */
  provider: ProviderId | null;
  /** Settles once the provider is known (or the attempt ended without reading an entry). */
  known: Promise<void>;
  done: Promise<boolean>;
}

export function createRevocationQueue(deps: RevocationQueueDeps): RevocationQueue {
  let closed = false;
  // Sealed with the Cipher; nothing but this queue opens these entries.
  const box = new SealedBox(deps.cipher);
  const timers = new Map<string, () => void>();
  const inFlight = new Map<string, Flight>();
  const holds = new Map<ProviderId, number>();
  // Attempts that fell due while their provider was held; they run again on release.
  const deferred = new Map<ProviderId, Set<string>>();

  // Read fresh every time and changed only under the store's lock: a CLI process and
  // `kith serve` may share the queue, and neither may drop the other's entries.
  const empty = () => ({ version: 1 as const, entries: [] });
  const read = async () => (await deps.documents.readOr(revocationsDocument, empty)).value.entries;
  const change = <R>(edit: (entries: RevocationEntry[]) => R) =>
    deps.documents.update(revocationsDocument, empty, (doc) => ({ result: edit(doc.entries), changed: true }));
  const toPending = (e: RevocationEntry): PendingRevocation => ({
    id: e.id,
    provider: e.provider,
    accountLabel: e.accountLabel,
    queuedAt: e.queuedAt,
    attempts: e.attempts,
    lastError: e.lastError,
    nextAttemptAt: e.nextAttemptAt,
  });
  const announce = (entries: RevocationEntry[]) => deps.events.emit('revocationsChanged', entries.map(toPending));

  function schedule(entry: RevocationEntry) {
    timers.get(entry.id)?.();
    timers.delete(entry.id);
    if (closed || entry.nextAttemptAt === null) return;
    const cancel = deps.scheduler.schedule(() => {
      timers.delete(entry.id);
      void queue.attempt(entry.id);
    }, entry.nextAttemptAt - deps.clock.now());
    timers.set(entry.id, cancel);
  }

  async function settle(ids: readonly string[], outcome: RevocationSettled) {
    for (const id of ids) {
      await deps.onSettled?.(id, outcome).catch((error: unknown) => {
        // The receipt stays pending and reads as lost; the revocation itself is done or dropped either way.
        deps.log.warn('could not update the receipt of a revocation', { revocationId: id, code: toCoreError(error).code });
      });
    }
  }

  async function remove(ids: Set<string>) {
    const left = await change((entries) => {
      for (let i = entries.length - 1; i >= 0; i--) if (ids.has(entries[i]!.id)) entries.splice(i, 1);
      return entries;
    });
    for (const id of ids) {
      timers.get(id)?.();
      timers.delete(id);
    }
    announce(left);
  }

  async function tryRevoke(id: string, flight: Flight, providerKnown: () => void): Promise<boolean> {
    const entry = (await read()).find((e) => e.id === id);
    if (!entry) return true;
    flight.provider = entry.provider;
    providerKnown();
    let outcome: unknown = null;
    try {
      const tokens: TokenSet = await box.open(entry.sealedTokens, TokenSetSchema);
      // Checked again right before the wire: the person may have reconnected (and the
      // entry been forgotten) while this attempt waited for its turn or unsealed.
      if (!(await read()).some((e) => e.id === id)) return true;
      // No await between this check and the request, so a hold taken now either sees this
      // attempt in flight or stops it here.
      if (holds.has(entry.provider)) {
        const ids = deferred.get(entry.provider) ?? new Set<string>();
        ids.add(id);
        deferred.set(entry.provider, ids);
        deps.log.info('revocation held while a login runs', { revocationId: id, provider: entry.provider });
        return false;
      }
      await deps.connectivity.track(() => providerFor(deps.providers, entry.provider).revoke(tokens));
    } catch (error) {
      outcome = error;
    }
    // "Unknown token" / already revoked: the grant is gone, which is all a revocation wants.
    if (outcome === null || hasCode(outcome, 'E_GRANT_REVOKED')) {
      deps.log.info('revoked at the provider', { revocationId: id, provider: entry.provider });
      await settle([id], { state: 'confirmed', problem: null });
      await remove(new Set([id]));
      return true;
    }
    const error = toCoreError(outcome);
    const { updated, entries } = await change((list) => {
      const current = list.find((e) => e.id === id);
      if (current) {
        current.attempts += 1;
        current.lastError = error.message;
        current.lastErrorCode = error.code;
        if (isAnsweredFailure(error.code)) current.answeredFailures = (current.answeredFailures ?? 0) + 1;
        current.nextAttemptAt = deps.clock.now() + revocationDelay(current.attempts);
      }
      return { updated: current, entries: list };
    });
    if (!updated) return true;
    if (givesUp({ queuedAt: updated.queuedAt, answeredFailures: updated.answeredFailures ?? 0 }, deps.clock.now())) {
      deps.log.warn('revocation given up: the provider keeps refusing', { revocationId: id, provider: entry.provider, code: error.code, attempts: updated.attempts });
      await settle([id], { state: 'failed', problem: error.code });
      await remove(new Set([id]));
      return false;
    }
    deps.log.warn('revocation failed; will retry', { revocationId: id, provider: entry.provider, code: error.code, attempts: updated.attempts });
    schedule(updated);
    announce(entries);
    return false;
  }

  const queue: RevocationQueue = {
    async enqueue(item) {
      const entry: RevocationEntry = {
        id: `rev_${Buffer.from(deps.randomBytes(8)).toString('hex')}`,
        provider: item.provider,
        subject: item.subject,
        accountLabel: item.accountLabel,
        queuedAt: deps.clock.now(),
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        sealedTokens: await box.seal(item.tokens),
      };
      const entries = await change((list) => {
        list.push(entry);
        return list;
      });
      announce(entries);
      return entry.id;
    },
    attempt(id) {
      const existing = inFlight.get(id);
      if (existing) return existing.done;
      let providerKnown!: () => void;
      const known = new Promise<void>((resolve) => (providerKnown = resolve));
      const flight: Flight = { provider: null, known, done: Promise.resolve(false) };
      flight.done = tryRevoke(id, flight, providerKnown)
        .catch((error: unknown) => {
          // Only storage can fail here; the entry stays queued for the next attempt.
          deps.log.error('revocation bookkeeping failed', { revocationId: id, code: toCoreError(error).code });
          return false;
        })
        .finally(() => {
          providerKnown();
          if (inFlight.get(id) === flight) inFlight.delete(id);
        });
      inFlight.set(id, flight);
      return flight.done;
    },
    retryAll() {
      if (closed) return;
      void read()
        .then((entries) => {
          for (const entry of entries) void queue.attempt(entry.id);
        })
        .catch((error: unknown) => deps.log.error('could not read the revocation queue', { code: toCoreError(error).code }));
    },
    async forget(provider, subject) {
      const dropped = (await read()).filter((e) => e.provider === provider && e.subject === subject);
      if (dropped.length === 0) return;
      await settle(
        dropped.map((e) => e.id),
        { state: 'stopped', problem: null },
      );
      await remove(new Set(dropped.map((e) => e.id)));
    },
    async hold(provider) {
      holds.set(provider, (holds.get(provider) ?? 0) + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (holds.get(provider) ?? 1) - 1;
        if (left > 0) {
          holds.set(provider, left);
          return;
        }
        holds.delete(provider);
        const due = deferred.get(provider);
        deferred.delete(provider);
        // A reconnect has forgotten its own entries by now; the others resume at once.
        if (due && !closed) for (const id of due) void queue.attempt(id);
      };
      // An attempt still reading its entry may turn out to be this provider's; one of
      // another provider is never waited for (its revocations go on meanwhile).
      const settling = [...inFlight.values()].map(async (f) => {
        await f.known;
        if (f.provider === provider) await f.done;
      });
      await Promise.allSettled(settling);
      return release;
    },
    async pending() {
      return (await read()).map(toPending);
    },
    async resealAll() {
      for (const entry of await read()) {
        let opened;
        try {
          opened = await box.openDetailed(entry.sealedTokens, TokenSetSchema);
        } catch (error) {
          if (isVaultLocked(error)) throw error;
          deps.log.warn('queued revocation could not be opened to seal it again', { revocationId: entry.id, code: toCoreError(error).code });
          continue;
        }
        if (!opened.shouldReEncrypt) continue;
        const sealedTokens = await box.seal(opened.value);
        await deps.documents.update(revocationsDocument, empty, (doc) => {
          // Attempted and settled meanwhile (or sealed again by another process): nothing to replace.
          const current = doc.entries.find((e) => e.id === entry.id && e.sealedTokens === entry.sealedTokens);
          if (current) current.sealedTokens = sealedTokens;
          return { result: undefined, changed: current !== undefined };
        });
      }
    },
    async lastProblem(id) {
      return (await read()).find((e) => e.id === id)?.lastErrorCode ?? null;
    },
    async close() {
      closed = true;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      await Promise.race([Promise.allSettled([...inFlight.values()].map((f) => f.done)), new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
  return queue;
}
