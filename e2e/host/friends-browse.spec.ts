// Browsing friends as people use them, against the host shell and the sandbox: the same
// person in Ada's Google contacts and Kofi's Facebook friends shown once with both
// sources (and apart when asked), sorting by last name, filtering to one account, and
// exporting vCard and CSV files that parse back. The README's screenshots of the merged
// person and of a filtered list are taken here.
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { contactAt } from '../../sandbox/seed/contacts';
import { appUsingFriendCount, appUsingFriendIndex, friendAt } from '../../sandbox/seed/friends';
import { FACEBOOK_PEOPLE, GOOGLE_PEOPLE } from '../../sandbox/seed/people';
import { expect, test } from '../support/fixtures';
import { FriendsPage } from '../support/friends-page';
import { screenshot } from '../support/screenshots';

const CONTACTS = 40;
const FRIENDS = 30;

test.use({ kithOptions: { contacts: CONTACTS, friends: FRIENDS }, viewport: { width: 1440, height: 900 } });

/**
 * Names in both Ada's contacts and Kofi's app-using friends, once in each: Facebook gives a
 * name and a picture only, so the same name is what joins a friend to a contact.
 */
function sharedNames(): string[] {
  const ada = GOOGLE_PEOPLE.find((p) => p.key === 'ada')!;
  const kofi = FACEBOOK_PEOPLE.find((p) => p.key === 'kofi')!;
  const google = Array.from({ length: CONTACTS }, (_, i) => contactAt(ada, i, 0)).map((c) => `${c.givenName} ${c.familyName}`);
  const facebook = Array.from({ length: appUsingFriendCount(FRIENDS) }, (_, k) => friendAt(kofi, appUsingFriendIndex(k)).name);
  const once = (list: string[], name: string) => list.filter((n) => n === name).length === 1;
  return facebook.filter((name) => once(facebook, name) && once(google, name));
}

test.beforeEach(async ({ app }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await app.goTo('Friends');
});

test('shows a person in two accounts once, with both sources, and apart when asked', async ({ app, page }) => {
  const friends = new FriendsPage(app);
  const shared = sharedNames();
  expect(shared.length).toBeGreaterThan(0);
  const name = shared[0]!;
  // The count says people and entries: the shared names make fewer people than entries.
  const entries = CONTACTS + appUsingFriendCount(FRIENDS);
  await expect(friends.count()).toHaveText(new RegExp(`^${entries - shared.length} people \\(${entries} entries\\)`));

  await app.searchBox().fill(name);
  await expect(friends.rows()).toHaveCount(1);
  const row = friends.rows().first();
  await expect(row).toContainText('Ada Lovelace');
  await expect(row).toContainText('Kofi Mensah');
  await expect(row).toHaveAccessibleDescription(/From (Ada Lovelace’s Google and Kofi Mensah’s Facebook|Kofi Mensah’s Facebook and Ada Lovelace’s Google)$/);

  await row.click();
  const details = friends.details(name);
  const sources = details.getByRole('list', { name: 'Where this comes from' }).getByRole('listitem');
  await expect(sources).toHaveCount(2);
  await expect(sources.filter({ hasText: 'Kofi Mensah' })).toContainText(/Facebook.*Last synced/);
  await expect(sources.filter({ hasText: 'Ada Lovelace' })).toContainText(/Google.*Last synced/);
  // Whichever entry came first, the other says why it joined.
  await expect(details).toContainText(new RegExp(`Also in (Kofi Mensah’s Facebook|Ada Lovelace’s Google): the same name, ${name}\\.`));
  await screenshot(page, 'friend-merged');
  await details.getByRole('button', { name: 'Close details' }).click();

  // The setting shows each account's entry on its own row.
  await page.getByRole('checkbox', { name: 'Show each account’s entries separately' }).check();
  await expect(friends.rows()).toHaveCount(2);
  await expect(friends.count()).toHaveText(/^2 entries \(1 person\)/);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Show each account’s entries separately' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Show each account’s entries separately' }).uncheck();
});

