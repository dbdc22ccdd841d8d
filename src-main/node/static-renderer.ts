// Serves the built renderer (`npm run build:renderer`, vite into dist/renderer): files by
// path, index.html for client-side routes, and a clear 503 page when the
// renderer has not been built yet.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { htmlPageResponse } from './html-page';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The file a URL path names inside `root`, or null when it would leave it (`..`, encoded slashes, NUL). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  const rel = relative(root, file);
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export function createStaticRenderer(rendererDir: string): (urlPath: string) => Promise<Response> {
  const root = resolve(rendererDir);
  const index = join(root, 'index.html');

  return async (urlPath) => {
    if (!(await isFile(index))) {
      return htmlPageResponse(
        {
          title: 'The app is not built',
          heading: 'The Kith app has not been built yet',
          paragraphs: [
            ['Build it with ', { command: 'npm run build:renderer' }, ', then reload this page.'],
            ['Kith looked for it in ', { command: root }, '.'],
          ],
        },
        503,
      );
    }
    const file = resolveInside(root, urlPath);
    if (file === null) return new Response('Bad path', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });

    if (await isFile(file)) {
      const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
      // Vite fingerprints everything under assets/; the rest (index.html) must be revalidated.
      const cache = relative(root, file).startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return new Response(await readFile(file), { headers: { 'content-type': type, 'cache-control': cache } });
    }
    // A missing file with an extension is a real 404; anything else is a client-side route.
    if (extname(file) !== '') return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return new Response(await readFile(index), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
  };
}
