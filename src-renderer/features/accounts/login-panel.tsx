import { useEffect, useRef } from 'react';
import type { LoginStarted, ProviderId } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { Button } from '../../ui/button';
import { CopyButton } from '../../ui/copy-button';
import { DeviceCodePanel } from './device-code-panel';

export interface LoginPanelProps {
  provider: ProviderId;
  started: LoginStarted | null;
  /** The system browser could not be opened for this sign-in (the loginBrowserFailed event). */
  browserFailed?: boolean;
  onCancel: () => void;
}

/** The sign-in in progress: a device login's code (Facebook Login for Devices), or the consent page on a redirect. */
export function LoginPanel({ provider, started, browserFailed = false, onCancel }: LoginPanelProps) {
  if (started?.device) return <DeviceCodePanel provider={provider} started={{ ...started, device: started.device }} browserFailed={browserFailed} onCancel={onCancel} />;
  return <RedirectLoginPanel provider={provider} started={started} browserFailed={browserFailed} onCancel={onCancel} />;
}

/** While the system browser shows the consent page: how to finish, how to open it by hand, how to stop. */
function RedirectLoginPanel({ provider, started, browserFailed, onCancel }: LoginPanelProps) {
  const who = providerName(provider);
  const title = useRef<HTMLHeadingElement>(null);
  // The button that started the sign-in is now disabled, so focus is lost (or stuck on a button
  // that no longer answers): bring it here, where the link and Cancel are, and let a screen
  // reader say what to do next.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.matches(':disabled')) title.current?.focus();
  }, []);
  return (
    <section className="card login-panel" aria-labelledby="login-panel-title" aria-live="polite">
      <span className="login-panel-pulse" aria-hidden="true" />
      <div className="login-panel-body">
        <h2 ref={title} id="login-panel-title" className="login-panel-title" tabIndex={-1}>
          Finish signing in in your browser
        </h2>
        {started && browserFailed ? (
          <>
            <p>
              Kith could not open your browser. Open this link in your browser yourself, choose your account and allow access; this window
              updates by itself.
            </p>
            <input className="login-link" id="login-link" readOnly value={started.authUrl} aria-label={`${who} sign-in link`} onFocus={(e) => e.currentTarget.select()} />
            <div className="device-code-actions">
              <a className="btn btn-primary" href={started.authUrl} target="_blank" rel="noopener noreferrer">
                Open the sign-in page
              </a>
              <CopyButton text={started.authUrl} label="Copy link" what="The link" describedBy="login-link" statusId="login-link-status" />
            </div>
          </>
        ) : started ? (
          <p>
            Kith opened {who}’s sign-in page in your browser. Choose your account and allow access; this window updates by itself. If no
            browser window appeared,{' '}
            <a href={started.authUrl} target="_blank" rel="noopener noreferrer">
              Open the sign-in page
            </a>
            .
          </p>
        ) : (
          <p>Opening {who}’s sign-in page in your browser…</p>
        )}
      </div>
      <div className="login-panel-actions">
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
