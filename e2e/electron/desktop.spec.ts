// The same user flows in the real Electron shell. They run where Electron's
// binary is installed and skip, saying why, where it is not (this CI installs
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1 because the download is unreachable).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, chromium, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createSandboxAdmin } from '../../sandbox/admin-client';
import { chromiumLaunchOptions } from '../support/chromium';
import { electronExecutable } from '../support/electron-binary';
import { KithApp, type Provider } from '../support/kith-app';
import { freePort, startProcess, type RunningProcess } from '../support/processes';

const executable = electronExecutable();
test.skip(executable === null, "Electron's binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the Electron specs run where it is.");

const root = path.resolve(import.meta.dirname, '..', '..');
let sandbox: RunningProcess;
let electronApp: ElectronApplication;
let window: Page;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kith-electron-'));
  const facebookRedirectUri = `http://localhost:${await freePort()}/kith/facebook/callback`;
  sandbox = await startProcess(['sandbox/cli.ts', '--port', '0', '--quiet', '--contacts', '80', '--friends', '30', '--facebook-redirect-uri', facebookRedirectUri], {
    name: 'The sandbox',
    readyPattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  electronApp = await electron.launch({
    executablePath: executable!,
    args: [root],
    cwd: root,
    env: {
      ...process.env,
      KITH_SANDBOX_URL: sandbox.ready[1]!,
      KITH_DATA_DIR: dataDir,
      KITH_FACEBOOK_REDIRECT_URI: facebookRedirectUri,
      KITH_BROWSER: 'none',
    },
  });
  window = await electronApp.firstWindow();
});

test.afterEach(async () => {
  await electronApp?.close();
  await sandbox?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Electron hands the consent page to the system browser; a separate Chromium plays that browser. */
async function connectThroughSystemBrowser(app: KithApp, provider: Provider, person: string): Promise<void> {
  await app.connectButton(provider).click();
  const authUrl = (await app.signInLink().getAttribute('href'))!;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const consent = await browser.newPage();
    await consent.goto(authUrl);
    await app.answerConsent(consent, { person });
  } finally {
    await browser.close();
  }
}

test('connects, browses, searches and disconnects in the desktop window', async () => {
  const app = new KithApp(window);
  const admin = createSandboxAdmin(sandbox.ready[1]!);
  await connectThroughSystemBrowser(app, 'google', 'Ada Lovelace');
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/80 (contacts|friends)/);
  await connectThroughSystemBrowser(app, 'facebook', 'Kofi Mensah');
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();

  await app.goTo('Friends');
  const first = (await app.friendRows().first().innerText()).split('\n')[0]!.trim();
  await app.searchBox().fill(first);
  await expect(app.friendRows().first()).toContainText(first);

  const dialog = await app.disconnect(/Ada Lovelace/);
  await expect(dialog).toContainText(/every device/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  await expect.poll(async () => (await admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked')).toBe(true);

  // The window is sandboxed: no Node, and nothing but the contract on window.kith.
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((window as unknown as { kith: object }).kith).sort())).toEqual(['accounts', 'events', 'friends', 'status', 'sync']);
  const storage = await window.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML);
  for (const token of await admin.tokens()) expect(storage.includes(token.value)).toBe(false);
});

test('a denied consent says so in the desktop window', async () => {
  const app = new KithApp(window);
  await app.connectButton('google').click();
  const authUrl = (await app.signInLink().getAttribute('href'))!;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const consent = await browser.newPage();
    await consent.goto(authUrl);
    await app.answerConsent(consent, { decision: 'deny' });
  } finally {
    await browser.close();
  }
  await expect(window.getByText('You declined access at Google')).toBeVisible();
});
