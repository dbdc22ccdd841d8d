// Opens Kith's data folder in the system's file manager from the host shell
// (`kith serve` runs on the same computer as the browser showing the page):
// xdg-open (Linux, BSD), open (macOS), explorer.exe (Windows), the folder as
// one argument and no shell. The core passes only its own data folder; this
// still refuses anything but an absolute path to an existing folder, so it can
// never be turned into "open this file" or "run this program".
// KITH_BROWSER=none (tests, headless machines) opens nothing.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserChoice } from '../core/config';
import type { FolderOpener, Logger } from '../core/ports';

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export function folderOpenerCommand(platform: NodeJS.Platform, folder: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [folder]];
  if (platform === 'win32') return ['explorer.exe', [folder]];
  return ['xdg-open', [folder]];
}

export function createNodeFolderOpener(options: { browser?: BrowserChoice; platform?: NodeJS.Platform; spawn?: Spawn; log?: Logger } = {}): FolderOpener {
  const platform = options.platform ?? process.platform;
  return {
    async open(folder) {
      if (options.browser?.kind === 'none') return false;
      if (!path.isAbsolute(folder) || !(await stat(folder).then((s) => s.isDirectory(), () => false))) return false;
      const [program, args] = folderOpenerCommand(platform, folder);
      const spawn: Spawn = options.spawn ?? (await import('node:child_process')).spawn;
      return new Promise<boolean>((resolve) => {
        let child: ChildProcess;
        try {
          child = spawn(program, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true });
        } catch {
          resolve(false);
          return;
        }
        child.once('error', (error: NodeJS.ErrnoException) => {
          options.log?.warn('folder opener failed to start', { program, code: error.code ?? 'error' });
          resolve(false);
        });
        child.once('spawn', () => {
          child.unref();
          resolve(true);
        });
      });
    },
  };
}
