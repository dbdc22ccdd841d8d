import { describe, expect, it } from 'vitest';
import { nextIndex } from './list-keys';

describe('friend list keys', () => {
  it('moves by one, by a page, and to either end, never past them', () => {
    expect(nextIndex('ArrowDown', null, 100, 10)).toBe(0);
    expect(nextIndex('ArrowDown', 5, 100, 10)).toBe(6);
    expect(nextIndex('ArrowUp', 0, 100, 10)).toBe(0);
    expect(nextIndex('PageDown', 95, 100, 10)).toBe(99);
    expect(nextIndex('PageUp', 5, 100, 10)).toBe(0);
    expect(nextIndex('Home', 50, 100, 10)).toBe(0);
    expect(nextIndex('End', 0, 25_000, 10)).toBe(24_999);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextIndex('a', 3, 100, 10)).toBeNull();
    expect(nextIndex('ArrowDown', null, 0, 10)).toBeNull();
  });
});
