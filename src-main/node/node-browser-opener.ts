// Opens a URL in the system browser from the host shell: xdg-open (Linux, BSD),
// open (macOS), or rundll32's FileProtocolHandler (Windows: `start` is a cmd.exe
// built-in and would need a shell, which would re-parse the `&` in every OAuth
// URL). No shell anywhere: the URL is one argument. The configured choice
// (KithConfig.browser, from KITH_BROWSER) may instead only print the URL, or
// run another program with it.
// A missing or failing opener (not installed, or exiting with an error within
// moments) rejects, after telling the person to open the URL by hand (the CLI
// prints it anyway), so the window can say so and show the link. Every URL passes the external-URL
// gate first, so no caller can hand it another scheme.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { BrowserChoice } from '../core/config';
import type { BrowserOpener, Logger } from '../core/ports';
import { KithError } from '../../src-contract/kith-api';
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
  /** How long a started opener may take to fail before it counts as having opened the URL. */
  earlyExitMs?: number;
}

/** xdg-open, open and rundll32 hand the URL on and exit well within this. */
export const OPENER_EARLY_EXIT_MS = 1_500;

export function openerCommand(platform: NodeJS.Platform, browser: BrowserChoice, url: string): [string, string[]] | null {
  if (browser.kind === 'none') return null;
  if (browser.kind === 'program') return [browser.program, [url]];
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32.exe', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export interface NodeBrowserOpener extends BrowserOpener {
  /**
   * Opens a local file (the host shell's 0600 launch page) in the browser. The file's
   * path is all that reaches the browser's command line, never what the file holds.
   */
  openFile(filePath: string): Promise<void>;
}

export function createNodeBrowserOpener(options: NodeBrowserOpenerOptions = {}): NodeBrowserOpener {
  const browser = options.browser ?? { kind: 'system' };
  const platform = options.platform ?? process.platform;
  const earlyExitMs = options.earlyExitMs ?? OPENER_EARLY_EXIT_MS;
  const print = options.print ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const byHand = (url: string, why: string) => print(`${why} Open this address in your browser:\n  ${url}`);

  const launch = async (href: string): Promise<void> => {
    const command = openerCommand(platform, browser, href);
    if (!command) {
      byHand(href, 'Not opening a browser (KITH_BROWSER=none).');
      return;
    }
    const [program, args] = command;
    // node:child_process (with net and dgram) loads at the first browser start, not with every `kith` command.
    const spawn: Spawn = options.spawn ?? (await import('node:child_process')).spawn;
    await new Promise<void>((resolve, reject) => {
      let told = false;
      const failed = (why: string) => {
        if (told) return;
        told = true;
        byHand(href, why);
        reject(new KithError('E_INTERNAL', 'Kith could not open your browser.'));
      };
      let child: ChildProcess;
      try {
        child = spawn(program, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true });
      } catch (error) {
        failed(`Could not start a browser (${program}: ${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        return;
      }
      let settle: ReturnType<typeof setTimeout> | null = null;
      child.once('error', (error: NodeJS.ErrnoException) => {
        options.log?.warn('browser opener failed to start', { program, code: error.code ?? 'error' });
        failed(`Could not start a browser (${program}: ${error.code === 'ENOENT' ? 'not installed' : (error.code ?? 'error')}).`);
      });
      child.once('spawn', () => {
        child.unref();
        // An opener that finds no browser (xdg-open exits 3 or 4) says so within moments; one
        // still running after that has handed the URL on, or is the browser itself.
        settle = setTimeout(resolve, earlyExitMs);
        settle.unref?.();
      });
      child.once('exit', (code) => {
        if (settle) clearTimeout(settle);
        if (code !== null && code !== 0) {
          options.log?.warn('browser opener exited with an error', { program, code });
          failed(`The browser opener (${program}) failed.`);
        } else {
          resolve();
        }
      });
    });
  };
  return {
    // The shape rules only: `kith serve --open` opens Kith's own server, which is on no provider allowlist;
    // a friend's plain mailto: or tel: link goes to the mail or phone app the same way.
    open: async (url) => launch(requireExternalUrl(url, undefined, { contactLinks: true }).toString()),
    openFile: (filePath) => launch(pathToFileURL(filePath).href),
  };
}
