// How `kith serve --open` and `kith open` hand the launch link to a browser
// without putting it on the browser's command line (where /proc/<pid>/cmdline
// shows it to every local user): the link goes into a page only this user can
// read (0600, in the data folder) that sends the browser on to it, and the
// browser is given the page's path. Jupyter does the same (its
// jupyter_server "redirect file", `jpserver-<pid>-open.html`).
// The server keeps track of its pages and removes them once a launch link has
// been used, when they expire, and when it stops.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LaunchPages {
  /** Writes a page that sends the browser to `launchUrl`; resolves with its path. */
  write(launchUrl: string): Promise<string>;
  /** Removes every page still there (a link was used, or the server stops). */
  removeAll(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function createLaunchPages(dir: string, ttlMs: number): LaunchPages {
  const pages = new Map<string, NodeJS.Timeout>();
  const remove = async (file: string) => {
    clearTimeout(pages.get(file));
    pages.delete(file);
    await rm(file, { force: true });
  };
  return {
    async write(launchUrl) {
      const file = await writeLaunchPage(dir, launchUrl);
      pages.set(file, setTimeout(() => void remove(file), ttlMs).unref());
      return file;
    },
    async removeAll() {
      await Promise.all([...pages.keys()].map(remove));
    },
  };
}

async function writeLaunchPage(dataDir: string, launchUrl: string): Promise<string> {
  const file = path.join(dataDir, `kith-open-${randomBytes(8).toString('hex')}.html`);
  const href = escapeHtml(launchUrl);
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<meta name="referrer" content="no-referrer">',
    '<title>Opening Kith</title></head>',
    `<body><p>Opening Kith... If nothing happens, <a href="${href}">open it here</a>.</p></body></html>`,
  ].join('\n');
  // 'wx': never follow or reuse a file someone else put there.
  await writeFile(file, html, { mode: 0o600, flag: 'wx' });
  return file;
}
