// The per-user data folder each OS expects, where the host shell keeps Kith's
// documents unless KITH_DATA_DIR says otherwise: the XDG Base Directory
// Specification's $XDG_DATA_HOME (default ~/.local/share) on Linux and the
// BSDs, %APPDATA% on Windows, ~/Library/Application Support on macOS.
import path from 'node:path';

export interface UserFolders {
  /** $XDG_DATA_HOME; the spec says to ignore a relative one. */
  xdgDataHome: string | null;
  /** %APPDATA%. */
  appData: string | null;
}

export function perUserDataDir(platform: NodeJS.Platform, home: string, folders: UserFolders): string {
  if (platform === 'win32') return path.win32.join(folders.appData || path.win32.join(home, 'AppData', 'Roaming'), 'Kith');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Kith');
  const xdg = folders.xdgDataHome;
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share'), 'kith');
}
