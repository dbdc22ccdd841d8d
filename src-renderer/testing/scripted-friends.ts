// The friends half of the scripted KithApi (scripted-kith-api.ts): seeded
// entries with labelled emails and phones, a few people present in several
// accounts (the same email in two Google accounts, the same name in a Facebook
// one), sort, filter, both views, letter offsets, empty-state reasons and a
// small export. A model of the core's behaviour for renderer tests, not the
// core's rules: those live in src-main/core/friends and are tested there.
import type {
  AccountId,
  AccountSummary,
  Friend,
  FriendEmptyReason,
  FriendPage,
  FriendSource,
  KithMethodOutput,
  KithMethodParsedInput,
  PersonValue,
  ProviderId,
} from '../../src-contract/kith-api';
import { toFriendRow } from '../../src-contract/kith-api';

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia', 'Edsger', 'Hedy'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Ritchie', 'Allen', 'Thompson', 'Perlman'];
/** The first entries of every account: the same people, so the people view merges them. */
const SHARED: readonly [string, string][] = [
  ['Amara', 'Castillo'],
  ['Tomás', 'Reyes'],
  ['Ingrid', 'Olsen'],
];
const UPDATED_BASE = Date.UTC(2026, 10, 30);
const HOUR = 3_600_000;

export interface ScriptedEntry {
  source: FriendSource;
  /** Entries with the same key are one person. */
  personKey: string;
  text: string;
  firstKey: string;
  lastKey: string;
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Deterministic entries, so a test sees the same people every run. */
export function makeEntries(account: AccountSummary, count: number, salt: number): ScriptedEntry[] {
  const entries: ScriptedEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const mix = (i * 2654435761 + salt * 40503) >>> 0;
    const shared = SHARED[i];
    const [given, family] = shared ?? [FIRST[mix % FIRST.length]!, LAST[(mix >>> 8) % LAST.length]!];
    const name = `${given} ${family}`;
    const slug = fold(name).replace(/[^a-z]+/g, '.');
    const google = account.provider === 'google';
    // Facebook shares a name and a picture only (Graph API User: /me/friends fields).
    const emails = google ? [{ value: shared ? `${slug}@example.com` : `${slug}${i}@example.com`, label: i % 4 === 1 ? 'Work' : 'Home' }] : [];
    const phones = google && i % 2 === 0 ? [{ value: `+1 555 01${String(i % 100).padStart(2, '0')} ${String(1000 + i).slice(-3)}`, label: 'Mobile' }] : [];
    const source: FriendSource = {
      id: `${account.id}:${google ? `people/c${i}` : `2000${salt}${i}`}`,
      accountId: account.id,
      provider: account.provider,
      accountName: account.displayName,
      accountEmail: account.email,
      name,
      givenName: given,
      familyName: family,
      emails,
      phones,
      avatarUrl: null,
      updatedAt: google ? UPDATED_BASE - ((i * 7919 + salt) % 5000) * HOUR : null,
      lastSyncedAt: account.lastSyncedAt,
      sameAs: null,
    };
    entries.push({
      source,
      personKey: shared ? `shared:${name}` : source.id,
      text: fold(`${name} ${emails.map((e) => e.value).join(' ')} ${phones.map((p) => p.value).join(' ')}`),
      firstKey: fold(name),
      lastKey: fold(`${family} ${given}`),
    });
  }
  return entries;
}

type Sort = KithMethodParsedInput<'friends.list'>['sort'];

function compare(a: ScriptedEntry, b: ScriptedEntry, sort: Sort): number {
  if (sort === 'recently_changed' && a.source.updatedAt !== b.source.updatedAt) return (b.source.updatedAt ?? -1) - (a.source.updatedAt ?? -1);
  const x = sort === 'last_name' ? a.lastKey : a.firstKey;
  const y = sort === 'last_name' ? b.lastKey : b.firstKey;
  return x < y ? -1 : x > y ? 1 : a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0;
}

