// The receipts of disconnects (Settings → History, `history.*`): written by
// every disconnect before it asks the provider, updated when a queued
// revocation lands, is given up or is stopped by a reconnect, and kept until
// the person dismisses them. How a pending revocation is going (attempts, next
// try, last problem) is read from the revocation queue at the moment of asking,
// so the receipt on disk only changes when something settles.
//
// Another process (the CLI, `kith serve`) may settle a revocation this one
// queued: every change is a read-modify-write under the document store's lock,
// and a receipt is settled before its queue entry is removed, so a pending
// receipt with no queue entry means the entry was lost, not that it landed.
import { KithError, type DisconnectReceipt, type KithErrorCode, type PendingRevocation, type ReceiptAccount } from '../../../src-contract/kith-api';
import type { EventHub } from '../api/event-hub';
import type { Clock, Logger } from '../ports';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { receiptsDocument, type StoredReceipt, type StoredReceiptAccount } from './receipts-document';

/** What a revocation that was pending came to. */
export interface RevocationSettled {
  state: 'confirmed' | 'failed' | 'stopped';
  problem: KithErrorCode | null;
}

export interface NewReceipt {
  scope: StoredReceipt['scope'];
  accounts: (Omit<StoredReceiptAccount, 'revocation'> & { revocationId: string | null })[];
  scriptTokensEnded: string[];
  sessionsEnded: number;
}

/** A revocation that settled after its disconnect had answered: the person was told it was pending, and is told again now. */
export interface SettledLater {
  receipt: DisconnectReceipt;
  account: ReceiptAccount;
}

export interface DisconnectHistoryDeps {
  documents: TypedDocumentStore;
  events: EventHub;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  log: Logger;
  queue: { pending(): Promise<PendingRevocation[]>; attempt(id: string): Promise<boolean>; lastProblem(id: string): Promise<KithErrorCode | null> };
  onSettledLater?(settled: SettledLater): void;
}

export interface DisconnectHistory {
  /** Stores a new receipt (revocations with an id start pending); resolves its id. */
  record(receipt: NewReceipt): Promise<string>;
  /**
   * While a disconnect waits for its provider, a confirmation is part of its answer, not news:
   * settling such a revocation does not call onSettledLater. Call the returned function once the
   * disconnect has answered.
   */
  answering(revocationIds: readonly string[]): () => void;
  settle(revocationId: string, outcome: RevocationSettled): Promise<void>;
  list(): Promise<DisconnectReceipt[]>;
  get(receiptId: string): Promise<DisconnectReceipt>;
  dismiss(receiptId: string): Promise<void>;
  retry(receiptId: string): Promise<DisconnectReceipt>;
  /** Sends historyChanged (e.g. after the queue's attempts changed). */
  announce(): void;
}

