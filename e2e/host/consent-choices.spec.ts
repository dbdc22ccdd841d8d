// What a person chooses on Google's consent page, as Kith shows it: contacts
// left unshared (and shared later from the Friends page), time-limited access,
// and a reconnect where someone else signs in.
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 30 } });

test('contacts left unticked: connected, says so, and "Share contacts" asks again and brings the friends in', async ({ app, page }) => {
  await app.connect('google', { person: 'Ada Lovelace', withoutContacts: true });
  const ada = app.accountCard(/Ada Lovelace/);
  await expect(ada).toContainText('Connected');
  await expect(ada).toContainText("You didn't share your contacts with Kith");
  await expect(ada.getByRole('button', { name: 'Share contacts' })).toBeVisible();

  await app.goTo('Friends');
  await expect(page.getByText("You didn't share your contacts with Kith")).toBeVisible();
  await expect(page.getByText(/Google was not allowed to give Kith your contacts, so there is nothing to list/)).toBeVisible();
  const consent = await app.startLogin('google', page.getByRole('button', { name: 'Share contacts' }));
  // Kith asked for Ada again, and only for what she had not granted.
  await app.expectPreselected(consent, /Ada Lovelace/);
  expect(new URL(consent.url()).searchParams.get('include_granted_scopes')).toBe('true');
  await (await app.answerConsent(consent)).close();

  await expect(app.friendRows().first()).toBeVisible();
  await expect(page.getByText("You didn't share your contacts with Kith")).toHaveCount(0);
  await expect(page.getByText(/^30 people/)).toBeVisible();
});

test('time-limited access: the account card says when Kith’s access ends and that it was the person’s choice', async ({ app }) => {
  await app.connect('google', { person: 'Grace Hopper', accessFor: 'For 1 hour' });
  const grace = app.accountCard(/Grace Hopper/);
  await expect(grace).toContainText(/Kith’s access ends on \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2} — you chose time-limited access/);
  await expect(grace.getByRole('button', { name: 'Reconnect' })).toBeVisible();
});

test('reconnecting Alan as Ada is caught and explained; "Try again" leaves no grant of Ada behind; "Add as a new account" adds her', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Alan Turing' });
  const alan = app.accountCard(/Alan Turing/);
  await expect(alan).toContainText('Connected');
  // Alan's access ends at Google, so his card asks to be reconnected.
  await kith.admin.revokeGrant({ provider: 'google', person: 'alan.turing@example.com', reason: 'removed-app' });
  await page.getByRole('button', { name: 'Sync now' }).click();
  const reconnect = alan.getByRole('button', { name: 'Reconnect' });
  await expect(reconnect).toBeVisible();

  const liveGrantsOf = async (email: string) => (await kith.admin.grants({ provider: 'google', status: 'active' })).grants.filter((g) => g.person === email && g.status === 'active');

  // Kith names Alan; the person picks Ada anyway.
  let consent = await app.startLogin('google', reconnect);
  await app.expectPreselected(consent, /Alan Turing/);
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  const prompt = app.otherPersonPrompt();
  await expect(prompt).toContainText('Ada Lovelace signed in, not Alan Turing');
  await expect(prompt).toContainText('Kith left Alan Turing’s account as it was');
  await expect(page.getByRole('article', { name: /Ada Lovelace/ })).toHaveCount(0);
  expect(await liveGrantsOf('ada.lovelace@example.com')).toHaveLength(1);

  // "Try again": Ada's sign-in is discarded (her new grant revoked at Google) and Alan signs in.
  consent = await app.startLogin('google', prompt.getByRole('button', { name: 'Try again' }));
  await (await app.answerConsent(consent, { person: 'Alan Turing' })).close();
  await expect(alan.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
  await expect(app.otherPersonPrompt()).toHaveCount(0);
  await expect.poll(() => liveGrantsOf('ada.lovelace@example.com')).toEqual([]);
  expect(await liveGrantsOf('alan.turing@example.com')).toHaveLength(1);

  // Alan's access ends again; this time the person keeps Ada.
  await kith.admin.revokeGrant({ provider: 'google', person: 'alan.turing@example.com', reason: 'removed-app' });
  await page.getByRole('button', { name: 'Sync now' }).click();
  consent = await app.startLogin('google', alan.getByRole('button', { name: 'Reconnect' }));
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  await app.otherPersonPrompt().getByRole('button', { name: 'Add Ada as a new account' }).click();
  await expect(page.getByRole('article', { name: /Ada Lovelace/ })).toContainText('Connected');
  await expect(alan).toContainText('Needs reconnecting');
  await expect(page.getByRole('article')).toHaveCount(2);
  expect(await liveGrantsOf('ada.lovelace@example.com')).toHaveLength(1);
});
