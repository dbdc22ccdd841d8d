import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 50, friends: 20 } });

test('no token the providers issued ever reaches the page: API answers, events, storage or DOM', async ({ app, kith, page }) => {
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(kith.hostUrl)) return;
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    seen.push(`${response.url()} ${JSON.stringify(response.headers())} ${await response.text().catch(() => '')}`);
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
});
