// System notifications in the real Electron shell: a revocation that could
// not reach Facebook at the disconnect is confirmed later, and Electron's
// main-process Notification says so.
// Runs where Electron's binary is installed and skips, saying why, elsewhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, chromium, expect, test, type ElectronApplication } from '@playwright/test';
import { createSandboxAdmin } from '../../sandbox/admin-client';
import { chromiumLaunchOptions } from '../support/chromium';
import { electronExecutable } from '../support/electron-binary';
import { KithApp } from '../support/kith-app';
import { startSandboxProcess } from '../support/processes';

const executable = electronExecutable();
test.skip(executable === null, "Electron's binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the Electron specs run where it is.");

const root = path.resolve(import.meta.dirname, '..', '..');
let cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups = [];
});

test('a queued revocation confirmed later shows a system notification', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-electron-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const sandbox = await startSandboxProcess({ contacts: 10, friends: 10 });
  cleanups.push(() => sandbox.stop());
  const admin = createSandboxAdmin(sandbox.url);
  const electronApp: ElectronApplication = await electron.launch({
    executablePath: executable!,
    args: [root],
    cwd: root,
    env: { ...process.env, KITH_SANDBOX_URL: sandbox.url, KITH_DATA_DIR: dataDir, KITH_FACEBOOK_REDIRECT_URI: sandbox.facebookRedirectUri, KITH_BROWSER: 'none' },
  });
  cleanups.push(() => electronApp.close());
  // Records what would reach the desktop instead of showing it.
  await electronApp.evaluate(({ Notification }) => {
    const shown: { title: string; body: string }[] = [];
    (globalThis as { shownNotifications?: unknown }).shownNotifications = shown;
    Notification.prototype.show = function (this: Electron.Notification) {
      shown.push({ title: this.title, body: this.body });
    };
  });
  const shown = () => electronApp.evaluate(() => (globalThis as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications);
  const window = await electronApp.firstWindow();
  const app = new KithApp(window);

  await app.connectButton('facebook').click();
  const code = await app.shownDeviceCode();
  const browser = await chromium.launch(chromiumLaunchOptions());
  cleanups.push(() => browser.close());
  const devicePage = await browser.newPage();
  await devicePage.goto((await app.devicePanel().getByRole('link', { name: 'Open facebook.com/device' }).getAttribute('href'))!);
  await app.answerDevicePage(devicePage, code, { person: 'Kofi Mensah' });
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();

  await admin.setFaults('facebook', { serverErrorRate: 1 });
  const dialog = await app.disconnect(/Kofi Mensah/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(window.getByText(/Waiting for Facebook to confirm removing Kith from Kofi Mensah’s account/)).toBeVisible();
  await admin.clearFaults('facebook');
  await expect.poll(shown, { timeout: 60_000 }).toEqual([{ title: 'Facebook confirmed the disconnect', body: 'Kith is removed from Kofi Mensah’s Facebook account.' }]);
});
