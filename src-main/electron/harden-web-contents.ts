// Rules for every web page Kith's Electron shell ever hosts (Electron
// security checklist): no navigation away from the app, no new windows (allowed
// links go to the system browser through the one allowlisted wrapper), no
// <webview>, and no permission (camera, notifications, ...) granted to anyone.
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

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
