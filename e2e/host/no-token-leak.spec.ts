import { expect, test } from '../support/fixtures';
import { closeSecretDialog, copySecret, createTokenOnPage } from '../support/script-access';

test.use({ kithOptions: { contacts: 50, friends: 20 } });

test('no provider token ever reaches the page, and a script token’s secret only its create or regenerate answer and its open dialog', async ({ app, kith, page }) => {
  const seen: string[] = [];
  /** Every answer the page got, with the request it answered (RPC method names are in the path). */
  const answers: { request: string; text: string }[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(kith.hostUrl)) return;
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    const text = `${response.url()} ${JSON.stringify(response.headers())} ${await response.text().catch(() => '')}`;
    seen.push(text);
    answers.push({ request: `${response.request().method()} ${new URL(response.url()).pathname}`, text });
  });
  // Server-sent events arrive on a streamed fetch response: the DevTools protocol hands
  // over its bytes as they come once asked to stream it (Network.streamResourceContent).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const eventStreams = new Set<string>();
  let streamed = '';
  const keep = (base64: string | undefined) => {
    if (base64) streamed += Buffer.from(base64, 'base64').toString('utf8');
  };
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (!response.mimeType.includes('text/event-stream')) return;
    eventStreams.add(requestId);
    void cdp.send('Network.streamResourceContent', { requestId }).then(({ bufferedData }) => keep(bufferedData), () => {});
  });
  cdp.on('Network.dataReceived', ({ requestId, data }) => {
    if (eventStreams.has(requestId)) keep(data);
  });
  // The fixture opened the page (and its event stream) before anything listened: open it again.
  await page.reload();
  await expect(app.nav('Accounts')).toBeVisible();

  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/50 (contacts|friends)/);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
  await app.searchBox().fill('a');
  await app.goTo('Settings');
  const dialog = await app.disconnect(/Kofi Mensah/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Kofi Mensah/)).toHaveCount(0);

  // Script access: the one secret the page may see, in the create and regenerate answers and the open dialog only.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(kith.hostUrl).origin });
  const created = await createTokenOnPage(app, page, { name: 'leak check' });
  expect(await page.content()).toContain(created);
  await closeSecretDialog(page);
  const afterCreate = await page.content();
  await page.getByRole('button', { name: 'Regenerate leak check' }).click();
  await page.getByRole('dialog', { name: 'New secret for “leak check”?' }).getByRole('button', { name: 'Regenerate' }).click();
  const regenerated = await copySecret(page, 'New secret for leak check');
  expect(regenerated).not.toBe(created);
  expect(await page.content()).toContain(regenerated);
  await closeSecretDialog(page);
  expect((await fetch(`${kith.hostUrl}/api/v1/friends?limit=5`, { headers: { authorization: `Bearer ${regenerated}` } })).status).toBe(200);
  expect((await fetch(`${kith.hostUrl}/api/v1/friends?limit=5`, { headers: { authorization: `Bearer ${created}` } })).status).toBe(401);
  // Later answers: the list and the access log, after the secret was used.
  await page.reload();
  await page.getByRole('button', { name: 'Access log of leak check' }).click();
  await expect(page.getByRole('dialog', { name: 'Access log: leak check' }).getByRole('row')).toHaveCount(2);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  // The clipboard held it by the person's choice; it is emptied so the storage dump below cannot see it there.
  await page.evaluate(() => navigator.clipboard.writeText(''));

  seen.push(afterCreate);
  seen.push(await page.content());
  seen.push(
    await page.evaluate(async () => {
      const dump: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
      const databases = indexedDB.databases ? await indexedDB.databases() : [];
      dump.push(JSON.stringify(databases));
      const caches = 'caches' in window ? await window.caches.keys() : [];
      dump.push(JSON.stringify(caches));
      return dump.join('\n');
    }),
  );
  seen.push(JSON.stringify(await page.context().storageState()));
  seen.push(kith.hostOutput());
  seen.push(streamed);
  const events = streamed.split('\n').filter((line) => line.startsWith('event: ')).length;

  const tokens = await kith.admin.tokens();
  expect(tokens.filter((t) => t.provider === 'google').length).toBeGreaterThanOrEqual(3);
  // Login for Devices issues the user token alone: no code travels through the browser.
  expect(tokens.filter((t) => t.provider === 'facebook' && t.kind === 'device').length).toBe(1);
  expect(events).toBeGreaterThan(0);
  expect(seen.length).toBeGreaterThan(10);
  const everything = seen.join('\n');
  for (const token of tokens) {
    expect(everything.includes(token.value), `${token.provider} ${token.kind} token found in what the page received`).toBe(false);
  }

  for (const [secret, method] of [
    [created, 'tokens.create'],
    [regenerated, 'tokens.regenerate'],
  ] as const) {
    expect(answers.filter((a) => a.text.includes(secret)).map((a) => a.request)).toEqual([`POST /api/rpc/${method}`]);
    const elsewhere = seen.filter((text) => !answers.some((a) => a.text === text && a.request === `POST /api/rpc/${method}`));
    expect(elsewhere.some((text) => text.includes(secret)), `${method} secret found after its dialog closed (storage, later answers, events, DOM)`).toBe(false);
  }
});