function values(sources: FriendSource[], pick: (s: FriendSource) => FriendSource['emails']): PersonValue[] {
  const out = new Map<string, PersonValue>();
  for (const s of sources) for (const v of pick(s)) {
    const held = out.get(v.value.toLowerCase());
    if (held) held.sourceIds.push(s.id);
    else out.set(v.value.toLowerCase(), { ...v, sourceIds: [s.id] });
  }
  return [...out.values()];
}

function personOf(entries: ScriptedEntry[]): Friend {
  const ordered = [...entries].sort((a, b) => compare(a, b, 'first_name'));
  const first = ordered[0]!.source;
  const sources = ordered.map((e, k): FriendSource => {
    if (k === 0) return e.source;
    const email = e.source.emails.find((m) => first.emails.some((f) => f.value === m.value));
    return { ...e.source, sameAs: email ? { kind: 'email', value: email.value, withSourceId: first.id } : { kind: 'name', value: e.source.name, withSourceId: first.id } };
  });
  const emails = values(sources, (s) => s.emails);
  const phones = values(sources, (s) => s.phones);
  const dated = sources.map((s) => s.updatedAt).filter((t): t is number => t !== null);
  return {
    id: first.id,
    accountId: first.accountId,
    provider: first.provider,
    name: first.name,
    email: emails[0]?.value ?? null,
    phone: phones[0]?.value ?? null,
    avatarUrl: first.avatarUrl,
    givenName: first.givenName,
    familyName: first.familyName,
    emails,
    phones,
    sources,
    updatedAt: dated.length > 0 ? Math.max(...dated) : null,
  };
}

export interface ScriptedFriendsScope {
  accounts: { summary: AccountSummary; entries: ScriptedEntry[] }[];
}

