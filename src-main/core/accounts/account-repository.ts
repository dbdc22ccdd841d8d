// The 'accounts' document, loaded once and kept in memory; every change is
// saved through one serial queue so two saves never interleave.
import type { AccountSummary } from '../../../src-preload/api';
import { createSerialQueue } from '../api/serial-queue';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { accountsDocument, type AccountRecord } from './account-record';

export interface AccountRepository {
  all(): Promise<AccountRecord[]>;
  get(id: string): Promise<AccountRecord | undefined>;
  /** Inserts or replaces by id and saves. */
  put(record: AccountRecord): Promise<void>;
  /** Applies `change` to the stored record (if it still exists) and saves; returns the new record. */
  update(id: string, change: (record: AccountRecord) => AccountRecord): Promise<AccountRecord | undefined>;
  remove(id: string): Promise<AccountRecord | undefined>;
}

export function createAccountRepository(documents: TypedDocumentStore): AccountRepository {
  let records: AccountRecord[] | null = null;
  let loading: Promise<AccountRecord[]> | null = null;
  const serial = createSerialQueue();

  async function loaded(): Promise<AccountRecord[]> {
    if (records) return records;
    loading ??= documents.readOr(accountsDocument, () => ({ version: 1 as const, accounts: [] })).then(({ value }) => {
      records = value.accounts;
      return records;
    });
    return loading;
  }

  // Saves a snapshot of the current list: later changes queue their own save.
  const save = () => serial(() => documents.write(accountsDocument, { version: 1, accounts: records ?? [] }));

  return {
    async all() {
      return [...(await loaded())];
    },
    async get(id) {
      return (await loaded()).find((r) => r.id === id);
    },
    async put(record) {
      const list = await loaded();
      const index = list.findIndex((r) => r.id === record.id);
      if (index >= 0) list[index] = record;
      else list.push(record);
      await save();
    },
    async update(id, change) {
      const list = await loaded();
      const index = list.findIndex((r) => r.id === id);
      if (index < 0) return undefined;
      const next = change(list[index]!);
      list[index] = next;
      await save();
      return next;
    },
    async remove(id) {
      const list = await loaded();
      const index = list.findIndex((r) => r.id === id);
      if (index < 0) return undefined;
      const [removed] = list.splice(index, 1);
      await save();
      return removed;
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
    scopes: [...record.scopes],
    connectedAt: record.connectedAt,
    lastSyncedAt: record.lastSyncedAt,
    lastSyncError: record.lastSyncError,
    friendCount: record.friendCount,
    friendTotal: record.friendTotal,
  };
}
