import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Search as you type without a request per keystroke: a change after a pause applies
 * at once (so a pasted or first character answers immediately), and changes that
 * follow within `delayMs` are coalesced into one, applied when typing pauses.
 */
export function useSearchInput(initial: string, apply: (value: string) => void, delayMs: number) {
  const [value, setValue] = useState(initial);
  const lastApplied = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const onChange = useCallback(
    (next: string) => {
      setValue(next);
      if (timer.current) clearTimeout(timer.current);
      const now = performance.now();
      if (now - lastApplied.current >= delayMs) {
        lastApplied.current = now;
        apply(next);
        return;
      }
      timer.current = setTimeout(() => {
        timer.current = null;
        lastApplied.current = performance.now();
        apply(next);
      }, delayMs);
    },
    [apply, delayMs],
  );

  return { value, onChange };
}
