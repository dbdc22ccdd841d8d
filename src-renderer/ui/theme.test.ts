import { describe, expect, it } from 'vitest';
import { applyTheme, readTheme, setTheme, THEME_STORAGE_KEY } from './theme';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('theme', () => {
  it('remembers the chosen theme and applies it to the root element', () => {
    const storage = memoryStorage();
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    expect(readTheme(storage)).toBe('system');
    setTheme('dark', root, storage);
    expect(root.dataset.theme).toBe('dark');
    expect(readTheme(storage)).toBe('dark');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
  });

  it('falls back to the system theme for anything it did not write, and survives a storage that throws', () => {
    expect(readTheme(memoryStorage({ [THEME_STORAGE_KEY]: 'purple' }))).toBe('system');
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readTheme(throwing)).toBe('system');
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    setTheme('light', root, throwing);
    expect(root.dataset.theme).toBe('light');
  });
});
