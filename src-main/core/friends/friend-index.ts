// One account's friends in memory, indexed for search and paging: a map by
// person id (incremental merges are O(changes)), and a list sorted by name
// built lazily once per change. Search keys are computed once per person.
import type { Friend, ProviderId } from '../../../src-contract/kith-api';
import type { ProviderPerson } from '../providers/provider';

export interface FriendEntry {
  readonly friend: Friend;
  readonly personId: string;
  /** Name folded for ordering (case and accents ignored), tie-broken by id. */
  readonly sortKey: string;
  /** Lower-cased name, email, phone and phone digits, for substring search. */
  readonly haystack: string;
}

export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function makeEntry(accountId: string, provider: ProviderId, p: ProviderPerson): FriendEntry {
  const friend: Friend = {
    id: `${accountId}:${p.personId}`,
    accountId,
    provider,
    name: p.name,
    email: p.email,
    phone: p.phone,
    avatarUrl: p.avatarUrl,
  };
  const digits = p.phone ? p.phone.replace(/\D/g, '') : '';
  return {
    friend,
    personId: p.personId,
    sortKey: fold(p.name),
    haystack: fold([p.name, p.email ?? '', p.phone ?? '', digits].join('\n')),
  };
}

export function sameAsEntry(entry: FriendEntry, p: ProviderPerson): boolean {
  const f = entry.friend;
  return f.name === p.name && f.email === p.email && f.phone === p.phone && f.avatarUrl === p.avatarUrl;
}

export function compareEntries(a: FriendEntry, b: FriendEntry): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.friend.id < b.friend.id ? -1 : a.friend.id > b.friend.id ? 1 : 0;
}

export class FriendIndex {
  private sortedCache: FriendEntry[] | null = null;
  /** Changes whenever the content changes, so merged views know to rebuild. */
  readonly version: number;

  constructor(
    readonly accountId: string,
    readonly provider: ProviderId,
    readonly byId: ReadonlyMap<string, FriendEntry>,
    version: number,
  ) {
    this.version = version;
  }

  get size(): number {
    return this.byId.size;
  }

  sorted(): FriendEntry[] {
    this.sortedCache ??= [...this.byId.values()].sort(compareEntries);
    return this.sortedCache;
  }
}
