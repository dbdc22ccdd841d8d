import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { friendAt } from '../../state/friend-pages';
import { useAppStore, useStores } from '../../state/stores-context';
import { useSettled } from '../../ui/use-settled';
import { FriendRow } from './friend-row';
import { nextIndex } from './list-keys';
import { keyedRows } from './row-keys';

/** Fixed row height: variable heights would make 25,000 rows jump while scrolling. */
export const ROW_HEIGHT = 64;
/** Page fetches while scrolling fast are spaced at least this far apart (the last range always wins). */
const FETCH_THROTTLE_MS = 80;
/**
 * Row pictures wait until the query has stayed the same this long: each keystroke of a search
 * replaces the rows, and a picture asked for each time costs a request and a decode (on the
 * page's main thread for an SVG) that the next keystroke's rows wait behind.
 */
const PICTURES_SETTLE_MS = 300;
/**
 * Rows rendered beyond each edge of the view, so a scroll shows rows, not blanks. While a search
 * is being typed only a couple: each keystroke's answer rewrites every row rendered, and the
 * off-screen ones were about a third of that work (React's render and the DOM's updates), which
 * the key's rows wait behind. They come once the query has stayed the same PICTURES_SETTLE_MS.
 */
const OVERSCAN = 8;
const TYPING_OVERSCAN = 2;

export interface FriendListHandle {
  /** Scrolls row `index` into view and gives it focus once it is rendered. */
  focusRow(index: number): void;
}

export interface FriendListProps {
  /** Changes whenever the query does, so the list scrolls back to the top. */
  queryKey: string;
  describedBy?: string;
  /** The row the keyboard is on (and, while the details view is open, the person it shows). */
  active: number | null;
  onActiveChange(index: number | null): void;
  /** The row whose details are shown, if any. */
  selected: number | null;
  /** Click or Enter on a row. */
  onOpen(index: number, via: 'pointer' | 'keyboard'): void;
  /** Escape on a row. */
  onEscape(): void;
  /** Other keys pressed on a row (the copy shortcuts). */
  onRowKey?(event: KeyboardEvent<HTMLDivElement>, index: number): void;
  handle?: Ref<FriendListHandle>;
}

/**
 * A virtualised list: only the rows in view (plus a few) exist in the DOM, and only
 * the pages around them are held in memory. Arrow keys, Page Up/Down, Home and End
 * move between rows; Enter or a click opens a row's details, Escape closes them.
 */
