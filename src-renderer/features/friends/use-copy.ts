import { useCallback, useEffect, useRef, useState } from 'react';

export interface CopyState {
  /** The key of the field last copied (or that failed), shown as "Copied" for a moment. */
  readonly key: string | null;
  readonly failed: boolean;
  /** What a screen reader hears: "Copied ada@example.com" or why it failed. */
  readonly message: string;
}

const SHOWN_MS = 2_000;

/** Copies text to the clipboard and remembers which field it was, for the button's "Copied" and a status line. */
export function useCopy(): [CopyState, (key: string, text: string, what: string) => Promise<void>] {
  const [state, setState] = useState<CopyState>({ key: null, failed: false, message: '' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const copy = useCallback(async (key: string, text: string, what: string) => {
    if (timer.current) clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setState({ key, failed: false, message: `Copied ${what}: ${text}` });
    } catch {
      // The page lost focus, or the clipboard is refused to it: the value stays selectable by hand.
      setState({ key, failed: true, message: `Could not copy ${what}. Select it and copy it by hand.` });
    }
    timer.current = setTimeout(() => setState((s) => ({ ...s, key: null })), SHOWN_MS);
  }, []);
  return [state, copy];
}
