// The Electron shell's wiring, and nothing else: one instance, the core over
// Electron's adapters, the app:// origin with its CSP, the hardened window,
// and IPC generated from the contract. Behaviour lives in the core.
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { KithError } from '../../src-contract/kith-api';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/log/logger';
import { createKithCore, type KithCore } from '../core/kith-core';
import { PROVIDER_AVATAR_ORIGINS, securityHeaders } from '../node/security-headers';
import { APP_INDEX_URL, APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol';
import { createElectronPorts } from './electron-ports';
import { denyAllPermissions, hardenWebContents } from './harden-web-contents';
import { registerKithIpc } from './ipc';
import { createMainWindow } from './main-window';
import { showOsNotifications } from './os-notifications';
import { createSafeOpenExternal } from './safe-open-external';
import { isTrustedUrl, type TrustedPages } from './trusted-sender';

const here = path.dirname(fileURLToPath(import.meta.url));

// Before `ready`: the scheme must be privileged (standard, secure) to be an origin.
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start().catch((error: unknown) => {
    const message = error instanceof KithError ? error.message : 'Kith could not start. Please try again.';
    dialog.showErrorBox('Kith', message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  // Windows shows a main-process Notification only for an app with an Application User Model ID
  // (electronjs.org/docs/tutorial/notifications, Windows); the packaged app's is its appId.
  if (process.platform === 'win32') app.setAppUserModelId('app.kith.desktop');
  const log = createLogger({ name: 'kith' });
  const config = loadConfig(process.env);
  /** Set by `vite` in development only; the packaged app always loads app://kith. */
  const devServerUrl = app.isPackaged ? undefined : (config.devServerUrl ?? undefined);
  const openExternal = createSafeOpenExternal(
    (url) => shell.openExternal(url),
    config.allowedBrowserOrigins,
    (origin) => log.warn('Refused to open a link outside the allowlist', { origin }),
  );

  const trusted: TrustedPages = { origins: devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN] };
  const isAppUrl = (url: string) => isTrustedUrl(url, trusted);

  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, openExternal));

  const imageOrigins = [...PROVIDER_AVATAR_ORIGINS, ...(config.sandboxUrl ? [new URL(config.sandboxUrl).origin] : [])];
  // The page talks to the main process over IPC only; it has nothing to fetch.
  serveAppProtocol(path.join(here, '../dist/renderer'), securityHeaders(imageOrigins, "'none'"));

  const ports = await createElectronPorts({ config, log, openExternal });
  const core: KithCore = await createKithCore(ports, config, { shell: 'electron', version: app.getVersion() });
  const ipc = registerKithIpc({ api: core, trusted, log });

  let window: BrowserWindow | null = null;
  const openWindow = () => {
    window = createMainWindow({ preloadPath: path.join(here, 'preload.cjs'), url: devServerUrl ?? APP_INDEX_URL });
    ipc.forwardEventsTo(window.webContents);
    window.on('closed', () => (window = null));
  };
  openWindow();
  const bringToFront = () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  const stopNotifications = showOsNotifications({ events: core.events, log, showWindow: bringToFront });

  app.on('second-instance', bringToFront);
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    // Let the core stop its timers and cancel a login before the process ends.
    closing = true;
    event.preventDefault();
    ipc.dispose();
    stopNotifications();
    void core.close().finally(() => app.quit());
  });
}