export function FriendList({ queryKey, describedBy, active, onActiveChange, selected, onOpen, onEscape, onRowKey, handle }: FriendListProps) {
  const { friends } = useStores();
  // `busy`: a new search is on its way and the rows are still the previous one's.
  const { total, pages, busy } = useAppStore('friends', useShallow((s) => ({ total: s.total ?? 0, pages: s.pages, busy: s.search !== s.shownSearch })));
  const scrollerRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [rowFocused, setRowFocused] = useState(false);
  const settled = useSettled(queryKey, PICTURES_SETTLE_MS);
  const focusAfterRender = useRef<number | null>(null);
  /** The row element that has (or last had) focus, to hand focus on when React replaces it. */
  const focusedRow = useRef<HTMLElement | null>(null);

  // No React Compiler here, so the virtualizer's unmemoisable functions are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: settled ? OVERSCAN : TYPING_OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  // Keyed for the rows in view and the full overscan on both sides, typing or not: the rows keep
  // their keys (and their elements) when the overscan comes and goes.
  const inView = virtualizer.range ? virtualizer.range.endIndex - virtualizer.range.startIndex + 1 : items.length;
  const rows = keyedRows(
    items.map((item) => ({ index: item.index, friend: friendAt(pages, item.index) })),
    inView + 2 * OVERSCAN,
  );
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Throttled page loading for the rows in view.
  const lastFetch = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, lastFetch.current + FETCH_THROTTLE_MS - performance.now());
    const timer = setTimeout(() => {
      lastFetch.current = performance.now();
      friends.getState().ensureRange(first, Math.max(first, last));
    }, wait);
    return () => clearTimeout(timer);
  }, [first, last, total, queryKey, friends]);

  // A new query starts at the top. The virtualizer follows the scroll position from scroll
  // events, so asking it costs no layout (reading the element's scrollTop would force one).
  useLayoutEffect(() => {
    if ((virtualizer.scrollOffset ?? 0) !== 0) scrollerRef.current?.scrollTo({ top: 0 });
  }, [queryKey, virtualizer]);

  // The active row stays in view, whoever moved it (the keyboard here, the details view's arrows, the letter index).
  useEffect(() => {
    if (active !== null && active < total) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, total, virtualizer]);

  // Move focus to the row the keyboard asked for, once it is rendered.
  useEffect(() => {
    const target = focusAfterRender.current;
    if (target === null) return;
    const row = scrollerRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (row) {
      focusAfterRender.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // Should React replace a row element that has focus (the rows in view halve or double, and
  // their keys change: row-keys.ts), focus would drop to the page. It moves on to the row
  // now at the same place, before the frame is painted.
  useLayoutEffect(() => {
    const lost = focusedRow.current;
    if (!lost || lost.isConnected || (document.activeElement !== document.body && document.activeElement !== null)) return;
    focusedRow.current = null;
    scrollerRef.current?.querySelector<HTMLElement>(`[data-index="${lost.dataset.index}"]`)?.focus({ preventScroll: true });
  });

  const [, forceRender] = useState(0);
  useImperativeHandle(
    handle,
    () => ({
      focusRow(index) {
        focusAfterRender.current = index;
        virtualizer.scrollToIndex(index, { align: 'auto' });
        forceRender((n) => n + 1);
      },
    }),
    [virtualizer],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      const rowIndex = Number(target.dataset.index);
      const onRow = target !== event.currentTarget && Number.isInteger(rowIndex);
      if (event.key === 'Enter' && (onRow || active !== null)) {
        event.preventDefault();
        onOpen(onRow ? rowIndex : (active as number), 'keyboard');
        return;
      }
      if (event.key === 'Escape') {
        onEscape();
        return;
      }
      const visibleRows = Math.floor((scrollerRef.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1;
      const next = nextIndex(event.key, active, total, visibleRows);
      if (next === null) {
        if (onRow) onRowKey?.(event, rowIndex);
        return;
      }
      event.preventDefault();
      onActiveChange(next);
      focusAfterRender.current = next;
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [active, total, virtualizer, onActiveChange, onOpen, onEscape, onRowKey],
  );

  return (
    <div
      ref={scrollerRef}
      className="friend-list"
      role="list"
      aria-label="Friends"
      aria-describedby={describedBy}
      aria-busy={busy || undefined}
      // The list is one tab stop; once a row has focus, Tab leaves the list.
      tabIndex={rowFocused ? -1 : 0}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
        const index = Number(row?.dataset.index);
        if (row && Number.isInteger(index) && !row.hasAttribute('aria-busy')) onOpen(index, 'pointer');
      }}
      onFocus={(event) => {
        const index = Number((event.target as HTMLElement).dataset.index);
        focusedRow.current = Number.isInteger(index) ? (event.target as HTMLElement) : null;
        setRowFocused(event.target !== event.currentTarget);
        if (Number.isInteger(index) && index !== active) onActiveChange(index);
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setRowFocused(false);
      }}
    >
      <div className="friend-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map(({ index, friend, key }, i) => (
          <FriendRow
            key={key}
            index={index}
            setSize={total}
            idPrefix={idPrefix}
            friend={friend}
            start={items[i]!.start}
            height={ROW_HEIGHT}
            selected={index === selected}
            picturesDue={settled}
          />
        ))}
      </div>
    </div>
  );
}

