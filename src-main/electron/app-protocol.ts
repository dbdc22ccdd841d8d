// The app's own origin, app://kith, serving the built renderer from disk.
// A custom standard scheme rather than file:// (Electron security checklist,
// "Avoid usage of the file:// protocol"): the page gets a real origin that the
// IPC sender check and the CSP's 'self' can name, file:// pages get no access
// to each other, and every response carries the Content-Security-Policy
// (webRequest header hooks never see file:// loads).
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { protocol } from 'electron';
import { contentTypes, resolveInside } from '../node/static-renderer';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kith`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/** The file an app:// URL names inside the renderer folder, or null (wrong host, escapes the folder). */
export function appUrlToFile(rawUrl: string, rendererDir: string): string | null {
  const url = new URL(rawUrl);
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return null;
  return resolveInside(resolve(rendererDir), url.pathname === '/' ? '/index.html' : url.pathname);
}

export function serveAppProtocol(rendererDir: string, headers: Record<string, string>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, rendererDir);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { ...headers, 'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream' } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}
