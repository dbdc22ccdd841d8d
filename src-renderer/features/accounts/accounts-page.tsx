import { useEffect, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProviderId } from '../../../src-contract/kith-api';
import { deviceLoginFailureWords, retryLabel } from '../../lib/device-login-words';
import { errorWords } from '../../lib/error-words';
import { seemsOffline } from '../../state/status-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { ProviderMark } from '../../ui/provider-badge';
import { useNow } from '../../ui/use-now';
import { PageHeader } from '../shell/page-header';
import { AccountCard } from './account-card';
import { LoginPanel } from './login-panel';
import { OtherPersonPrompt } from './other-person-prompt';

export function AccountsPage() {
  const stores = useStores();
  const { accounts, loadError } = useAppStore('accounts', useShallow((s) => ({ accounts: s.accounts, loadError: s.error })));
  const login = useAppStore(
    'login',
    useShallow((s) => ({ connecting: s.connecting, started: s.started, browserFailed: s.browserFailed, failure: s.failure, reconnecting: s.reconnecting })),
  );
  const sync = useAppStore('sync', useShallow((s) => ({ progress: s.progress, running: s.running, error: s.error })));
  const offline = useAppStore('status', seemsOffline);
  const now = useNow();

  const busy = login.connecting !== null;
  const connectRowRef = useRef<HTMLElement>(null);
  const startedFromRef = useRef<HTMLElement | null>(null);
  const connect = (provider: ProviderId) => {
    startedFromRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    void stores.login.getState().connect(provider);
  };
  useFocusAfterLogin(login.connecting, startedFromRef, connectRowRef);
  const hasAccounts = (accounts?.length ?? 0) > 0;
  const failureWords = !login.failure
    ? null
    : login.failure.withCode
      ? deviceLoginFailureWords(login.failure.error, login.failure.provider)
      : errorWords(login.failure.error, { provider: login.failure.provider, action: 'connect' });

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The Google and Facebook accounts Kith reads your friends from. Their tokens stay encrypted on this computer."
        actions={
          <Button variant="secondary" onClick={() => void stores.sync.getState().run()} disabled={!hasAccounts || sync.running} busy={sync.running}>
            Sync now
          </Button>
        }
      />

      <section ref={connectRowRef} className="connect-row" aria-label="Connect an account">
        <Button variant="primary" className="connect-button connect-google" icon={<ProviderMark provider="google" />} onClick={() => connect('google')} disabled={busy}>
          Connect Google
        </Button>
        <Button
          variant="primary"
          className="connect-button connect-facebook"
          icon={<ProviderMark provider="facebook" />}
          onClick={() => connect('facebook')}
          disabled={busy}
        >
          Connect Facebook
        </Button>
      </section>

      {login.connecting ? <LoginPanel provider={login.connecting} started={login.started} browserFailed={login.browserFailed} onCancel={() => void stores.login.getState().cancel()} /> : null}

      <OtherPersonPrompt />

      {login.failure && failureWords ? (
        <Banner
          tone="error"
          title="Not connected"
          onDismiss={() => stores.login.getState().dismiss()}
          actions={
            <Button size="sm" variant="secondary" onClick={() => connect(login.failure?.provider ?? 'google')} disabled={busy}>
              {retryLabel(login.failure.withCode)}
            </Button>
          }
        >
          {failureWords}
        </Banner>
      ) : null}

      {loadError ? (
        <Banner tone="error" title="Could not load your accounts">
          {errorWords(loadError, { action: 'load' })}
        </Banner>
      ) : null}

      {accounts === null && !loadError ? (
        <p className="muted" role="status">
          Loading accounts…
        </p>
      ) : null}

      {accounts !== null && accounts.length === 0 ? (
        <div className="card empty-state">
          <h2>No accounts yet</h2>
          <p>Connect Google or Facebook to see your contacts and friends here, even when you are offline.</p>
        </div>
      ) : null}

      {accounts && accounts.length > 0 ? (
        <div className="account-grid">
          {accounts.map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              progress={sync.progress[account.id]}
              now={now}
              offline={offline}
              canReconnect={!busy}
              signingIn={login.reconnecting === account.id}
              onReconnect={() => void stores.login.getState().reconnect(account.id, account.provider)}
              onShareFriends={() => void stores.login.getState().requestPermission(account.id, account.provider, 'friends')}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}

/**
 * The buttons that start a sign-in are disabled while it runs, and the sign-in panel goes away
 * when it ends, so focus would drop to <body>. When it has, put it back where the person started
 * (the Connect or Reconnect button), or on the provider's Connect button when that one is gone.
 */
function useFocusAfterLogin(connecting: ProviderId | null, startedFromRef: RefObject<HTMLElement | null>, connectRowRef: RefObject<HTMLElement | null>): void {
  const previous = useRef<ProviderId | null>(null);
  useEffect(() => {
    const ended = previous.current;
    previous.current = connecting;
    if (ended === null || connecting !== null) return;
    const from = startedFromRef.current;
    startedFromRef.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && !active.matches(':disabled')) return;
    const target = from?.isConnected && !from.matches(':disabled') ? from : connectRowRef.current?.querySelector<HTMLElement>(`.connect-${ended}`);
    target?.focus();
  }, [connecting, startedFromRef, connectRowRef]);
}
