// The same user flows in the real Electron shell. They run where Electron's
// binary is installed and skip, saying why, where it is not (this CI installs
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1 because the download is unreachable).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, chromium, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createSandboxAdmin, type SandboxAdmin } from '../../sandbox/admin-client';
import { chromiumLaunchOptions } from '../support/chromium';
import { electronExecutable } from '../support/electron-binary';
import { KithApp, type ConsentChoice, type Provider } from '../support/kith-app';
import { startSandboxProcess } from '../support/processes';

const executable = electronExecutable();
test.skip(executable === null, "Electron's binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the Electron specs run where it is.");

const root = path.resolve(import.meta.dirname, '..', '..');

interface Desktop {
  app: KithApp;
  window: Page;
  electronApp: ElectronApplication;
  admin: SandboxAdmin;
  stopSandbox(): Promise<void>;
}

let cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups = [];
});

async function launchDesktop(env: Record<string, string> = {}): Promise<Desktop> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-electron-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const sandbox = await startSandboxProcess({ contacts: 80, friends: 30 });
  cleanups.push(() => sandbox.stop());
  const electronApp: ElectronApplication = await electron.launch({
    executablePath: executable!,
    args: [root],
    cwd: root,
    env: {
      ...process.env,
      KITH_SANDBOX_URL: sandbox.url,
      KITH_DATA_DIR: dataDir,
      KITH_FACEBOOK_REDIRECT_URI: sandbox.facebookRedirectUri,
      // shell.openExternal would start the real system browser; a separate Chromium plays it instead.
      KITH_BROWSER: 'none',
      ...env,
    },
  });
  cleanups.push(() => electronApp.close());
  const window = await electronApp.firstWindow();
  return { app: new KithApp(window), window, electronApp, admin: createSandboxAdmin(sandbox.url), stopSandbox: () => sandbox.stop() };
}

/**
 * Electron hands the consent page (or Facebook's device page, for Login for Devices) to the system
 * browser; a separate Chromium plays that browser.
 */
async function consentInSystemBrowser(app: KithApp, choice: ConsentChoice): Promise<void> {
  const device = app.devicePanel();
  await expect(device.or(app.signInLink())).toBeVisible();
  const viaCode = await device.isVisible();
  const code = viaCode ? await app.shownDeviceCode() : null;
  const authUrl = (await (viaCode ? device.getByRole('link', { name: 'Open facebook.com/device' }) : app.signInLink()).getAttribute('href'))!;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const consent = await browser.newPage();
    await consent.goto(authUrl);
    if (code !== null) await app.answerDevicePage(consent, code, choice);
    else await app.answerConsent(consent, choice);
  } finally {
    await browser.close();
  }
}

async function connect(app: KithApp, provider: Provider, person: string): Promise<void> {
  await app.connectButton(provider).click();
  await consentInSystemBrowser(app, { person });
}

test('connects, browses, searches and disconnects in the desktop window', async () => {
  const { app, window, admin } = await launchDesktop();
  await connect(app, 'google', 'Ada Lovelace');
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/80 (contacts|friends)/);
  await connect(app, 'facebook', 'Kofi Mensah');
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();

  await app.goTo('Friends');
  const first = await app.firstFriendName();
  await app.searchBox().fill(first);
  await expect(app.friendRows().first()).toContainText(first);

  const dialog = await app.disconnect(/Ada Lovelace/);
  await expect(dialog).toContainText(/every device/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  await expect.poll(async () => (await admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked')).toBe(true);

  // The window is sandboxed: no Node, and nothing but the contract on window.kith.
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((window as unknown as { kith: object }).kith).sort())).toEqual(['accounts', 'connectivity', 'dataFolder', 'events', 'friends', 'history', 'notifications', 'status', 'sync']);
  const storage = await window.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML);
  for (const token of await admin.tokens()) expect(storage.includes(token.value)).toBe(false);
});

