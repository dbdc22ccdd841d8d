// The first-run window: when the configuration is missing or wrong, the app
// opens this instead of its main window or an error dialog. app://kith answers
// every request with the first-run page (first-run-page.ts) under the small
// pages' CSP (its one inline style, no script), the window has no preload and
// no IPC, and the same hardening as the main window keeps it in place.
import { app, BrowserWindow, protocol, session } from 'electron';
import { htmlPageResponse } from '../node/html-page';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME } from './app-protocol';
import { firstRunPage } from './first-run-page';
import { denyAllPermissions, hardenWebContents } from './harden-web-contents';
import { isTrustedUrl } from './trusted-sender';

/** Call once the app is ready. */
export function showFirstRun(configMessage: string): void {
  const page = firstRunPage(configMessage);
  const isAppUrl = (url: string) => isTrustedUrl(url, { origins: [APP_ORIGIN] });
  denyAllPermissions(session.defaultSession);
  // Links on the page would go to the system browser; it has none, so nothing is opened at all.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, async () => false));
  protocol.handle(APP_SCHEME, async () => htmlPageResponse(page, 200));
  const window = new BrowserWindow({
    width: 720,
    height: 640,
    title: 'Kith',
    autoHideMenuBar: true,
    show: false,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  app.on('window-all-closed', () => app.quit());
}