export function createDisconnectHistory(deps: DisconnectHistoryDeps): DisconnectHistory {
  const empty = () => ({ version: 1 as const, receipts: [] });
  const read = async () => (await deps.documents.readOr(receiptsDocument, empty)).value.receipts;
  const change = <R>(edit: (receipts: StoredReceipt[]) => { result: R; changed: boolean }) => deps.documents.update(receiptsDocument, empty, (doc) => edit(doc.receipts));
  const answeringNow = new Set<string>();

  async function view(stored: readonly StoredReceipt[]): Promise<DisconnectReceipt[]> {
    const pending = new Map((await deps.queue.pending()).map((p) => [p.id, p]));
    const problems = new Map<string, KithErrorCode | null>();
    for (const receipt of stored) {
      for (const a of receipt.accounts) {
        if (a.revocation.state === 'pending' && a.revocation.revocationId && pending.has(a.revocation.revocationId)) {
          problems.set(a.revocation.revocationId, await deps.queue.lastProblem(a.revocation.revocationId));
        }
      }
    }
    return [...stored]
      .sort((x, y) => y.disconnectedAt - x.disconnectedAt)
      .map((receipt) => {
        const accounts = receipt.accounts.map((a): ReceiptAccount => {
          const { revocationId, ...revocation } = a.revocation;
          const base = { ...a, revocation: { ...revocation, attempts: 0, nextAttemptAt: null } };
          if (revocation.state !== 'pending') return base;
          const queued = revocationId ? pending.get(revocationId) : undefined;
          // Settled receipts are written before their queue entry goes: no entry means it was lost (a damaged queue file).
          if (!queued) return { ...base, revocation: { ...base.revocation, state: 'failed', problem: 'E_STORAGE' } };
          return {
            ...base,
            revocation: { ...base.revocation, attempts: queued.attempts, nextAttemptAt: queued.nextAttemptAt, problem: problems.get(queued.id) ?? null },
          };
        });
        return { ...receipt, accounts, settled: accounts.every((a) => a.revocation.state !== 'pending') };
      });
  }

  const announce = () => {
    void read()
      .then(view)
      .then((list) => deps.events.emit('historyChanged', list))
      .catch((error: unknown) => deps.log.warn('could not announce the disconnect history', { error: error instanceof Error ? error.name : 'unknown' }));
  };

  const history: DisconnectHistory = {
    async record(input) {
      const receipt: StoredReceipt = {
        id: `rcpt_${Buffer.from(deps.randomBytes(8)).toString('hex')}`,
        scope: input.scope,
        disconnectedAt: deps.clock.now(),
        accounts: input.accounts.map(({ revocationId, ...account }) => ({
          ...account,
          revocation: revocationId
            ? { state: 'pending', settledAt: null, problem: null, revocationId }
            : { state: 'not_possible', settledAt: deps.clock.now(), problem: null, revocationId: null },
        })),
        scriptTokensEnded: input.scriptTokensEnded,
        sessionsEnded: input.sessionsEnded,
      };
      await change((receipts) => {
        receipts.push(receipt);
        return { result: undefined, changed: true };
      });
      announce();
      return receipt.id;
    },
    answering(ids) {
      for (const id of ids) answeringNow.add(id);
      return () => {
        for (const id of ids) answeringNow.delete(id);
      };
    },
    async settle(revocationId, outcome) {
      const hit = await change((receipts) => {
        for (const receipt of receipts) {
          const account = receipt.accounts.find((a) => a.revocation.revocationId === revocationId);
          if (!account) continue;
          // Already settled (by another process, or an attempt that raced this one): the first word stands.
          if (account.revocation.state !== 'pending') return { result: null, changed: false };
          account.revocation = { state: outcome.state, settledAt: deps.clock.now(), problem: outcome.problem, revocationId: null };
          return { result: { receiptId: receipt.id, accountId: account.accountId }, changed: true };
        }
        return { result: null, changed: false };
      });
      if (!hit) return;
      announce();
      if (answeringNow.has(revocationId) || !deps.onSettledLater) return;
      const receipt = await history.get(hit.receiptId).catch(() => null);
      const account = receipt?.accounts.find((a) => a.accountId === hit.accountId);
      if (receipt && account) deps.onSettledLater({ receipt, account });
    },
    async list() {
      return view(await read());
    },
    async get(receiptId) {
      const found = (await history.list()).find((r) => r.id === receiptId);
      if (!found) throw new KithError('E_INVALID_INPUT', 'There is no such receipt: it may have been dismissed already.');
      return found;
    },
    async dismiss(receiptId) {
      const receipt = await history.get(receiptId);
      // A pending receipt is the person's only view of a revocation still under way.
      if (!receipt.settled) throw new KithError('E_INVALID_INPUT', 'This receipt still has a revocation waiting for its provider; it can be dismissed once that is settled.');
      await change((receipts) => {
        const at = receipts.findIndex((r) => r.id === receiptId);
        if (at !== -1) receipts.splice(at, 1);
        return { result: undefined, changed: at !== -1 };
      });
      announce();
    },
    async retry(receiptId) {
      const receipt = (await read()).find((r) => r.id === receiptId);
      if (!receipt) throw new KithError('E_INVALID_INPUT', 'There is no such receipt: it may have been dismissed already.');
      const ids = receipt.accounts.flatMap((a) => (a.revocation.state === 'pending' && a.revocation.revocationId ? [a.revocation.revocationId] : []));
      // Asked for by the person, who watches the receipt: not news when it lands.
      const done = history.answering(ids);
      try {
        await Promise.all(ids.map((id) => deps.queue.attempt(id)));
      } finally {
        done();
      }
      return history.get(receiptId);
    },
    announce,
  };
  return history;
}
