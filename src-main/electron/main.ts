// The Electron shell's wiring, and nothing else: one instance, the core over
// Electron's adapters, the app:// origin with its CSP, the hardened window,
// and IPC generated from the contract. Behaviour lives in the core.
import { app, BrowserWindow, dialog, net, powerMonitor, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { KithError } from '../../src-contract/kith-api';
import { BUILT_IN_CONFIG_FILE, loadConfig, readBuiltInConfig, type KithConfig } from '../core/config';
import { createLogger } from '../core/log/logger';
import { createKithCore, type KithCore } from '../core/kith-core';
import { realScheduler } from '../core/api/scheduler';
import { PROVIDER_AVATAR_ORIGINS, securityHeaders } from '../node/security-headers';
import { APP_INDEX_URL, APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol';
import { createElectronPorts } from './electron-ports';
import { denyAllPermissions, hardenWebContents } from './harden-web-contents';
import { registerKithIpc } from './ipc';
import { showFirstRun } from './first-run-window';
import { createMainWindow } from './main-window';
import { showOsNotifications } from './os-notifications';
import { createSafeOpenExternal } from './safe-open-external';
import { watchSystem } from './system-watch';
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
  let config: KithConfig;
  try {
    // The client ids `npm run dist` built in (none in development); the environment overrides them.
    config = loadConfig(process.env, undefined, { builtIn: readBuiltInConfig(path.join(here, BUILT_IN_CONFIG_FILE)) });
  } catch (error) {
    // Not a dialog and an exit: a window that says what is missing and how to fix it.
    if (error instanceof KithError && error.code === 'E_CONFIG') return showFirstRun(error.message);
    throw error;
  }
  /** Set by `vite` in development only; the packaged app always loads app://kith. */
  const devServerUrl = app.isPackaged ? undefined : (config.devServerUrl ?? undefined);
  const openExternal = createSafeOpenExternal(
    (url) => shell.openExternal(url),
    config.allowedBrowserOrigins,
    (origin) => log.warn('Refused to open a link outside the allowlist', { origin }),
  );

  const trusted: TrustedPages = { origins: devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN] };
  const isAppUrl = (url: string) => isTrustedUrl(url, trusted);

  denyAllPermissions(session.defaultSession, isAppUrl);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, openExternal));

  const imageOrigins = [...PROVIDER_AVATAR_ORIGINS, ...(config.sandboxUrl ? [new URL(config.sandboxUrl).origin] : [])];
  // The page talks to the main process over IPC only; it has nothing to fetch.
  serveAppProtocol(path.join(here, '../dist/renderer'), securityHeaders(imageOrigins, "'none'"));

  const ports = await createElectronPorts({ config, log, openExternal });
  const core: KithCore = await createKithCore(ports, config, { shell: 'electron', version: app.getVersion() });
  const ipc = registerKithIpc({ api: core, trusted, log });
  // The network dropping or returning and waking from sleep: the core checks, then syncs if it matters.
  const stopWatchingSystem = watchSystem({ net, powerMonitor }, core.hints, realScheduler);

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
    stopWatchingSystem();
    ipc.dispose();
    stopNotifications();
    void core.close().finally(() => app.quit());
  });
}