/** People (or entries) of the filter, in the query's order. */
function select(scope: ScriptedFriendsScope, q: { accountId?: AccountId | undefined; provider?: ProviderId | undefined; search?: string | undefined; sort: Sort; view: 'people' | 'entries' }) {
  const needle = fold(q.search?.trim() ?? '');
  const chosen = scope.accounts.filter((a) => (!q.accountId || a.summary.id === q.accountId) && (!q.provider || a.summary.provider === q.provider));
  const entries = chosen.flatMap((a) => a.entries).filter((e) => !needle || needle.split(/\s+/).every((word) => e.text.includes(word)));
  const groups = new Map<string, ScriptedEntry[]>();
  for (const e of entries) {
    const key = q.view === 'people' ? e.personKey : e.source.id;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  // Each group in the order of its first entry; people are built only for the page asked for.
  const ordered = [...groups.values()].map((g) => (g.length === 1 ? g : [...g].sort((a, b) => compare(a, b, 'first_name'))));
  ordered.sort((a, b) => compare(a[0]!, b[0]!, q.sort));
  const peopleCount = q.view === 'people' ? ordered.length : new Set(entries.map((e) => e.personKey)).size;
  return { chosen, entries, groups: ordered, peopleCount };
}

const selections = new Map<string, ReturnType<typeof select>>();
/** The last few selections (a scroll asks page after page of the same one); entries never change in place. */
function selectKept(scope: ScriptedFriendsScope, q: Parameters<typeof select>[1]): ReturnType<typeof select> {
  const key = JSON.stringify([q.accountId, q.provider, q.search, q.sort, q.view, scope.accounts.map((a) => [a.summary.id, a.summary.missingPermissions, a.summary.status, a.entries.length])]);
  const kept = selections.get(key);
  if (kept) return kept;
  const fresh = select(scope, q);
  if (selections.size > 8) selections.clear();
  selections.set(key, fresh);
  return fresh;
}

function standing(summary: AccountSummary, entries: number) {
  const state = summary.missingPermissions.includes('friends')
    ? 'permission_missing'
    : summary.status === 'needs_reconnect'
      ? 'needs_reconnect'
      : entries > 0
        ? 'ready'
        : summary.lastSyncedAt === null
          ? 'never_synced'
          : 'synced_empty';
  return { accountId: summary.id, state, entries, missingPermissions: summary.missingPermissions } as const;
}

export function listScriptedFriends(scope: ScriptedFriendsScope, q: KithMethodParsedInput<'friends.list'>): KithMethodOutput<'friends.list'> {
  const { chosen, entries, groups, peopleCount } = selectKept(scope, q);
  const start = (q.after ? Number(q.after.slice(2)) : 0) + q.offset;
  const items = groups.slice(start, start + q.limit).map(personOf);
  const people = groups;
  const end = start + items.length;
  const accounts = chosen.map((a) => standing(a.summary, a.entries.length));
  let empty: FriendPage['empty'] = null;
  if (people.length === 0) {
    const order: FriendEmptyReason[] = ['permission_missing', 'needs_reconnect', 'never_synced', 'synced_empty'];
    const reason = accounts.length === 0 ? 'no_accounts' : accounts.some((a) => a.entries > 0) ? 'no_match' : (order.find((r) => accounts.some((a) => a.state === r)) ?? 'synced_empty');
    empty = { reason, accountIds: accounts.filter((a) => a.state === reason).map((a) => a.accountId) };
  }
  let letters: FriendPage['letters'] = null;
  if (!q.after && q.offset === 0 && q.sort !== 'recently_changed') {
    letters = [];
    people.forEach((group, offset) => {
      const initial = (q.sort === 'last_name' ? group[0]!.lastKey : group[0]!.firstKey).charAt(0).toUpperCase();
      const letter = /^[A-Z]$/.test(initial) ? initial : '#';
      if (!letters!.some((l) => l.letter === letter)) letters!.push({ letter, offset });
    });
  }
  const rest = {
    offset: q.offset,
    total: people.length,
    nextCursor: end < people.length ? `o:${end}` : null,
    counts: { people: peopleCount, entries: entries.length },
    letters,
    empty,
    accounts,
  };
  return q.shape === 'row' ? { items: items.map(toFriendRow), ...rest } : { items, ...rest };
}

export function getScriptedFriend(scope: ScriptedFriendsScope, q: KithMethodParsedInput<'friends.get'>): Friend | null {
  const all = scope.accounts.flatMap((a) => a.entries);
  const hit = all.find((e) => e.source.id === q.id);
  if (!hit) return null;
  return personOf(q.view === 'people' ? all.filter((e) => e.personKey === hit.personKey) : [hit]);
}

export function exportScriptedFriends(scope: ScriptedFriendsScope, q: KithMethodParsedInput<'friends.export'>): KithMethodOutput<'friends.export'> {
  const people = select(scope, q).groups.map(personOf);
  const esc = (text: string) => text.replace(/[\\,;]/g, (c) => `\\${c}`);
  const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const text =
    q.format === 'vcf'
      ? people
          .map((p) =>
            [
              'BEGIN:VCARD',
              'VERSION:4.0',
              `FN:${esc(p.name)}`,
              `N:${esc(p.familyName ?? '')};${esc(p.givenName ?? '')};;;`,
              ...p.emails.map((e) => `EMAIL${e.label ? `;TYPE=${e.label.toLowerCase()}` : ''}:${esc(e.value)}`),
              ...p.phones.map((t) => `TEL;VALUE=uri${t.label ? `;TYPE=${t.label.toLowerCase() === 'mobile' ? 'cell' : t.label.toLowerCase()}` : ''}:tel:${t.value.replace(/[^\d+]/g, '')}`),
              'END:VCARD',
            ].join('\r\n'),
          )
          .map((card) => `${card}\r\n`)
          .join('')
      : [
          'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value',
          ...people.map((p) =>
            [p.givenName ?? p.name, p.familyName ?? '', p.emails[0]?.label ?? '', p.email ?? '', p.phones[0]?.label ?? '', p.phone ?? ''].map(csvCell).join(','),
          ),
        ]
          .map((line) => `${line}\r\n`)
          .join('');
  return { format: q.format, filename: `kith-contacts.${q.format}`, mimeType: q.format === 'vcf' ? 'text/vcard' : 'text/csv', text, count: people.length };
}
