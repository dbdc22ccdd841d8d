// The 'accounts' document. Changed only inside the store's exclusive section
// (read, change, write), because the CLI and `kith serve` may share one data
// folder: a copy kept in memory would overwrite the other process's accounts.
// Reads share the last validated copy while the file's stamp says it did not
// change (readShared), so a request does not re-read and re-validate it; the
// records it returns are frozen.
import type { AccountSummary } from '../../../src-contract/kith-api';
import { missingPermissions } from '../providers/permission-scopes';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { accountsDocument, type AccountRecord } from './account-record';

export interface AccountRepository {
  /** The stored records in a new array; the records are frozen (shared between readers until the document changes). */
  all(): Promise<AccountRecord[]>;
  get(id: string): Promise<AccountRecord | undefined>;
  /** Inserts or replaces by id and saves. */
  put(record: AccountRecord): Promise<void>;
  /** Applies `change` to the stored record (if it still exists) and saves; returns the new record. */
  update(id: string, change: (record: AccountRecord) => AccountRecord): Promise<AccountRecord | undefined>;
  remove(id: string): Promise<AccountRecord | undefined>;
}

export function createAccountRepository(documents: TypedDocumentStore): AccountRepository {
  const empty = () => ({ version: 1 as const, accounts: [] });
  const read = async () => [...(await documents.readShared(accountsDocument, empty)).accounts];

  /** One read-change-write under the lock; `change` edits the list in place and returns what the caller gets. */
  const change = <R>(edit: (list: AccountRecord[]) => { result: R; changed: boolean }) => documents.update(accountsDocument, empty, (doc) => edit(doc.accounts));

  return {
    all: read,
    async get(id) {
      return (await read()).find((r) => r.id === id);
    },
    async put(record) {
      await change((list) => {
        const index = list.findIndex((r) => r.id === record.id);
        if (index >= 0) list[index] = record;
        else list.push(record);
        return { result: undefined, changed: true };
      });
    },
    update(id, edit) {
      return change((list) => {
        const index = list.findIndex((r) => r.id === id);
        if (index < 0) return { result: undefined, changed: false };
        const next = edit(list[index]!);
        const changed = next !== list[index];
        list[index] = next;
        return { result: next, changed };
      });
    },
    remove(id) {
      return change((list) => {
        const index = list.findIndex((r) => r.id === id);
        if (index < 0) return { result: undefined, changed: false };
        const [removed] = list.splice(index, 1);
        return { result: removed, changed: true };
      });
    },
  };
}

export function toAccountSummary(record: AccountRecord): AccountSummary {
  return {
    id: record.id,
    provider: record.provider,
    displayName: record.displayName,
    email: record.email,
    avatarUrl: record.avatarUrl,
    status: record.status,
    statusError: record.statusError,
    reconnectBy: record.reconnectBy,
    reconnectReason: record.reconnectBy === null ? null : record.reconnectReason,
    scopes: [...record.scopes],
    missingPermissions: missingPermissions(record.provider, record.scopes),
    connectedAt: record.connectedAt,
    lastSyncedAt: record.lastSyncedAt,
    lastSyncError: record.lastSyncError,
    friendCount: record.friendCount,
    friendTotal: record.friendTotal,
  };
}
