import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Friend } from '../../../src-contract/kith-api';
import { sampleFriend } from '../../../src-contract/testing/stub-kith-api';
import { googleCsvOf, thunderbirdCsvOf } from './csv-export';
import { foldLine, vcardsOf } from './vcard-export';

const amara: Friend = {
  ...sampleFriend,
  id: 'acc_g1xxxx:c1',
  name: 'Amara Castillo; "Mara", of Lima\\Quito',
  givenName: 'Amara',
  familyName: 'Castillo',
  emails: [
    { value: 'amara@example.com', label: 'Home', sourceIds: ['acc_g1xxxx:c1'] },
    { value: 'amara@work.example', label: 'Work', sourceIds: ['acc_g1xxxx:c1'] },
    { value: 'mara@old.example', label: null, sourceIds: ['acc_g2xxxx:c4'] },
  ],
  phones: [
    { value: '+1 555 010 2345', label: 'Mobile', sourceIds: ['acc_g1xxxx:c1'] },
    { value: '020 7946 0000', label: 'Work Fax', sourceIds: ['acc_g1xxxx:c1'] },
  ],
  updatedAt: Date.UTC(2026, 10, 20, 8, 30),
};
const kofi: Friend = {
  ...sampleFriend,
  id: 'acc_fbxxxx:2001',
  provider: 'facebook',
  name: 'Kofi Mensah',
  givenName: null,
  familyName: null,
  email: null,
  phone: null,
  emails: [],
  phones: [],
  updatedAt: null,
};
// Long enough to fold, with multi-octet characters around the 75-octet boundary.
const zoe: Friend = { ...kofi, id: 'acc_fbxxxx:2002', name: `Zoë ${'Ångström-'.repeat(12)}Park` };

describe('vCard 4.0 export', () => {
  const text = vcardsOf([amara, kofi, zoe]);
  const cards = (ICAL.parse(text) as unknown[]).map((jcal) => new ICAL.Component(jcal as never));

  it('reads back with a vCard parser: names, every email and phone with its type, the primary preferred', () => {
    expect(cards).toHaveLength(3);
    const [a, k, z] = cards;
    expect(a!.getFirstPropertyValue('version')).toBe('4.0');
    expect(a!.getFirstPropertyValue('fn')).toBe(amara.name);
    expect(a!.getFirstPropertyValue('n')).toEqual(['Castillo', 'Amara', '', '', '']);
    const emails = a!.getAllProperties('email').map((p) => [p.getFirstValue(), p.getParameter('type') ?? null, p.getParameter('pref') ?? null]);
    expect(emails).toEqual([
      ['amara@example.com', 'home', '1'],
      ['amara@work.example', 'work', null],
      ['mara@old.example', null, null],
    ]);
    const phones = a!.getAllProperties('tel').map((p) => [p.getFirstValue(), p.getParameter('type') ?? null]);
    expect(phones).toEqual([
      ['+1 555 010 2345', 'cell'],
      ['020 7946 0000', ['work', 'fax']],
    ]);
    expect(String(a!.getFirstPropertyValue('rev'))).toMatch(/^2026-11-20T08:30:00/);
    expect(k!.getFirstPropertyValue('fn')).toBe('Kofi Mensah');
    expect(k!.getFirstPropertyValue('n')).toEqual(['', 'Kofi Mensah', '', '', '']);
    expect(z!.getFirstPropertyValue('fn')).toBe(zoe.name);
  });

  it('ends lines in CRLF, folds them at 75 octets and escapes what RFC 6350 §3.4 says', () => {
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('FN:Amara Castillo; "Mara"\\, of Lima\\\\Quito\r\n');
    expect(vcardsOf([{ ...kofi, givenName: 'Ko;fi', familyName: 'Men,sah' }])).toContain('N:Men\\,sah;Ko\\;fi;;;\r\n');
    expect(foldLine('x'.repeat(80))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(5)}`);
    // A two-octet character that would straddle the limit moves to the next line whole.
    expect(foldLine(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}\r\n é`);
  });
});

describe('CSV export', () => {
  it("writes Google Contacts' columns, one pair per email and phone, and reads back with a CSV parser", () => {
    const text = googleCsvOf([amara, kofi]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      'First Name': 'Amara',
      'Last Name': 'Castillo',
      'File As': amara.name,
      'E-mail 1 - Label': 'Home',
      'E-mail 1 - Value': 'amara@example.com',
      'E-mail 3 - Value': 'mara@old.example',
      'Phone 2 - Label': 'Work Fax',
      'Phone 2 - Value': '020 7946 0000',
    });
    expect(rows[1]).toMatchObject({ 'First Name': 'Kofi', 'Last Name': 'Mensah', 'File As': '', 'E-mail 1 - Value': '' });
  });

  it("writes Thunderbird's own field names, so its importer maps every column, keeping extras in Notes", () => {
    const rows = parseCsv(thunderbirdCsvOf([amara]), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'First Name', 'Last Name', 'Display Name', 'Nickname', 'Primary Email', 'Secondary Email', 'Work Phone', 'Home Phone', 'Fax Number', 'Pager Number', 'Mobile Number', 'Notes',
    ]);
    expect(rows[0]).toMatchObject({
      'Display Name': amara.name,
      'Primary Email': 'amara@example.com',
      'Secondary Email': 'amara@work.example',
      'Mobile Number': '+1 555 010 2345',
      'Fax Number': '020 7946 0000',
      Notes: 'mara@old.example',
    });
  });
});
