// The one time a token's secret is shown: with Copy, a warning that it will not
// be shown again, and a ready curl line. The secret lives only in the props of
// this dialog: closing it drops the last copy the page holds.
import { useState } from 'react';
import type { IssuedScriptToken } from '../../../src-contract/kith-api';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { apiOrigin, curlLine } from './script-words';

type CopyState = 'idle' | 'copied' | 'failed';

export function SecretDialog({ issued, regenerated, onClose }: { issued: IssuedScriptToken | null; regenerated: boolean; onClose(): void }) {
  const [copied, setCopied] = useState<{ secret: CopyState; curl: CopyState }>({ secret: 'idle', curl: 'idle' });
  const copy = async (what: 'secret' | 'curl', text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied((c) => ({ ...c, [what]: 'copied' }));
    } catch {
      setCopied((c) => ({ ...c, [what]: 'failed' }));
    }
  };
  const close = () => {
    setCopied({ secret: 'idle', curl: 'idle' });
    onClose();
  };
  const curl = issued ? curlLine(issued.secret, issued.token, apiOrigin(window.location)) : '';
  return (
    <Dialog
      open={issued !== null}
      title={issued ? `${regenerated ? 'New secret for' : 'Token created:'} ${issued.token.name}` : ''}
      onClose={close}
      footer={
        <Button variant="primary" onClick={close}>
          Done
        </Button>
      }
    >
      {issued ? (
        <div className="token-secret">
          <p>
            <strong>Copy it now: you won’t see it again.</strong> Kith keeps only a fingerprint of it, so it cannot show it to you later.
            {regenerated ? ' The old secret has stopped working.' : ''}
          </p>
          <p className="token-secret-value">
            <code id="token-secret" aria-label="Token secret">
              {issued.secret}
            </code>
          </p>
          <div className="token-secret-actions">
            <Button variant="secondary" onClick={() => void copy('secret', issued.secret)} aria-describedby="token-secret">
              {copied.secret === 'copied' ? 'Copied' : 'Copy'}
            </Button>
            {copied.secret === 'failed' ? <span role="alert">Could not copy; select the text and copy it by hand.</span> : null}
          </div>
          <p>Try it from a terminal:</p>
          <pre className="token-curl">
            <code aria-label="curl command">{curl}</code>
          </pre>
          <Button variant="ghost" size="sm" onClick={() => void copy('curl', curl)}>
            {copied.curl === 'copied' ? 'Copied' : 'Copy command'}
          </Button>
        </div>
      ) : null}
    </Dialog>
  );
}
