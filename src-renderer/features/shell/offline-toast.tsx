import { useState } from 'react';
import { lastSyncedAcross } from '../../state/accounts-store';
import { seemsOffline } from '../../state/status-store';
import { useAppStore } from '../../state/stores-context';
import { Toast } from '../../ui/toast';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../ui/use-now';

/**
 * Shown while the core says it cannot reach the providers (or the page has no network), and
 * gone by itself when it can again; the cached friends stay readable. Dismissing it hides it until the next time Kith
 * goes offline.
 */
export function OfflineToast() {
  const offline = useAppStore('status', seemsOffline);
  const accounts = useAppStore('accounts', (s) => s.accounts);
  const now = useNow();
  const [dismissed, setDismissed] = useState(false);
  // Coming back online forgets a dismissal, so the next outage is told again.
  if (!offline && dismissed) setDismissed(false);
  if (!offline || dismissed) return null;
  const last = lastSyncedAcross(accounts);
  return (
    <Toast tone="offline" label="Offline" title="You’re offline" onDismiss={() => setDismissed(true)}>
      {last === null ? (
        <>Kith can’t reach Google or Facebook. Nothing has been synced yet.</>
      ) : (
        <>
          Showing your friends as last synced{' '}
          <time dateTime={new Date(last).toISOString()} title={formatDateTime(last)}>
            {formatRelative(Math.min(last, now), now)}
          </time>
          . Kith syncs again when it can reach them.
        </>
      )}
    </Toast>
  );
}