test('friends stay readable offline in the desktop window', async () => {
  const { app, window, stopSandbox } = await launchDesktop();
  await connect(app, 'google', 'Ada Lovelace');
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/80 (contacts|friends)/);
  await stopSandbox();
  await window.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.offlineBanner()).toBeVisible();
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
});

test('a revoked grant turns to Reconnect, and reconnecting restores the same account', async () => {
  const { app, window, admin } = await launchDesktop();
  await connect(app, 'google', 'Grace Hopper');
  const grace = app.accountCard(/Grace Hopper/);
  await expect(grace).toBeVisible();
  await admin.revokeGrant({ provider: 'google', person: 'grace.hopper@example.com' });
  await window.getByRole('button', { name: 'Sync now' }).click();
  await app.accountButton('Reconnect', 'Grace Hopper', 'google').click();
  await consentInSystemBrowser(app, { person: 'Grace Hopper' });
  await expect(app.accountButton('Reconnect', 'Grace Hopper', 'google')).toHaveCount(0);
  await expect(window.getByRole('article', { name: /Grace Hopper/ })).toHaveCount(1);
});

test('denied, cancelled and timed-out sign-ins say so in the desktop window', async () => {
  const { app, window } = await launchDesktop({ KITH_LOGIN_TIMEOUT_MS: '3000' });
  await app.connectButton('google').click();
  await consentInSystemBrowser(app, { decision: 'deny' });
  await expect(window.getByText('You declined access at Google')).toBeVisible();

  await app.connectButton('facebook').click();
  await expect(app.devicePanel()).toBeVisible();
  await window.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.devicePanel()).toHaveCount(0);
  await expect(app.connectButton('facebook')).toBeEnabled();

  await app.connectButton('google').click();
  await expect(window.getByText(/took too long/)).toBeVisible({ timeout: 15_000 });
  await expect(window.getByRole('article')).toHaveCount(0);
});

test('waking the computer syncs a stale cache; powerMonitor is what tells the window', async () => {
  // Every cache counts as stale, so the wake alone must bring the new contacts.
  const { app, admin, electronApp } = await launchDesktop({ KITH_SYNC_STALE_AFTER_MS: '0' });
  await connect(app, 'google', 'Ada Lovelace');
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/80 (contacts|friends)/);
  await admin.changeContacts({ person: 'ada', added: 4 });
  await electronApp.evaluate(({ powerMonitor }) => powerMonitor.emit('resume'));
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/84 (contacts|friends)/);
});

test('a window that loses its network says offline at once and syncs when it is back', async () => {
  const { app, admin, window } = await launchDesktop();
  await connect(app, 'google', 'Ada Lovelace');
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/80 (contacts|friends)/);
  await admin.changeContacts({ person: 'ada', added: 2 });
  await window.context().setOffline(true);
  await expect(app.offlineBanner()).toBeVisible();
  await window.context().setOffline(false);
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/82 (contacts|friends)/);
  await expect(app.offlineBanner()).toHaveCount(0);
});

test('without client ids or the sandbox, the app opens its first-run page instead of an error dialog', async () => {
  const { window } = await launchDesktop({
    KITH_SANDBOX_URL: '',
    KITH_GOOGLE_CLIENT_ID: '',
    KITH_GOOGLE_CLIENT_SECRET: '',
    KITH_FACEBOOK_APP_ID: '',
    KITH_FACEBOOK_CLIENT_TOKEN: '',
  });
  await expect(window.getByRole('heading', { name: 'This copy of Kith has no Google or Facebook app to sign in with' })).toBeVisible();
  await expect(window.getByText('KITH_GOOGLE_CLIENT_ID is not set', { exact: false })).toBeVisible();
  // No bridge on this page: nothing it shows can reach the core.
  expect(await window.evaluate(() => typeof (window as unknown as { kith?: unknown }).kith)).toBe('undefined');
});
