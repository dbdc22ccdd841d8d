// A Copy button for text the person may need elsewhere (a sign-in link, the
// data folder's path): writes it to the clipboard and says how that went, in
// a status line a screen reader announces. When the clipboard refuses (no
// permission, an insecure page), it says to select the text by hand.
import { useState } from 'react';
import { Button } from './button';

type CopyState = 'idle' | 'copied' | 'failed';

export interface CopyButtonProps {
  text: string;
  /** The button's words ("Copy link"). */
  label: string;
  /** What was copied, for the status line ("The link"). */
  what: string;
  /** The element showing the text, so the button's description says what it copies. */
  describedBy?: string;
  /** Where the status line goes: the caller places it (a panel's status row). */
  statusId: string;
}

export function CopyButton({ text, label, what, describedBy, statusId }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <Button variant="secondary" onClick={() => void copy()} aria-describedby={describedBy}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span className="copy-status" id={statusId} role="status">
        {state === 'copied' ? `${what} is on your clipboard.` : state === 'failed' ? `Kith could not copy ${what.toLowerCase()}: select it and copy it yourself.` : ''}
      </span>
    </>
  );
}
