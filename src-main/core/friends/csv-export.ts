// People as CSV for two importers, each with its own header row.
//
// 'google': the columns of Google Contacts' own CSV ("Google CSV", as its
// export writes them and its import reads them back: Google's help page
// "Import contacts" asks for a file laid out like that export). Names are
// "First Name", "Middle Name", "Last Name"; each email and phone is a pair of
// columns "E-mail N - Label" / "E-mail N - Value" and "Phone N - Label" /
// "Phone N - Value", as many pairs as the person with the most needs.
//
// 'thunderbird': the field names of Thunderbird's address book
// (importMsgs.properties 2100–2135, in the order of exportAttributes in
// mailnews/addrbook/modules/AddrBookUtils.sys.mjs). Its importer
// (AddrBookFileImporter.parseCsvFile) maps the columns by itself only when
// every header is one of those names; otherwise it asks the person to map
// each column. It holds two emails (Primary, Secondary) and one number each
// for work, home, fax, pager and mobile.
//
// RFC 4180: fields with a comma, a quote or a line break are quoted, quotes
// doubled; lines end in CRLF. UTF-8 without a byte order mark.
import type { Friend, PersonValue } from '../../../src-contract/kith-api';

const CRLF = '\r\n';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const row = (fields: readonly string[]) => fields.map(csvField).join(',') + CRLF;

/** Given and family name, with the name's first and last words when the provider gave no parts. */
function nameParts(friend: Friend): { first: string; last: string } {
  if (friend.givenName || friend.familyName) return { first: friend.givenName ?? '', last: friend.familyName ?? '' };
  const words = friend.name.trim().split(/\s+/);
  if (words.length < 2 || friend.name.includes('@')) return { first: friend.name, last: '' };
  return { first: words.slice(0, -1).join(' '), last: words.at(-1)! };
}

export function googleCsvOf(friends: readonly Friend[]): string {
  const emails = Math.max(1, ...friends.map((f) => f.emails.length));
  const phones = Math.max(1, ...friends.map((f) => f.phones.length));
  const pairs = (what: string, n: number) => Array.from({ length: n }, (_, k) => [`${what} ${k + 1} - Label`, `${what} ${k + 1} - Value`]).flat();
  const header = ['First Name', 'Middle Name', 'Last Name', 'Nickname', 'File As', ...pairs('E-mail', emails), ...pairs('Phone', phones)];
  const cells = (list: readonly PersonValue[], n: number) => Array.from({ length: n }, (_, k) => [list[k]?.label ?? '', list[k]?.value ?? '']).flat();
  let text = row(header);
  for (const f of friends) {
    const { first, last } = nameParts(f);
    // "File As" keeps the name as Kith shows it when it is not simply first + last.
    const fileAs = `${first} ${last}`.trim() === f.name ? '' : f.name;
    text += row([first, '', last, '', fileAs, ...cells(f.emails, emails), ...cells(f.phones, phones)]);
  }
  return text;
}

const THUNDERBIRD_HEADER = [
  'First Name',
  'Last Name',
  'Display Name',
  'Nickname',
  'Primary Email',
  'Secondary Email',
  'Work Phone',
  'Home Phone',
  'Fax Number',
  'Pager Number',
  'Mobile Number',
  'Notes',
];

/** Which Thunderbird phone field a label goes to; unknown labels fill what is left, mobile first. */
function thunderbirdPhones(phones: readonly PersonValue[]): { work: string; home: string; fax: string; pager: string; mobile: string; rest: string[] } {
  const slots = { work: '', home: '', fax: '', pager: '', mobile: '' };
  const rest: string[] = [];
  for (const p of phones) {
    const label = (p.label ?? '').toLowerCase();
    const slot: keyof typeof slots | null = label.includes('fax')
      ? 'fax'
      : label.includes('pager')
        ? 'pager'
        : label.includes('mobile') || label.includes('cell')
          ? 'mobile'
          : label.includes('work')
            ? 'work'
            : label.includes('home')
              ? 'home'
              : null;
    if (slot && !slots[slot]) slots[slot] = p.value;
    else rest.push(p.value);
  }
  const unfilled = (['mobile', 'home', 'work'] as const).filter((s) => !slots[s]);
  while (rest.length > 0 && unfilled.length > 0) slots[unfilled.shift()!] = rest.shift()!;
  return { ...slots, rest };
}

export function thunderbirdCsvOf(friends: readonly Friend[]): string {
  let text = row(THUNDERBIRD_HEADER);
  for (const f of friends) {
    const { first, last } = nameParts(f);
    const phones = thunderbirdPhones(f.phones);
    // What has no column of its own is kept in Notes rather than dropped.
    const extra = [...f.emails.slice(2).map((e) => e.value), ...phones.rest];
    text += row([first, last, f.name, '', f.emails[0]?.value ?? '', f.emails[1]?.value ?? '', phones.work, phones.home, phones.fax, phones.pager, phones.mobile, extra.join('\n')]);
  }
  return text;
}
