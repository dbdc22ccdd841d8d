// Paging arithmetic for the friend list: which pages a visible row range needs, which
// pages to keep around it, and which row lives where. The list shows tens of thousands
// of rows; only the pages near the viewport are ever fetched or held.
import type { FriendListRow } from '../../src-contract/kith-api';

/**
 * Rows per friends.list request (the contract allows up to 1000). A keystroke waits for the
 * first page of its query, and every row of it is read, checked against the contract on both
 * sides, parsed and handed to the list (rows, `shape: 'row'`: about a third of a whole person's bytes): 30 rows (1,920 px of 64 px rows) still cover a
 * screen and the virtualiser's overscan in one request, for less of each than 50 or 200.
 */
export const PAGE_SIZE = 30;
/** Pages kept on each side of the visible ones, so a small scroll back needs no request. */
export const KEEP_PAGES = 1;

export interface PageEntry {
  /** The rows as `friends.list` gives them with `shape: 'row'` (the details view reads the person with `friends.get`). */
  readonly items: readonly FriendListRow[];
  /** The data generation the page was fetched for; older pages are shown until replaced. */
  readonly generation: number;
}

export type PageMap = ReadonlyMap<number, PageEntry>;

export function pageOf(index: number, pageSize = PAGE_SIZE): number {
  return Math.floor(index / pageSize);
}

/** Page numbers covering rows [start, end] (inclusive), clamped to `total` when known. */
export function pagesForRange(start: number, end: number, total: number | null, pageSize = PAGE_SIZE): number[] {
  if (total === 0) return [];
  const first = pageOf(Math.max(0, Math.min(start, end)), pageSize);
  let last = pageOf(Math.max(0, start, end), pageSize);
  if (total !== null) last = Math.min(last, pageOf(total - 1, pageSize));
  const pages: number[] = [];
  for (let p = first; p <= last; p += 1) pages.push(p);
  return pages;
}

export interface PageWindow {
  readonly from: number;
  readonly to: number;
}

/** The pages worth holding while `pages` are visible. */
export function keepWindow(pages: readonly number[], keep = KEEP_PAGES): PageWindow {
  if (pages.length === 0) return { from: 0, to: keep };
  return { from: Math.max(0, Math.min(...pages) - keep), to: Math.max(...pages) + keep };
}

export function inWindow(page: number, window: PageWindow): boolean {
  return page >= window.from && page <= window.to;
}

/** A copy of `pages` without the pages outside `window`. */
export function evictPages(pages: PageMap, window: PageWindow): Map<number, PageEntry> {
  const kept = new Map<number, PageEntry>();
  for (const [page, entry] of pages) if (inWindow(page, window)) kept.set(page, entry);
  return kept;
}

/** Whether `page` must be (re)fetched for data generation `generation`. */
export function needsFetch(pages: PageMap, page: number, generation: number): boolean {
  const entry = pages.get(page);
  return entry === undefined || entry.generation !== generation;
}

export function friendAt(pages: PageMap, index: number, pageSize = PAGE_SIZE): FriendListRow | undefined {
  return pages.get(pageOf(index, pageSize))?.items[index % pageSize];
}

export function heldRows(pages: PageMap): number {
  let n = 0;
  for (const entry of pages.values()) n += entry.items.length;
  return n;
}
