// While a person finishes a device login (Facebook Login for Devices): the
// code, large and spaced so it reads and types easily, a Copy button, the
// device page to open (Kith opened it already, with the code filled in), how
// long the code lasts, and Cancel. The page updates by itself once the person
// confirms: the login's end arrives as the loginEnded event.
import { useEffect, useRef, useState } from 'react';
import type { LoginStarted, ProviderId } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { Button } from '../../ui/button';
import { useNow } from '../../ui/use-now';

export interface DeviceCodePanelProps {
  provider: ProviderId;
  started: LoginStarted & { device: NonNullable<LoginStarted['device']> };
  /** The system browser could not be opened: the person opens the page from here. */
  browserFailed?: boolean;
  onCancel: () => void;
}

/** The page as a person would type it: no scheme, no "www.". */
export function typedAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host.replace(/^www\./, '')}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** "6:05" until the code expires; null once it has. */
export function countdown(expiresAt: number, now: number): string | null {
  const seconds = Math.ceil((expiresAt - now) / 1000);
  if (seconds <= 0) return null;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function DeviceCodePanel({ provider, started, browserFailed = false, onCancel }: DeviceCodePanelProps) {
  const who = providerName(provider);
  const now = useNow(1_000);
  const [copy, setCopy] = useState<CopyState>('idle');
  const title = useRef<HTMLHeadingElement>(null);
  // As the redirect panel does: the Connect button is disabled (or the panel this one replaced is
  // gone), so bring focus here, where the code, Copy and Cancel are.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.matches(':disabled')) title.current?.focus();
  }, []);
  const { userCode, verificationUri } = started.device;
  const left = countdown(started.expiresAt, now);
  // Facebook's own label for its page; the address to type is the one the provider gave.
  const openLabel = provider === 'facebook' ? 'Open facebook.com/device' : `Open ${who}’s device page`;

  const copyCode = async () => {
    try {
      await navigator.clipboard.writeText(userCode);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section className="card login-panel device-code-panel" aria-labelledby="login-panel-title">
      <span className="login-panel-pulse" aria-hidden="true" />
      <div className="login-panel-body">
        <h2 ref={title} id="login-panel-title" className="login-panel-title" tabIndex={-1}>
          Enter this code at {who}
        </h2>
        {browserFailed ? (
          <p>
            Kith could not open your browser. Open <strong>{typedAddress(verificationUri)}</strong> in your browser yourself (the button below
            fills in the code), check that the code matches, then allow access; this window updates by itself.
          </p>
        ) : (
          <p>
            Kith opened <strong>{typedAddress(verificationUri)}</strong> in your browser with this code filled in. Check that it matches, then
            allow access; this window updates by itself.
          </p>
        )}
        <p className="device-code" id="device-code">
          {userCode}
        </p>
        <div className="device-code-actions">
          <Button variant="secondary" onClick={() => void copyCode()} aria-describedby="device-code">
            {copy === 'copied' ? 'Copied' : 'Copy code'}
          </Button>
          <a className="btn btn-primary" href={started.authUrl} target="_blank" rel="noopener noreferrer">
            {openLabel}
          </a>
        </div>
        <p className="device-code-status" role="status">
          {copy === 'copied' ? 'The code is on your clipboard.' : copy === 'failed' ? 'Kith could not copy the code: select it and copy it yourself.' : ''}
        </p>
        <p className="muted">
          {left === null ? 'The code has expired.' : <>The code expires in <span className="device-code-countdown">{left}</span>.</>}
        </p>
      </div>
      <div className="login-panel-actions">
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
