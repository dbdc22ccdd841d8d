import type { LoginStarted, ProviderId } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { Button } from '../../ui/button';
import { DeviceCodePanel } from './device-code-panel';

export interface LoginPanelProps {
  provider: ProviderId;
  started: LoginStarted | null;
  onCancel: () => void;
}

/** While the system browser shows the consent page: how to finish, how to open it by hand, how to stop. */
export function LoginPanel({ provider, started, onCancel }: LoginPanelProps) {
  // A device login (Facebook Login for Devices) is finished by confirming a code, not on a redirect.
  if (started?.device) return <DeviceCodePanel provider={provider} started={{ ...started, device: started.device }} onCancel={onCancel} />;
  const who = providerName(provider);
  return (
    <section className="card login-panel" aria-labelledby="login-panel-title" aria-live="polite">
      <span className="login-panel-pulse" aria-hidden="true" />
      <div className="login-panel-body">
        <h2 id="login-panel-title" className="login-panel-title">
          Finish signing in in your browser
        </h2>
        {started ? (
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
