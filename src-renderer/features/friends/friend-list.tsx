import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { friendAt } from '../../state/friend-pages';
import { useAppStore, useStores } from '../../state/stores-context';
import { FriendRow } from './friend-row';
import { nextIndex } from './list-keys';

/** Fixed row height: variable heights would make 25,000 rows jump while scrolling. */
export const ROW_HEIGHT = 64;
/** Page fetches while scrolling fast are spaced at least this far apart (the last range always wins). */
const FETCH_THROTTLE_MS = 80;

export interface FriendListProps {
  /** Changes whenever the query does, so the list scrolls back to the top. */
  queryKey: string;
  describedBy?: string;
}

/**
 * A virtualised list: only the rows in view (plus a few) exist in the DOM, and only
 * the pages around them are held in memory. Arrow keys, Page Up/Down, Home and End
 * move between rows.
 */
export function FriendList({ queryKey, describedBy }: FriendListProps) {
  const { friends } = useStores();
  const { total, pages } = useAppStore('friends', useShallow((s) => ({ total: s.total ?? 0, pages: s.pages })));
  const scrollerRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [active, setActive] = useState<number | null>(null);
  const [rowFocused, setRowFocused] = useState(false);
  const focusAfterRender = useRef<number | null>(null);

  // No React Compiler here, so the virtualizer's unmemoisable functions are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
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

  // A new query starts at the top.
  useLayoutEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
    setActive(null);
  }, [queryKey]);

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

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const visibleRows = Math.floor((scrollerRef.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1;
      const next = nextIndex(event.key, active, total, visibleRows);
      if (next === null) return;
      event.preventDefault();
      setActive(next);
      focusAfterRender.current = next;
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [active, total, virtualizer],
  );

  return (
    <div
      ref={scrollerRef}
      className="friend-list"
      role="list"
      aria-label="Friends"
      aria-describedby={describedBy}
      // The list is one tab stop; once a row has focus, Tab leaves the list.
      tabIndex={rowFocused ? -1 : 0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const index = Number((event.target as HTMLElement).dataset.index);
        setRowFocused(event.target !== event.currentTarget);
        if (Number.isInteger(index)) setActive(index);
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setRowFocused(false);
      }}
    >
      <div className="friend-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <FriendRow
            key={item.key}
            index={item.index}
            setSize={total}
            idPrefix={idPrefix}
            friend={friendAt(pages, item.index)}
            start={item.start}
            height={ROW_HEIGHT}
          />
        ))}
      </div>
    </div>
  );
}
