// "Script access": the Kith access tokens scripts use to read friend lists over
// the loopback API. Create one (its secret shown once), see each token's
// abilities, accounts, expiry, last use and requests, open its access log,
// give it a new secret, or revoke it after a confirmation.
import { useState } from 'react';
import type { IssuedScriptToken, KithMethodInput, ScriptToken } from '../../../src-contract/kith-api';
import { accountWithProvider } from '../../state/accounts-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { formatCount, formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { useNow } from '../../ui/use-now';
import { PageHeader } from '../shell/page-header';
import { CreateTokenDialog } from './create-token-dialog';
import { abilityWords, expiryWarning } from './script-words';

/** An input Kith refused says why in its own words (a past expiry, a revoked token); anything else as elsewhere. */
function tokenErrorWords(error: unknown): string | null {
  const info = toErrorInfo(error);
  return info.code === 'E_INVALID_INPUT' ? info.message : errorWords(info);
}
import { SecretDialog } from './secret-dialog';
import { TokenLogDialog } from './token-log-dialog';
import { useScriptTokens } from './use-script-tokens';

export function ScriptAccessPage() {
  const stores = useStores();
  const accounts = useAppStore('accounts', (s) => s.accounts) ?? [];
  const scripts = useScriptTokens(stores.api);
  const now = useNow();
  const [creating, setCreating] = useState(false);
  // Each opening of the create dialog starts from a blank form.
  const [createKey, setCreateKey] = useState(0);
  const [createBusy, setCreateBusy] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  // The secret of the token just made or regenerated; dropped when its dialog closes.
  const [issued, setIssued] = useState<{ answer: IssuedScriptToken; regenerated: boolean } | null>(null);
  const [revoking, setRevoking] = useState<ScriptToken | null>(null);
  const [regenerating, setRegenerating] = useState<ScriptToken | null>(null);
  const [logOf, setLogOf] = useState<ScriptToken | null>(null);
  const [busy, setBusy] = useState(false);

  const accountName = (id: string) => {
    const account = accounts.find((a) => a.id === id);
    return account ? accountWithProvider(account) : 'a disconnected account';
  };
  const fail = (key: string, error: unknown, fallback: string) =>
    stores.notices.getState().push({ key, text: tokenErrorWords(error) ?? fallback, tone: 'error' });

  const create = async (input: KithMethodInput<'tokens.create'>) => {
    setCreateBusy(true);
    try {
      const answer = await scripts.create(input);
      setCreating(false);
      setCreateError(null);
      setIssued({ answer, regenerated: false });
    } catch (error) {
      setCreateError(tokenErrorWords(error) ?? 'Kith could not create the token.');
    } finally {
      setCreateBusy(false);
    }
  };
  const regenerate = async (token: ScriptToken) => {
    setBusy(true);
    try {
      const answer = await scripts.regenerate(token.id);
      setRegenerating(null);
      setIssued({ answer, regenerated: true });
    } catch (error) {
      setRegenerating(null);
      fail('token-regenerate-failed', error, 'Kith could not give the token a new secret.');
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (token: ScriptToken) => {
    setBusy(true);
    try {
      await scripts.revoke(token.id);
      setRevoking(null);
      stores.notices.getState().push({ key: 'token-revoked', text: `“${token.name}” was revoked; scripts using it are refused from now on.`, tone: 'success' });
    } catch (error) {
      setRevoking(null);
      fail('token-revoke-failed', error, 'Kith could not revoke the token.');
    } finally {
      setBusy(false);
    }
  };

  const tokens = scripts.tokens;
  return (
    <>
      <PageHeader
        title="Script access"
        description="Tokens that let your own scripts read your contacts over Kith’s local API, without ever seeing a Google or Facebook password or token."
        actions={
          <Button
            variant="primary"
            onClick={() => {
              setCreateKey((k) => k + 1);
              setCreating(true);
            }}
          >
            New token
          </Button>
        }
      />

      {scripts.error ? (
        <Banner tone="error" title="Could not load the script tokens">
          {errorWords(scripts.error, { action: 'load' })}
        </Banner>
      ) : null}

      <Card aria-labelledby="tokens-title" className="settings-section">
        <h2 id="tokens-title">Tokens</h2>
        {tokens === null ? <p className="muted">Loading…</p> : null}
        {tokens && tokens.length === 0 ? <p className="muted">No script has access. Create a token to let one read your contacts.</p> : null}
        {tokens && tokens.length > 0 ? (
          <ul className="token-list">
            {tokens.map((token) => (
              <li key={token.id}>
                <article className="token-item" aria-label={token.name}>
                  <div className="token-item-head">
                    <h3 className="token-name">{token.name}</h3>
                    <div className="token-actions">
                      <Button size="sm" onClick={() => setLogOf(token)} aria-label={`Access log of ${token.name}`}>
                        Access log
                      </Button>
                      <Button size="sm" onClick={() => setRegenerating(token)} aria-label={`Regenerate ${token.name}`}>
                        Regenerate
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </Button>
                    </div>
                  </div>
                  {expiryWarning(token, now) ? (
                    <p className="token-warning" role="status">
                      Expires {formatRelative(token.expiresAt, now)}: regenerate it to keep the script working.
                    </p>
                  ) : null}
                  <dl className="token-facts">
                    <dt>May</dt>
                    <dd>{token.abilities.map((a) => abilityWords[a].label).join(', ')}</dd>
                    <dt>Accounts</dt>
                    <dd>{token.accountIds ? token.accountIds.map(accountName).join(', ') : 'Every account'}</dd>
                    <dt>Created</dt>
                    <dd>{formatDate(token.createdAt)}</dd>
                    <dt>Expires</dt>
                    <dd>
                      {formatDateTime(token.expiresAt)} ({formatRelative(token.expiresAt, now)})
                    </dd>
                    <dt>Last used</dt>
                    <dd data-testid="last-used">
                      {token.lastUsedAt === null ? (
                        'Never'
                      ) : (
                        <>
                          <time dateTime={new Date(token.lastUsedAt).toISOString()}>{formatDateTime(token.lastUsedAt)}</time> (
                          {formatRelative(Math.min(token.lastUsedAt, now), now)})
                        </>
                      )}
                    </dd>
                    <dt>Requests</dt>
                    <dd data-testid="request-count">{formatCount(token.requestCount)}</dd>
                  </dl>
                </article>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <CreateTokenDialog
        key={createKey}
        open={creating}
        accounts={accounts}
        now={now}
        busy={createBusy}
        error={createError}
        onCreate={(input) => void create(input)}
        onClose={() => {
          setCreating(false);
          setCreateError(null);
        }}
      />
      <SecretDialog
        issued={issued?.answer ?? null}
        regenerated={issued?.regenerated ?? false}
        onClose={() => {
          setIssued(null);
          void scripts.reload();
        }}
      />
      <Dialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : ''}
        tone="danger"
        onClose={() => setRevoking(null)}
        footer={
          <>
            <Button onClick={() => setRevoking(null)} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" busy={busy} aria-disabled={busy || undefined} onClick={() => (busy || !revoking ? undefined : void revoke(revoking))}>
              Revoke
            </Button>
          </>
        }
      >
        <p>Scripts using this token are refused from their next request. This cannot be undone; you can create a new token instead.</p>
      </Dialog>
      <Dialog
        open={regenerating !== null}
        title={regenerating ? `New secret for “${regenerating.name}”?` : ''}
        onClose={() => setRegenerating(null)}
        footer={
          <>
            <Button onClick={() => setRegenerating(null)} autoFocus>
              Cancel
            </Button>
            <Button
              variant="primary"
              busy={busy}
              aria-disabled={busy || undefined}
              onClick={() => (busy || !regenerating ? undefined : void regenerate(regenerating))}
            >
              Regenerate
            </Button>
          </>
        }
      >
        <p>The token keeps its name, abilities, accounts and access log and gets a new secret, valid as long again from today. The old secret stops working at once.</p>
      </Dialog>
      <TokenLogDialog api={stores.api} token={logOf} now={now} onClose={() => setLogOf(null)} />
    </>
  );
}
