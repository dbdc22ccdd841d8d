// Opens a URL in the system browser from the host shell: xdg-open (Linux, BSD),
// open (macOS), or rundll32's FileProtocolHandler (Windows: `start` is a cmd.exe
// built-in and would need a shell, which would re-parse the `&` in every OAuth
// URL). No shell anywhere: the URL is one argument. The configured choice
// (KithConfig.browser, from KITH_BROWSER) may instead only print the URL, or
// run another program with it.
// A missing or failing opener never throws: the person is told to open the
// URL by hand (the CLI prints it anyway). Every URL passes the external-URL
// gate first, so no caller can hand it another scheme.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { BrowserChoice } from '../core/config';
import type { BrowserOpener, Logger } from '../core/ports';
import { requireExternalUrl } from '../core/login/external-url-gate';

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface NodeBrowserOpenerOptions {
  /** KithConfig.browser; default: the platform's opener. */
  browser?: BrowserChoice;
  platform?: NodeJS.Platform;
  /** Tells the person what to do; defaults to stderr (stdout stays clean for --json). */
  print?: (line: string) => void;
  log?: Logger;
  spawn?: Spawn;
}

export function openerCommand(platform: NodeJS.Platform, browser: BrowserChoice, url: string): [string, string[]] | null {
  if (browser.kind === 'none') return null;
  if (browser.kind === 'program') return [browser.program, [url]];
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32.exe', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function createNodeBrowserOpener(options: NodeBrowserOpenerOptions = {}): BrowserOpener {
  const browser = options.browser ?? { kind: 'system' };
  const platform = options.platform ?? process.platform;
  const print = options.print ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const byHand = (url: string, why: string) => print(`${why} Open this address in your browser:\n  ${url}`);

  return {
    async open(url) {
      // The shape rules only: `kith serve --open` opens Kith's own server, which is on no provider allowlist;
      // a friend's plain mailto: or tel: link goes to the mail or phone app the same way.
      const href = requireExternalUrl(url, undefined, { contactLinks: true }).toString();
      const command = openerCommand(platform, browser, href);
      if (!command) {
        byHand(href, 'Not opening a browser (KITH_BROWSER=none).');
        return;
      }
      const [program, args] = command;
      // node:child_process (with net and dgram) loads at the first browser start, not with every `kith` command.
      const spawn: Spawn = options.spawn ?? (await import('node:child_process')).spawn;
      await new Promise<void>((resolve) => {
        let child: ChildProcess;
        try {
          child = spawn(program, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true });
        } catch (error) {
          byHand(href, `Could not start a browser (${program}: ${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
          resolve();
          return;
        }
        child.once('error', (error: NodeJS.ErrnoException) => {
          options.log?.warn('browser opener failed to start', { program, code: error.code ?? 'error' });
          byHand(href, `Could not start a browser (${program}: ${error.code === 'ENOENT' ? 'not installed' : (error.code ?? 'error')}).`);
          resolve();
        });
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
        child.once('exit', (code) => {
          // xdg-open exits non-zero when it finds no browser to hand the URL to.
          if (code !== null && code !== 0) {
            options.log?.warn('browser opener exited with an error', { program, code });
            byHand(href, `The browser opener (${program}) failed.`);
          }
        });
      });
    },
  };
}
