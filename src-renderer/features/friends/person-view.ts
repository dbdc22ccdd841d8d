// What the details view shows of a person, whatever shape the list gives it in:
// every email and phone with its label and the source it came from, and every
// source (account, provider). Pure, so its rules are tested without a DOM.
import type { AccountId, Friend, ProviderId } from '../../../src-contract/kith-api';

export interface PersonSource {
  /** Unique within the person: the entry's id. */
  readonly key: string;
  readonly accountId: AccountId;
  readonly provider: ProviderId;
}

export interface PersonField {
  readonly kind: 'email' | 'phone';
  readonly value: string;
  /** The provider's label ("work", "mobile"), or null when it gave none. */
  readonly label: string | null;
  /** Which sources gave this value (a shared email is one field from two sources). */
  readonly sourceKeys: readonly string[];
}

export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly avatarUrl: string | null;
  readonly fields: readonly PersonField[];
  readonly sources: readonly PersonSource[];
}

export function personFromFriend(friend: Friend): PersonView {
  const source: PersonSource = { key: friend.id, accountId: friend.accountId, provider: friend.provider };
  const fields: PersonField[] = [];
  if (friend.email) fields.push({ kind: 'email', value: friend.email, label: null, sourceKeys: [source.key] });
  if (friend.phone) fields.push({ kind: 'phone', value: friend.phone, label: null, sourceKeys: [source.key] });
  return { id: friend.id, name: friend.name, avatarUrl: friend.avatarUrl, fields, sources: [source] };
}

/** The first email and the first phone: the row shows them and the E and P shortcuts copy them. */
export function primaryFields(person: PersonView): { email: PersonField | null; phone: PersonField | null } {
  return {
    email: person.fields.find((f) => f.kind === 'email') ?? null,
    phone: person.fields.find((f) => f.kind === 'phone') ?? null,
  };
}

/** "Work email", "Mobile phone", or "Email" / "Phone" when the provider gave no label. */
export function fieldLabel(field: Pick<PersonField, 'kind' | 'label'>): string {
  const noun = field.kind === 'email' ? 'email' : 'phone';
  const label = field.label?.trim();
  if (!label) return noun === 'email' ? 'Email' : 'Phone';
  const capitalised = label.charAt(0).toUpperCase() + label.slice(1);
  return label.toLowerCase().includes(noun) ? capitalised : `${capitalised} ${noun}`;
}