test('sorts by last name and filters to one account', async ({ app, page }) => {
  const friends = new FriendsPage(app);
  await expect(friends.rows().first()).toBeVisible();
  await page.getByLabel('Sort by').selectOption({ label: 'Sort: last name' });
  await expect(page.getByLabel('Sort by')).toHaveValue('last_name');
  const lastNames = async () => (await friends.rows().locator('.friend-name').allInnerTexts()).map((n) => n.trim().split(/\s+/).at(-1)!);
  await expect.poll(async () => {
    const names = await lastNames();
    return names.length > 5 && names.every((n, i) => i === 0 || names[i - 1]!.localeCompare(n, 'en', { sensitivity: 'base' }) <= 0);
  }).toBe(true);

  // The letter index jumps to the first last name under a letter.
  const strip = page.getByRole('navigation', { name: 'Jump to letter' });
  const letters = await strip.getByRole('button').allInnerTexts();
  const target = letters.at(-2)!;
  await strip.getByRole('button', { name: `Jump to ${target}` }).click();
  await expect(page.locator('.friend-row:focus .friend-name')).toHaveText(new RegExp(`\\s${target}[^\\s]*$`, 'i'));

  // The sidebar (a wide window): Kofi's Facebook only.
  const kofiFriends = appUsingFriendCount(FRIENDS);
  await page.getByRole('navigation', { name: 'Address books' }).getByRole('button', { name: 'Kofi Mensah (Facebook)', exact: true }).click();
  await expect(friends.count()).toHaveText(new RegExp(`^${kofiFriends} people.* in Kofi Mensah \\(Facebook\\)`));
  for (const description of await friends.rows().evaluateAll((rows) => rows.map((r) => r.querySelector('.friend-sources')?.textContent ?? ''))) {
    expect(description).toContain('Kofi Mensah');
  }
  await expect(friends.rows().filter({ hasText: /@example\.org/ })).toHaveCount(0);
  await screenshot(page, 'friends-filtered');

  // At 800 × 600 the same filter is a menu.
  await page.setViewportSize({ width: 800, height: 600 });
  await expect(page.getByRole('navigation', { name: 'Address books' })).toHaveCount(0);
  await page.getByText('Show: Kofi Mensah (Facebook)').click();
  await page.getByRole('button', { name: 'Ada Lovelace (Google)', exact: true }).click();
  await expect(friends.count()).toHaveText(new RegExp(`^${CONTACTS} people.* in Ada Lovelace \\(Google\\)`));
  // Rows a person can see at once (not the overscan the virtual list keeps off screen).
  const visibleRows = () =>
    friends.list().evaluate((list) => {
      const box = list.getBoundingClientRect();
      return [...list.querySelectorAll('[role="listitem"]')].filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      }).length;
    });
  expect(await visibleRows()).toBeGreaterThanOrEqual(5);
  await screenshot(page, 'friends-800x600');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByRole('navigation', { name: 'Address books' })).toBeVisible();
  await expect.poll(visibleRows).toBeGreaterThanOrEqual(11);
});

test('exports vCard and CSV files that parse back', async ({ app, page }) => {
  const friends = new FriendsPage(app);
  const entries = CONTACTS + appUsingFriendCount(FRIENDS);
  // Both accounts' syncs have finished: the list holds everyone the files should.
  await expect(friends.count()).toHaveText(new RegExp(`^${entries - sharedNames().length} people \\(${entries} entries\\)`));
  const exportAs = async (format: string, who: string) => {
    await page.getByText('Export', { exact: true }).click();
    const menu = page.getByRole('group', { name: 'Export friends' });
    await menu.getByLabel('Format').selectOption({ label: format });
    await menu.getByLabel('Who').selectOption({ label: who });
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Save file' }).click()]);
    await expect(menu.getByRole('status')).toContainText(`as ${download.suggestedFilename()}`);
    await page.getByText('Export', { exact: true }).click();
    return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
  };

  // vCard 4.0 of everyone: one card per person, the shared ones once with both sources' details.
  const vcf = await exportAs('vCard 4.0 (.vcf)', 'Everyone, all accounts');
  expect(vcf.name).toMatch(/\.vcf$/);
  // ical.js (Mozilla's parser, the one Thunderbird itself uses) answers one jCard, or a list of them for several.
  const parsed = ICAL.parse(vcf.text) as unknown[];
  const jcards = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[][];
  const cards = jcards.map((jcard) => new ICAL.Component(jcard as ConstructorParameters<typeof ICAL.Component>[0]));
  expect(cards).toHaveLength(entries - sharedNames().length);
  expect(cards.every((card) => card.getFirstPropertyValue('version') === '4.0')).toBe(true);
  const withEmail = cards.filter((card) => card.getAllProperties('email').length > 0);
  expect(withEmail.length).toBe(CONTACTS);
  expect(cards.map((card) => card.getFirstPropertyValue('fn'))).toContain(sharedNames()[0]);

  // CSV of Ada's account only, in Google Contacts' columns.
  const csv = await exportAs('CSV, Google Contacts columns', 'Ada Lovelace (Google)');
  expect(csv.name).toMatch(/\.csv$/);
  const rows = parseCsv(csv.text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  expect(rows).toHaveLength(CONTACTS);
  expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['First Name', 'Last Name', 'E-mail 1 - Value', 'Phone 1 - Value']));
  expect(rows.every((r) => /@example\.org$/.test(r['E-mail 1 - Value']!))).toBe(true);
  expect(rows.every((r) => /555/.test(r['Phone 1 - Value']!))).toBe(true);
});
