import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId } from '../../../src-contract/kith-api';
import { accountLabel, accountPossessive, accountWithProvider } from '../../state/accounts-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords } from '../../lib/error-words';
import { formatFriendCount } from '../../lib/format';
import { Avatar } from '../../ui/avatar';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ProviderBadge } from '../../ui/provider-badge';
import { useNow } from '../../ui/use-now';
import { PageHeader } from '../shell/page-header';
import { DisconnectDialog } from './disconnect-dialog';
import { disconnectNotice } from './disconnect-notice';
import { PendingRevocations } from './pending-revocations';
import { ThemeSetting } from './theme-setting';
import { VaultSettingsSection } from '../vault/vault-settings';
import { toErrorInfo } from '../../lib/error-words';

export function SettingsPage() {
  const stores = useStores();
  const { status, pending, statusError } = useAppStore(
    'status',
    useShallow((s) => ({ status: s.status, pending: s.pendingRevocations, statusError: s.error })),
  );
  const { accounts, disconnecting } = useAppStore('accounts', useShallow((s) => ({ accounts: s.accounts, disconnecting: s.disconnecting })));
  const [confirming, setConfirming] = useState<AccountId | null>(null);
  const now = useNow();
  const account = accounts?.find((a) => a.id === confirming) ?? null;
  // After a disconnect the button that opened the dialog is gone: focus goes to the next
  // account's Disconnect button (or the previous one's), else to the list's heading.
  const focusAfterDisconnect = useRef<AccountId | 'heading' | null>(null);
  const returnFocus = (): HTMLElement | null => {
    const target = focusAfterDisconnect.current;
    focusAfterDisconnect.current = null;
    if (target === null) return null;
    const button = target === 'heading' ? null : document.querySelector<HTMLElement>(`[data-disconnect="${target}"]`);
    return button ?? document.getElementById('connected-title');
  };

  const disconnect = async () => {
    if (!account) return;
    const list = accounts ?? [];
    const at = list.findIndex((a) => a.id === account.id);
    const neighbour = list[at + 1] ?? list[at - 1] ?? null;
    focusAfterDisconnect.current = neighbour ? neighbour.id : 'heading';
    try {
      const result = await stores.accounts.getState().disconnect(account.id);
      setConfirming(null);
      stores.notices.getState().push({ key: 'disconnected', ...disconnectNotice(account, result) });
      void stores.status.getState().load();
      stores.friends.getState().refresh();
    } catch (error) {
      focusAfterDisconnect.current = null;
      setConfirming(null);
      stores.notices.getState().push({
        key: 'disconnect-failed',
        text: errorWords(toErrorInfo(error), { provider: account.provider, action: 'disconnect' }) ?? 'Disconnect failed.',
        tone: 'error',
      });
    }
  };

  return (
    <>
      <PageHeader title="Settings" />

      {status && status.storageProblems.length > 0 ? (
        <Banner tone="warning" role="alert" title="Some of Kith’s files were damaged">
          <p>Kith moved them aside instead of deleting them and kept what it could still read. What it found (listed until you dismiss it):</p>
          <ul className="storage-problems" aria-label="Damaged files">
            {status.storageProblems.map((problem) => (
              <li key={problem.id ?? problem.message}>
                {problem.message}{' '}
                {problem.id ? (
                  <Button size="sm" variant="ghost" onClick={() => void stores.api.status.dismissProblem({ id: problem.id! }).then(() => stores.status.getState().load())}>
                    Dismiss
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}

      {statusError ? (
        <Banner tone="error" title="Could not load Kith’s status">
          {errorWords(statusError, { action: 'load' })}
        </Banner>
      ) : null}

      <Card aria-labelledby="protection-title" className="settings-section">
        <h2 id="protection-title">Protection</h2>
        {status ? (
          <>
            <p className="protection-level">
              <span className={`status-pill ${status.protection.level === 'strong' ? 'status-pill-ok' : 'status-pill-warn'}`}>
                {status.protection.level === 'strong' ? 'Strong' : 'Weak'}
              </span>
              <span>
                Tokens are encrypted with a key kept in <strong>{status.protection.backend}</strong>.
              </span>
            </p>
            {status.protection.level === 'weak' ? (
              <Banner tone="warning" role="status" title="What weak protection means">
                {status.protection.advice ?? 'The encryption key is stored in a file on disk rather than in a system keyring.'}
              </Banner>
            ) : (
              <p className="muted">The key never leaves your system’s keyring, so other users of this computer cannot read your tokens.</p>
            )}
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Card>

      <VaultSettingsSection />

      <Card aria-labelledby="data-title" className="settings-section">
        <h2 id="data-title">Data folder</h2>
        {status ? (
          <>
            <p>
              <code className="path">{status.dataDir}</code>
            </p>
            <p className="muted">
              Kith {status.version} · {status.shell === 'electron' ? 'desktop app' : 'served to your browser by kith serve'}
            </p>
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Card>

      <Card aria-labelledby="connected-title" className="settings-section">
        <h2 id="connected-title" tabIndex={-1}>
          Connected accounts
        </h2>
        {accounts && accounts.length > 0 ? (
          <ul className="settings-accounts">
            {accounts.map((a) => (
              <li key={a.id}>
                <article className="settings-account" aria-label={accountWithProvider(a)}>
                  <Avatar name={accountLabel(a)} url={a.avatarUrl} size="sm" />
                  <span className="settings-account-text">
                    <span className="settings-account-name">{accountLabel(a)}</span>
                    <span className="muted">
                      {a.email ? `${a.email} · ` : ''}
                      {formatFriendCount(a.friendCount)} cached
                    </span>
                  </span>
                  <ProviderBadge provider={a.provider} compact />
                  <Button
                    variant="danger"
                    size="sm"
                    onClick={() => setConfirming(a.id)}
                    busy={disconnecting.has(a.id)}
                    aria-label={`Disconnect ${accountPossessive(a)}`}
                    data-disconnect={a.id}
                  >
                    Disconnect
                  </Button>
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No accounts connected.</p>
        )}
      </Card>

      <PendingRevocations pending={pending} now={now} />

      <ThemeSetting />

      <DisconnectDialog
        account={account}
        busy={account !== null && disconnecting.has(account.id)}
        onConfirm={() => void disconnect()}
        onClose={() => setConfirming(null)}
        returnFocus={returnFocus}
      />
    </>
  );
}
