// Rules for every web page Kith's Electron shell ever hosts (Electron
// security checklist): no navigation away from the app, no new windows (allowed
// links go to the system browser through the one allowlisted wrapper), no
// <webview>, and no permission (camera, notifications, ...) granted to anyone
// but one: the app's own page may write text to the clipboard (Chromium's
// 'clipboard-sanitized-write', what navigator.clipboard.writeText asks for), so
// its Copy buttons (a sign-in link, a device code, the data folder) work.
import type { Session, WebContents } from 'electron';
import type { SafeOpenExternal } from './safe-open-external';

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean, openExternal: SafeOpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternal(url);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Whether a page at `url` gets `permission`: only clipboard writing, only for the app's own pages. */
export function isPermitted(permission: string, url: string | undefined, isAppUrl: (url: string) => boolean): boolean {
  return permission === 'clipboard-sanitized-write' && url !== undefined && isAppUrl(url);
}

export function denyAllPermissions(session: Session, isAppUrl: (url: string) => boolean = () => false): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermitted(permission, details.requestingUrl, isAppUrl)));
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => isPermitted(permission, details.requestingUrl, isAppUrl));
  session.setDevicePermissionHandler(() => false);
}
