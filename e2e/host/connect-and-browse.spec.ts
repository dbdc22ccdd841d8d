import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';

// The README's screenshots come from this run: `npm run screenshots` writes them to docs/;
// an ordinary run keeps them in test-results/ so the work tree stays clean.
const root = path.resolve(import.meta.dirname, '..', '..');
const screenshots = process.env.KITH_UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'screenshots') : path.join(root, 'test-results', 'screenshots');

test.use({ kithOptions: { contacts: 300, friends: 120 } });

test('connects Google and Facebook through their consent pages, then browses and searches friends', async ({ app, kith, page }) => {
  mkdirSync(screenshots, { recursive: true });
  await expect(page.getByText('Connect Google or Facebook')).toBeVisible();

  await app.connect('google', { person: 'Ada Lovelace' });
  const ada = app.accountCard(/Ada Lovelace/);
  await expect(ada).toBeVisible();
  await expect(ada).toContainText('ada.lovelace@example.com');
  await expect(ada).toContainText(/300 (contacts|friends)/);

  await app.connect('facebook', { person: 'Kofi Mensah' });
  const kofi = app.accountCard(/Kofi Mensah/);
  await expect(kofi).toBeVisible();
  // Only friends who also use the app are listed; the card says how many exist.
  const people = await kith.admin.people();
  const kofiFriends = people.facebook.find((p) => p.name === 'Kofi Mensah')!.friends;
  await expect(kofi).toContainText(new RegExp(`\\d+ of ${kofiFriends} friends use Kith`));
  await page.screenshot({ path: path.join(screenshots, 'accounts.png') });

  await app.goTo('Friends');
  await expect(app.friendList()).toBeVisible();
  await expect(page.getByText(/of \d+ friends use Kith/)).toBeVisible();
  await expect(app.friendRows().first()).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'friends.png') });

  // Search as you type: a name from the list narrows it down to matching rows.
  const firstName = await app.firstFriendName();
  await app.searchBox().fill(firstName);
  await expect(app.friendRows().first()).toContainText(firstName);
  const rows = await app.friendRows().allTextContents();
  for (const row of rows) expect(row.toLowerCase()).toContain(firstName.toLowerCase());
  await app.searchBox().fill('no-such-person-anywhere');
  await expect(page.getByText('No one matches')).toBeVisible();
  await expect(app.friendRows()).toHaveCount(0);

  await app.goTo('Settings');
  await expect(page.getByText(/protection/i).first()).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'settings.png') });
});

test('honours the system dark theme', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.connect('google');
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r! + g! + b!).toBeLessThan(200);
  await page.screenshot({ path: path.join(screenshots, 'friends-dark.png') });
});
