// What the details view and a row show of a person: every email and phone with its
// label and the sources that hold it, and every source (account by name, when it
// last synced, why it was taken for the same person). Pure, so its rules are
// tested without a DOM.
import type { AccountId, Friend, FriendListRow, FriendSource, LabelledValue, ProviderId, SameAs } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';

export interface PersonSource {
  /** The entry's id. */
  readonly key: string;
  readonly accountId: AccountId;
  readonly provider: ProviderId;
  /** The account's person, by name. */
  readonly accountName: string;
  readonly lastSyncedAt: number | null;
  /** Why this entry joined the person; null for the first source. */
  readonly sameAs: SameAs | null;
}

export interface PersonField {
  readonly kind: 'email' | 'phone';
  readonly value: string;
  /** The provider's label ("work", "Mobile"), or null when it gave none. */
  readonly label: string | null;
  /** Which sources hold this value (a shared email is one field from two sources). */
  readonly sourceKeys: readonly string[];
}

export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly avatarUrl: string | null;
  readonly fields: readonly PersonField[];
  readonly sources: readonly PersonSource[];
}

function sourceOf(source: FriendSource): PersonSource {
  return {
    key: source.id,
    accountId: source.accountId,
    provider: source.provider,
    accountName: source.accountName,
    lastSyncedAt: source.lastSyncedAt,
    sameAs: source.sameAs,
  };
}

export function personFromFriend(friend: Friend): PersonView {
  const fields: PersonField[] = [
    ...friend.emails.map((v) => ({ kind: 'email' as const, value: v.value, label: v.label, sourceKeys: v.sourceIds })),
    ...friend.phones.map((v) => ({ kind: 'phone' as const, value: v.value, label: v.label, sourceKeys: v.sourceIds })),
  ];
  return { id: friend.id, name: friend.name, avatarUrl: friend.avatarUrl, fields, sources: friend.sources.map(sourceOf) };
}

/** A person's first email and first phone: the E and P shortcuts copy them. */
export interface PrimaryFields {
  readonly email: Pick<PersonField, 'kind' | 'value' | 'label'> | null;
  readonly phone: Pick<PersonField, 'kind' | 'value' | 'label'> | null;
}

/** The first email and the first phone of the person in the details. */
export function primaryFields(person: PersonView): PrimaryFields {
  return {
    email: person.fields.find((f) => f.kind === 'email') ?? null,
    phone: person.fields.find((f) => f.kind === 'phone') ?? null,
  };
}

/** The same of a row (the list's rows carry them, as the details' first fields: Friend's `emails[0]`, `phones[0]`). */
export function rowFields(row: FriendListRow): PrimaryFields {
  const field = (kind: 'email' | 'phone', value: LabelledValue | null) => (value ? { kind, value: value.value, label: value.label } : null);
  return { email: field('email', row.primaryEmail), phone: field('phone', row.primaryPhone) };
}

/** "Work email", "Mobile phone", or "Email" / "Phone" when the provider gave no label. */
export function fieldLabel(field: Pick<PersonField, 'kind' | 'label'>): string {
  const noun = field.kind === 'email' ? 'email' : 'phone';
  const label = field.label?.trim().replace(/^\*\s*/, '');
  if (!label) return noun === 'email' ? 'Email' : 'Phone';
  const capitalised = label.charAt(0).toUpperCase() + label.slice(1).toLowerCase();
  return label.toLowerCase().includes(noun) ? capitalised : `${capitalised} ${noun}`;
}

/** "Kofi Mensah’s Facebook": where a source came from, by account and provider. */
export function sourcePhrase(source: Pick<PersonSource, 'accountName' | 'provider'>): string {
  return source.accountName ? `${source.accountName}’s ${providerName(source.provider)}` : providerName(source.provider);
}

/**
 * Why the person is shown once, in words: "Also in Kofi Mensah’s Facebook (the same name)."
 * One sentence per joined source, naming what they share; null for a person of one source.
 */
export function mergeExplanation(person: PersonView): string[] {
  return person.sources
    .filter((s) => s.sameAs !== null)
    .map((s) => {
      const same = s.sameAs!;
      const what = same.kind === 'email' ? `the same email, ${same.value}` : same.kind === 'phone' ? `the same phone, ${same.value}` : `the same name, ${same.value}`;
      return `Also in ${sourcePhrase(s)}: ${what}.`;
    });
}
