import type { DisconnectReceipt } from '../../../src-contract/kith-api';
import { errorWords } from '../../lib/error-words';
import { formatDateTime } from '../../lib/format';
import { useAppStore, useStores } from '../../state/stores-context';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ProviderBadge } from '../../ui/provider-badge';
import { deletedHereWords, endedElsewhereWords, receiptTitle, revocationWords } from './receipt-words';

/**
 * Settings → History: a receipt per disconnect, newest first, kept until dismissed. A pending
 * revocation says in words what Kith waits for; when the provider confirms, the same entry says so.
 */
export function DisconnectHistory({ now }: { now: number }) {
  const stores = useStores();
  const receipts = useAppStore('history', (s) => s.receipts);
  const busy = useAppStore('history', (s) => s.busy);
  const error = useAppStore('history', (s) => s.error);
  if (receipts === null && error === null) return null;
  return (
    <Card aria-labelledby="history-title" className="settings-section">
      <h2 id="history-title">History</h2>
      <p className="muted">Every disconnect, with what was deleted on this computer and what each provider confirmed. An entry stays until you dismiss it.</p>
      {error ? (
        <p className="history-error" role="alert">
          {errorWords(error, { action: 'load' })}
        </p>
      ) : null}
      {receipts && receipts.length > 0 ? (
        <ul className="history-list" aria-label="Disconnects">
          {receipts.map((receipt) => (
            <li key={receipt.id}>
              <Receipt receipt={receipt} now={now} busy={busy.has(receipt.id)} onRetry={() => void stores.history.getState().retry(receipt.id)} onDismiss={() => void stores.history.getState().dismiss(receipt.id)} />
            </li>
          ))}
        </ul>
      ) : receipts ? (
        <p className="muted">No disconnects yet.</p>
      ) : null}
    </Card>
  );
}

/** One receipt; without actions where the page can no longer act (a window whose session ended). */
export function Receipt({ receipt, now, busy = false, onRetry, onDismiss }: { receipt: DisconnectReceipt; now: number; busy?: boolean; onRetry?: () => void; onDismiss?: () => void }) {
  const title = receiptTitle(receipt);
  const headingId = `receipt-${receipt.id}`;
  return (
    // A group, not an article: the account cards are the page's articles (and the e2e page object finds them so).
    <div role="group" className="receipt" aria-labelledby={headingId}>
      <header className="receipt-header">
        <h3 id={headingId}>{title}</h3>
        <time className="muted" dateTime={new Date(receipt.disconnectedAt).toISOString()}>
          {formatDateTime(receipt.disconnectedAt)}
        </time>
      </header>
      {/* Polite: a confirmation that lands later is read out without taking the focus. */}
      <ul className="receipt-lines" aria-live="polite">
        {receipt.accounts.map((account) => {
          const words = revocationWords(account, now);
          return (
            <li key={account.accountId} className="receipt-account">
              <ProviderBadge provider={account.provider} compact />
              <div className="receipt-account-text">
                <p className={`receipt-revocation receipt-${words.tone}`}>{words.text}</p>
                {words.detail ? <p className="receipt-detail">{words.detail}</p> : null}
                <p className="receipt-detail">{deletedHereWords(account)}</p>
              </div>
            </li>
          );
        })}
        {endedElsewhereWords(receipt).map((line) => (
          <li key={line} className="receipt-detail">
            {line}
          </li>
        ))}
      </ul>
      <div className="receipt-actions">
        {!onRetry || !onDismiss ? null : receipt.settled ? (
          <Button size="sm" variant="ghost" onClick={onDismiss} busy={busy} aria-label={`Dismiss “${title}” from History`}>
            Dismiss
          </Button>
        ) : (
          <Button size="sm" onClick={onRetry} busy={busy} aria-label={`Try again now: ${title}`}>
            Try again now
          </Button>
        )}
      </div>
    </div>
  );
}
