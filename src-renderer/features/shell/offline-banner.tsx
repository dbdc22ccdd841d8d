import { lastSyncedAcross } from '../../state/accounts-store';
import { useAppStore } from '../../state/stores-context';
import { Banner } from '../../ui/banner';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../ui/use-now';

/** Shown while the core says it cannot reach the providers; the cached friends stay readable. */
export function OfflineBanner() {
  const online = useAppStore('status', (s) => s.online);
  const accounts = useAppStore('accounts', (s) => s.accounts);
  const now = useNow();
  if (online !== false) return null;
  const last = lastSyncedAcross(accounts);
  return (
    <Banner tone="offline" role="status" label="Offline" title="You’re offline">
      {last === null ? (
        <>Kith can’t reach Google or Facebook. Nothing has been synced yet.</>
      ) : (
        <>
          Showing your friends as last synced{' '}
          <time dateTime={new Date(last).toISOString()} title={formatDateTime(last)}>
            {formatRelative(Math.min(last, now), now)} ({formatDateTime(last)})
          </time>
          . Kith will sync again when you’re back online.
        </>
      )}
    </Banner>
  );
}
