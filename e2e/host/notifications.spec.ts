// Notifications in the host shell: the browser's permission is asked only from
// the Settings button, never on load; Kith's switch outlasts a reload; and a
// queued revocation that lands later becomes a toast and, with the tab in the
// background and the permission granted, a browser notification.
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 10, friends: 10 } });

/** Stands in for the browser's Notification API before the page's own scripts run: records what Kith asks of it. */
async function recordWebNotifications(page: import('@playwright/test').Page, permission: 'default' | 'granted', hidden: boolean) {
  await page.addInitScript(
    ({ permission, hidden }) => {
      const record = { asked: 0, shown: [] as { title: string; body: string; tag: string }[] };
      (window as unknown as { notificationRecord: typeof record }).notificationRecord = record;
      let current: string = permission;
      class RecordingNotification {
        static get permission() {
          return current;
        }
        static async requestPermission() {
          record.asked += 1;
          current = 'granted';
          return current;
        }
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body: string; tag: string }) {
          record.shown.push({ title, body: options.body, tag: options.tag });
        }
        close() {}
      }
      Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
      if (hidden) Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });
    },
    { permission, hidden },
  );
}

const record = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { notificationRecord: { asked: number; shown: { title: string; body: string }[] } }).notificationRecord);

test('the browser is asked for permission only from the Settings button, and Kith’s switch outlasts a reload', async ({ app, page }) => {
  await recordWebNotifications(page, 'default', false);
  await page.reload();
  await app.goTo('Settings');
  const section = page.getByRole('region', { name: 'System notifications' });
  await expect(section).toContainText('This browser asks before it shows notifications.');
  expect((await record(page)).asked).toBe(0);
  await section.getByRole('button', { name: 'Allow browser notifications' }).click();
  await expect(section).toContainText('This browser shows Kith’s notifications while the Kith tab is in the background.');
  expect((await record(page)).asked).toBe(1);

  const toggle = section.getByRole('checkbox', { name: /Notify me outside this window/ });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.reload();
  await expect(page.getByRole('region', { name: 'System notifications' }).getByRole('checkbox', { name: /Notify me outside this window/ })).not.toBeChecked();
});

test('a revocation confirmed after its disconnect is a toast and, in a background tab, a browser notification', async ({ app, kith, page }) => {
  await recordWebNotifications(page, 'granted', true);
  await page.reload();
  await app.connect('google', { person: 'Ada Lovelace' });
  await kith.admin.setFaults('google', { serverErrorRate: 1 });
  const dialog = await app.disconnect(/Ada Lovelace/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('group', { name: 'Disconnected Ada Lovelace’s Google account' })).toContainText('Last try: Google answered with an error');
  await kith.admin.clearFaults('google');
  await expect(app.notifications()).toContainText('Google confirmed the disconnect. Kith is removed from Ada Lovelace’s Google account.', { timeout: 60_000 });
  expect((await record(page)).shown).toEqual([{ title: 'Google confirmed the disconnect', body: 'Kith is removed from Ada Lovelace’s Google account.', tag: expect.stringMatching(/^revocation:/) }]);
});
