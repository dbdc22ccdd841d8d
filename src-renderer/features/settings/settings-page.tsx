import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId } from '../../../src-contract/kith-api';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { useNow } from '../../ui/use-now';
import { PageHeader } from '../shell/page-header';
import { DataFolderSetting } from './data-folder-setting';
import { DisconnectDialog } from './disconnect-dialog';
import { disconnectNotice } from './disconnect-notice';
import { DisconnectEverywhereSection } from './disconnect-everywhere';
import { DisconnectHistory } from './disconnect-history';
import { NotificationSetting } from './notification-setting';
import { SettingsAccounts } from './settings-accounts';
import { ThemeSetting } from './theme-setting';
import { VaultSettingsSection } from '../vault/vault-settings';

export function SettingsPage() {
  const stores = useStores();
  const { status, statusError } = useAppStore(
    'status',
    useShallow((s) => ({ status: s.status, statusError: s.error })),
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
    // The answer waits for the provider's revocation (up to a few seconds), but the card goes as soon
    // as Kith has removed the account here, which closes this dialog and moves focus on: by the time
    // the answer arrives the person may have opened the next account's dialog, which must stay open.
    const closeOwnDialog = () => setConfirming((current) => (current === account.id ? null : current));
    try {
      const result = await stores.accounts.getState().disconnect(account.id);
      closeOwnDialog();
      stores.notices.getState().push({ key: 'disconnected', ...disconnectNotice(account, result) });
      void stores.status.getState().load();
      stores.friends.getState().refresh();
    } catch (error) {
      focusAfterDisconnect.current = null;
      closeOwnDialog();
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

      <DataFolderSetting status={status} />

      <SettingsAccounts accounts={accounts} disconnecting={disconnecting} onDisconnect={setConfirming} />

      <DisconnectHistory now={now} />

      <DisconnectEverywhereSection />

      <NotificationSetting />

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
