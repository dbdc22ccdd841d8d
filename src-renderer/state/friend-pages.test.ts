import { describe, expect, it } from 'vitest';
import type { FriendListRow } from '../../src-contract/kith-api';
import { sampleFriend } from '../../src-contract/testing/stub-kith-api';
import { evictPages, friendAt, heldRows, keepWindow, needsFetch, pagesForRange, type PageEntry } from './friend-pages';
import { toFriendRow } from '../../src-contract/kith-api';

const friend = (i: number): FriendListRow => ({ ...toFriendRow(sampleFriend), id: `acc_abcdef:p${i}`, name: `Friend ${i}` });
const page = (p: number, size: number, generation = 0): PageEntry => ({
  items: Array.from({ length: size }, (_, i) => friend(p * size + i)),
  generation,
});

describe('pagesForRange', () => {
  it('covers the visible rows with whole pages', () => {
    expect(pagesForRange(0, 15, null, 200)).toEqual([0]);
    expect(pagesForRange(190, 215, null, 200)).toEqual([0, 1]);
    expect(pagesForRange(12_400, 12_420, 25_000, 200)).toEqual([62]);
  });

  it('never asks past the end, and nothing for an empty result', () => {
    expect(pagesForRange(24_990, 25_010, 25_000, 200)).toEqual([124]);
    expect(pagesForRange(0, 20, 0, 200)).toEqual([]);
  });
});

describe('eviction', () => {
  it('keeps one page either side of the visible ones and drops the rest', () => {
    const held = new Map([0, 1, 2, 3, 40, 41].map((p) => [p, page(p, 10)]));
    const window = keepWindow([41]);
    expect(window).toEqual({ from: 40, to: 42 });
    expect([...evictPages(held, window).keys()]).toEqual([40, 41]);
  });

  it('bounds the rows held however far the person scrolled', () => {
    let held = new Map<number, PageEntry>();
    for (let p = 0; p < 125; p += 1) {
      const window = keepWindow([p]);
      held = evictPages(held, window);
      held.set(p, page(p, 200));
    }
    expect(heldRows(held)).toBeLessThanOrEqual(3 * 200);
  });
});

describe('lookup and staleness', () => {
  it('finds a row by its index', () => {
    const held = new Map([[3, page(3, 10)]]);
    expect(friendAt(held, 35, 10)?.name).toBe('Friend 35');
    expect(friendAt(held, 45, 10)).toBeUndefined();
  });

  it('refetches a page fetched for an older generation', () => {
    const held = new Map([[0, page(0, 10, 1)]]);
    expect(needsFetch(held, 0, 1)).toBe(false);
    expect(needsFetch(held, 0, 2)).toBe(true);
    expect(needsFetch(held, 1, 1)).toBe(true);
  });
});
