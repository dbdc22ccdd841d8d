// People as vCard 4.0 (RFC 6350), one card per person, for Google Contacts'
// and Thunderbird's importers (both read .vcf; Thunderbird parses it with
// ical.js, which the tests use to read the output back).
//
// - §3.2: lines end in CRLF and are folded at 75 octets (not characters) by a
//   CRLF and one space; a UTF-8 sequence is never split.
// - §3.3: BEGIN:VCARD, then VERSION:4.0 first, … END:VCARD.
// - §3.4: in values, backslash and comma are escaped with a backslash and a
//   newline is written \n; a semicolon is escaped only in the fields of a
//   compound property (N), where bare ones separate the fields. §3.4 lets it
//   be escaped elsewhere too, but ical.js (Thunderbird's parser) then keeps
//   the backslash in FN, so it is not.
// - §6.2.1 FN (required) and §6.2.2 N: family;given;additional;prefix;suffix.
// - §6.4.2 EMAIL and §6.4.1 TEL with TYPE (§5.6: work, home; for TEL also
//   cell, fax, pager, voice, text, video, textphone) and PREF=1 (§5.3) on the
//   primary one. TEL is written as free-form text, which §6.4.1 allows "for
//   backward compatibility", rather than a tel: URI, so numbers keep the form
//   the person saved them in.
// - §6.7.4 REV: the provider's last change, as a UTC timestamp.
import type { Friend, PersonValue } from '../../../src-contract/kith-api';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** §3.4 escaping of one text value; `compound`: a field of N, where semicolons are escaped too. */
export function escapeText(value: string, compound = false): string {
  return value.replace(compound ? /[\\,;]/g : /[\\,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** §3.2 folding: at most 75 octets per physical line, continuation lines starting with one space. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; each continuation holds 74 after its leading space.
  let room = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > room) {
      parts.push(current);
      current = '';
      octets = 0;
      room = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const EMAIL_TYPES: Record<string, string> = { home: 'home', work: 'work' };
const TEL_TYPES: Record<string, string> = {
  home: 'home',
  work: 'work',
  mobile: 'cell',
  cell: 'cell',
  main: 'voice',
  'home fax': 'home,fax',
  'work fax': 'work,fax',
  fax: 'fax',
  pager: 'pager',
  'work mobile': 'work,cell',
  'work pager': 'work,pager',
};

function typeParam(label: string | null, table: Record<string, string>): string {
  const type = label ? table[label.trim().toLowerCase()] : undefined;
  if (!type) return '';
  // A list of values is quoted (§5: a param value containing a comma).
  return type.includes(',') ? `;TYPE="${type}"` : `;TYPE=${type}`;
}

function values(name: 'EMAIL' | 'TEL', list: readonly PersonValue[], table: Record<string, string>): string[] {
  return list.map((item, k) => `${name}${typeParam(item.label, table)}${k === 0 ? ';PREF=1' : ''}:${escapeText(item.value)}`);
}

/** §4.3.5 TIMESTAMP form: 20261120T083000Z. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function vcardOf(friend: Friend): string {
  const family = friend.familyName ?? '';
  const given = friend.givenName ?? (friend.familyName ? '' : friend.name);
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${escapeText(friend.name)}`,
    `N:${escapeText(family, true)};${escapeText(given, true)};;;`,
    ...values('EMAIL', friend.emails, EMAIL_TYPES),
    ...values('TEL', friend.phones, TEL_TYPES),
    ...(friend.updatedAt !== null ? [`REV:${timestamp(friend.updatedAt)}`] : []),
    'END:VCARD',
  ];
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

export function vcardsOf(friends: Iterable<Friend>): string {
  let text = '';
  for (const friend of friends) text += vcardOf(friend);
  return text;
}
