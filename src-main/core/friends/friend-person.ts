// Turns the entries the store holds into the contract's Friend: one person
// with every source, the first source's name, email and phone on the row,
// and every email and phone once across sources (values compared as the merge
// compares them, so "Ann@Example.com" and "ann@example.com" are one).
import type { Friend, FriendSource, PersonValue, SameAs } from '../../../src-contract/kith-api';
import type { StoredFriend } from '../ports';
import { emailKey, phoneKey } from './person-keys';

/** What a source says about the account it came from. */
export interface SourceAccount {
  displayName: string;
  email: string | null;
  lastSyncedAt: number | null;
}

export interface PersonPart {
  entry: StoredFriend;
  account: SourceAccount;
  /** Null for the first source. */
  sameAs: SameAs | null;
}

export function updatedAtOf(entry: Pick<StoredFriend, 'providerUpdatedAt'>): number | null {
  if (!entry.providerUpdatedAt) return null;
  const ms = Date.parse(entry.providerUpdatedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export function toSource(part: PersonPart): FriendSource {
  const { entry, account } = part;
  return {
    id: entry.id,
    accountId: entry.accountId,
    provider: entry.provider,
    accountName: account.displayName,
    accountEmail: account.email,
    name: entry.displayName,
    givenName: entry.givenName,
    familyName: entry.familyName,
    emails: entry.emails.map((e) => ({ value: e.value, label: e.label })),
    phones: entry.phones.map((p) => ({ value: p.value, label: p.label })),
    avatarUrl: entry.avatarUrl,
    updatedAt: updatedAtOf(entry),
    lastSyncedAt: account.lastSyncedAt,
    sameAs: part.sameAs,
  };
}

function collect(sources: readonly FriendSource[], pick: (s: FriendSource) => FriendSource['emails'], keyOf: (value: string) => string | null): PersonValue[] {
  const byKey = new Map<string, PersonValue>();
  const values: PersonValue[] = [];
  for (const source of sources) {
    for (const item of pick(source)) {
      const key = keyOf(item.value) ?? `raw:${item.value}`;
      const held = byKey.get(key);
      if (held) {
        if (!held.sourceIds.includes(source.id)) held.sourceIds.push(source.id);
        held.label ??= item.label;
        continue;
      }
      const value: PersonValue = { value: item.value, label: item.label, sourceIds: [source.id] };
      byKey.set(key, value);
      values.push(value);
    }
  }
  return values;
}

/** A person from its parts, the first part first (it names the row). */
export function toFriend(parts: readonly PersonPart[]): Friend {
  if (parts.length === 0) throw new Error('A person has at least one source.');
  const sources = parts.map(toSource);
  const first = sources[0]!;
  const emails = collect(sources, (s) => s.emails, emailKey);
  const phones = collect(sources, (s) => s.phones, phoneKey);
  const dated = sources.map((s) => s.updatedAt).filter((t): t is number => t !== null);
  return {
    id: first.id,
    accountId: first.accountId,
    provider: first.provider,
    name: first.name,
    email: emails[0]?.value ?? null,
    phone: phones[0]?.value ?? null,
    avatarUrl: sources.find((s) => s.avatarUrl)?.avatarUrl ?? null,
    givenName: sources.find((s) => s.givenName)?.givenName ?? null,
    familyName: sources.find((s) => s.familyName)?.familyName ?? null,
    emails,
    phones,
    sources,
    updatedAt: dated.length > 0 ? Math.max(...dated) : null,
  };
}
