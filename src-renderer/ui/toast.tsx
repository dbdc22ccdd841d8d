import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ToneIcon, type Tone } from './tone-icon';

export type ToastTone = Tone;

export interface ToastProps {
  tone: ToastTone;
  title?: ReactNode;
  children: ReactNode;
  /** Shown as "×3" when the same notice came again. */
  count?: number;
  /** Fades after this long unless hovered or focused; undefined stays until dismissed or cleared. */
  fadeAfterMs?: number;
  /** Restarts the fade when it changes (a repeat of the same notice). */
  restartKey?: number;
  onDismiss?: () => void;
  /** The accessible name of the toast, when its title alone is not enough ("Offline"). */
  label?: string;
}

/** Time left at least when the pointer or focus leaves a paused toast: enough to read the last words. */
const MIN_RESUME_MS = 2_000;

/**
 * One toast. A fading toast pauses while the pointer is over it or focus is in it (WCAG 2.2.1,
 * timing adjustable), so nobody loses a message while reading it or reaching for its button.
 */
export function Toast({ tone, title, children, count = 1, fadeAfterMs, restartKey = 0, onDismiss, label }: ToastProps) {
  const textId = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  useFade(fadeAfterMs, hovered || focused, restartKey, onDismiss);
  return (
    <div
      className={`toast toast-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      aria-label={label}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      {/* The glyph is drawn by CSS from the attribute, keeping it out of the toast's text. */}
      <ToneIcon tone={tone} size="small" />
      <div className="toast-body" id={textId}>
        {title ? <p className="toast-title">{title}</p> : null}
        <div className="toast-text">
          {children}
          {count > 1 ? (
            <span className="toast-count">
              {' '}
              <span aria-hidden="true">×{count}</span>
              <span className="visually-hidden">({count} times)</span>
            </span>
          ) : null}
        </div>
      </div>
      {onDismiss ? (
        <button type="button" className="toast-dismiss" aria-label="Dismiss" aria-describedby={textId} onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}

function useFade(fadeAfterMs: number | undefined, paused: boolean, restartKey: number, onDone: (() => void) | undefined): void {
  const remaining = useRef(fadeAfterMs ?? 0);
  const lastKey = useRef(restartKey);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    if (fadeAfterMs === undefined) return undefined;
    if (lastKey.current !== restartKey) {
      lastKey.current = restartKey;
      remaining.current = fadeAfterMs;
    }
    if (paused) return undefined;
    const started = Date.now();
    const timer = setTimeout(() => done.current?.(), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(MIN_RESUME_MS, remaining.current - (Date.now() - started));
    };
  }, [fadeAfterMs, paused, restartKey]);
}
