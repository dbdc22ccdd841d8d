import type { AccountSummary, SyncProgress } from '../../../src-contract/kith-api';
import { accountLabel, accountPossessive, accountWithProvider } from '../../state/accounts-store';
import { accessEndsWords } from '../../lib/access-words';
import { errorWords, needsReconnect } from '../../lib/error-words';
import { formatDate, formatDateTime, formatRelative, formatFacebookShare, formatFriendCount, formatLastSynced, formatSyncProgress, reconnectWarning } from '../../lib/format';
import { providerName } from '../../../src-contract/provider-names';
import { Avatar } from '../../ui/avatar';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { ProgressBar } from '../../ui/progress-bar';
import { ProviderBadge } from '../../ui/provider-badge';
import { MissingPermissionBanner } from './missing-permission-banner';

export interface AccountCardProps {
  account: AccountSummary;
  progress: SyncProgress | undefined;
  now: number;
  /** The offline toast says the providers cannot be reached; the card does not repeat it. */
  offline: boolean;
  /** False while another sign-in runs: one at a time. */
  canReconnect: boolean;
  onReconnect: () => void;
  /** Asks the provider again for the friends permission the person did not share. */
  onShareFriends: () => void;
  /** This account's sign-in is the one running. */
  signingIn: boolean;
}

export function AccountCard({ account, progress, now, offline, canReconnect, onReconnect, onShareFriends, signingIn }: AccountCardProps) {
  const name = accountLabel(account);
  const who = providerName(account.provider);
  const broken = account.status === 'needs_reconnect';
  const warning = reconnectWarning(account.reconnectBy, now);
  const syncing = progress?.state === 'running';
  const accessEnds = broken ? null : accessEndsWords(account.reconnectBy, account.reconnectReason, account.provider, now);
  const statusWords = broken
    ? errorWords(account.statusError ?? { code: 'E_NEEDS_RECONNECT', message: '' }, { provider: account.provider })
    : null;
  const syncErrorWords =
    !broken && account.lastSyncError && !needsReconnect(account.lastSyncError.code) && !(offline && account.lastSyncError.code === 'E_OFFLINE')
      ? errorWords(account.lastSyncError, { provider: account.provider, action: 'sync' })
      : null;

  return (
    <article className={`card account-card${broken ? ' account-card-broken' : ''}`} aria-label={accountWithProvider(account)}>
      <div className="account-card-head">
        <Avatar name={name} url={account.avatarUrl} size="lg" />
        <div className="account-card-identity">
          <h2 className="account-card-name">{name}</h2>
          {account.email ? <p className="account-card-email">{account.email}</p> : null}
          <div className="account-card-tags">
            <ProviderBadge provider={account.provider} />
            <span className={`status-pill ${broken ? 'status-pill-bad' : 'status-pill-ok'}`}>{broken ? 'Needs reconnecting' : 'Connected'}</span>
          </div>
        </div>
      </div>

      <dl className="account-card-facts">
        <div>
          <dt>Friends</dt>
          <dd>
            {account.provider === 'facebook' && account.friendTotal !== null
              ? formatFacebookShare(account.friendCount, account.friendTotal)
              : formatFriendCount(account.friendCount)}
          </dd>
        </div>
        <div>
          <dt>Sync</dt>
          <dd title={account.lastSyncedAt === null ? undefined : formatDateTime(account.lastSyncedAt)}>{formatLastSynced(account.lastSyncedAt, now)}</dd>
        </div>
      </dl>

      {accessEnds ? (
        <p className="account-card-deadline" title={account.reconnectBy === null ? undefined : formatDateTime(account.reconnectBy)}>
          {accessEnds}
        </p>
      ) : null}

      {!broken ? <MissingPermissionBanner account={account} canAsk={canReconnect} busy={signingIn} onShare={onShareFriends} /> : null}

      {syncing && progress ? (
        <ProgressBar
          label={`Sync progress for ${accountWithProvider(account)}`}
          value={progress.fetched}
          max={progress.total}
          text={formatSyncProgress(progress.fetched, progress.total)}
        />
      ) : null}

      {broken ? (
        <Banner tone="error" role="alert">
          {statusWords}
        </Banner>
      ) : warning.kind !== 'none' ? (
        <Banner tone="warning" role="status">
          {warning.kind === 'lapsed'
            ? `Kith’s access to this ${who} account has expired. Reconnect to keep your friends up to date.`
            : `Kith loses access to this ${who} account on ${formatDate(warning.at)} (${formatRelative(warning.at, now)}) unless you reconnect before then.`}
        </Banner>
      ) : null}

      {syncErrorWords ? (
        <Banner tone="warning" role="status">
          Last sync failed. {syncErrorWords}
        </Banner>
      ) : null}

      {broken || warning.kind !== 'none' ? (
        <div className="account-card-actions">
          <Button variant={broken ? 'primary' : 'secondary'} onClick={onReconnect} disabled={!canReconnect} aria-label={`Reconnect ${accountPossessive(account)}`}>
            Reconnect
          </Button>
        </div>
      ) : null}
    </article>
  );
}
