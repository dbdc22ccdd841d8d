// The data folder's Open button in the Electron shell: Electron's
// shell.openPath, which answers '' once the file manager has the folder and an
// error message otherwise (docs/api/shell.md). The core passes only its own
// data folder. KITH_BROWSER=none, as for the browser, opens nothing (tests).
import type { BrowserChoice } from '../../core/config';
import type { FolderOpener, Logger } from '../../core/ports';

export function createShellFolderOpener(shell: { openPath(path: string): Promise<string> }, browser: BrowserChoice, log: Logger): FolderOpener {
  return {
    async open(folder) {
      if (browser.kind === 'none') return false;
      const failure = await shell.openPath(folder);
      if (failure) log.warn('could not open the data folder', { reason: failure.slice(0, 120) });
      return failure === '';
    },
  };
}
