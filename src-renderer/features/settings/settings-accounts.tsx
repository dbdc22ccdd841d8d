// Settings' list of connected accounts: each with where it stands ("Needs
// reconnecting", "Contacts not shared", "Last sync failed", "Connected") and
// the one action that helps, beside Disconnect. A sign-in started here goes
// on on the Accounts page, where its panel (the link, the code, Cancel) is.
import type { AccountId, AccountSummary } from '../../../src-contract/kith-api';
import { accountStanding, type StandingAction } from '../../lib/account-standing';
import { formatDateTime, formatFriendCount, formatLastSynced } from '../../lib/format';
import { accountLabel, accountPossessive, accountWithProvider } from '../../state/accounts-store';
import { seemsOffline } from '../../state/status-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { Avatar } from '../../ui/avatar';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ProviderBadge } from '../../ui/provider-badge';
import { useNow } from '../../ui/use-now';
import { goToRoute } from '../shell/use-hash-route';

export interface SettingsAccountsProps {
  accounts: readonly AccountSummary[] | null;
  disconnecting: ReadonlySet<AccountId>;
  /** Opens the disconnect dialog for this account. */
  onDisconnect(accountId: AccountId): void;
}

/** Whose account the button acts on, as the Accounts page names its buttons: "Reconnect Ada Lovelace’s Google account". */
function actionName(action: StandingAction, whose: string): string {
  if (action.kind === 'reconnect') return `Reconnect ${whose}`;
  if (action.kind === 'sync') return `Sync ${whose} now`;
  return `${action.label} from ${whose}`;
}

export function SettingsAccounts({ accounts, disconnecting, onDisconnect }: SettingsAccountsProps) {
  const stores = useStores();
  const now = useNow();
  const offline = useAppStore('status', seemsOffline);
  const signingIn = useAppStore('login', (s) => s.connecting !== null);
  const syncing = useAppStore('sync', (s) => s.running);

  const act = (account: AccountSummary, action: StandingAction) => {
    if (action.kind === 'sync') return void stores.sync.getState().run(account.id);
    // The sign-in's panel lives on the Accounts page.
    goToRoute('accounts');
    const login = stores.login.getState();
    void (action.kind === 'reconnect' ? login.reconnect(account.id, account.provider) : login.requestPermission(account.id, account.provider, 'friends'));
  };

  return (
    <Card aria-labelledby="connected-title" className="settings-section">
      <h2 id="connected-title" tabIndex={-1}>
        Connected accounts
      </h2>
      {accounts && accounts.length > 0 ? (
        <ul className="settings-accounts">
          {accounts.map((a) => {
            const standing = accountStanding(a, now, { offline });
            return (
              <li key={a.id}>
                <article className="settings-account" aria-label={accountWithProvider(a)}>
                  <Avatar name={accountLabel(a)} url={a.avatarUrl} size="sm" />
                  <span className="settings-account-text">
                    <span className="settings-account-name">{accountLabel(a)}</span>
                    <span className="muted">
                      {a.email ? `${a.email} · ` : ''}
                      {formatFriendCount(a.friendCount)} cached ·{' '}
                      <span title={a.lastSyncedAt === null ? undefined : formatDateTime(a.lastSyncedAt)}>{formatLastSynced(a.lastSyncedAt, now).toLowerCase()}</span>
                    </span>
                  </span>
                  <span className={`status-pill status-pill-${standing.tone}`}>{standing.label}</span>
                  <ProviderBadge provider={a.provider} compact />
                  {standing.action ? (
                    <Button
                      variant={standing.tone === 'bad' ? 'primary' : 'secondary'}
                      size="sm"
                      onClick={() => act(a, standing.action!)}
                      disabled={standing.action.kind === 'sync' ? syncing : signingIn}
                      aria-label={actionName(standing.action, accountPossessive(a))}
                    >
                      {standing.action.label}
                    </Button>
                  ) : null}
                  <Button
                    variant="danger"
                    size="sm"
                    onClick={() => onDisconnect(a.id)}
                    busy={disconnecting.has(a.id)}
                    aria-label={`Disconnect ${accountPossessive(a)}`}
                    data-disconnect={a.id}
                  >
                    Disconnect
                  </Button>
                </article>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">No accounts connected.</p>
      )}
    </Card>
  );
}
