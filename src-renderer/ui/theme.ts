// The window's colour theme: 'system' follows the OS, 'light' and 'dark' pin it. It is
// applied as <html data-theme="…">, which styles/tokens.css turns into the used
// color-scheme. It is kept in the renderer's localStorage, not in Kith's data folder:
// it is a preference of this window's look that nothing else (the core, the CLI,
// scripts) reads; it must be known synchronously before the first paint, where a
// round trip to the core would flash the wrong theme; and losing it costs nothing.
// In the host shell localStorage is per origin, so a `kith serve` on another port
// starts from 'system' again.

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_STORAGE_KEY = 'kith.theme';

/** The saved theme, or 'system' when none (or storage is unavailable or holds something else). */
export function readTheme(storage: Pick<Storage, 'getItem'> | null): Theme {
  try {
    const saved = storage?.getItem(THEME_STORAGE_KEY);
    return THEMES.find((t) => t === saved) ?? 'system';
  } catch {
    return 'system';
  }
}

/** Applies and remembers the theme; a storage that refuses (private mode, quota) only loses the memory. */
export function setTheme(theme: Theme, root: HTMLElement, storage: Pick<Storage, 'setItem'> | null): void {
  applyTheme(theme, root);
  try {
    storage?.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // The theme still applies to this window.
  }
}

export function applyTheme(theme: Theme, root: HTMLElement): void {
  root.dataset.theme = theme;
}

/** localStorage, or null where reading it throws (storage disabled). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
