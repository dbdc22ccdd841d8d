import type { PendingRevocation } from '../../../src-contract/kith-api';
import { formatRelative } from '../../lib/format';
import { providerName } from '../../../src-contract/provider-names';
import { Card } from '../../ui/card';
import { ProviderBadge } from '../../ui/provider-badge';

/** Revocations that could not reach the provider yet; each disappears once it succeeds (revocationsChanged). */
export function PendingRevocations({ pending, now }: { pending: readonly PendingRevocation[]; now: number }) {
  if (pending.length === 0) return null;
  return (
    <Card aria-labelledby="pending-revocations-title" className="settings-section">
      <h2 id="pending-revocations-title">Pending revocations</h2>
      <p className="muted">
        These accounts are already gone from this computer. Kith keeps asking the provider to revoke its access until it says yes.
      </p>
      <ul className="pending-list" aria-label="Pending revocations">
        {pending.map((p) => (
          <li key={p.id} className="pending-item">
            <ProviderBadge provider={p.provider} compact />
            <span className="pending-label">{p.accountLabel}</span>
            <span className="pending-detail">
              Waiting to revoke at {providerName(p.provider)} since {formatRelative(p.queuedAt, now)}
              {p.attempts > 0 ? ` · ${p.attempts === 1 ? '1 attempt' : `${p.attempts} attempts`}` : ''}
              {p.nextAttemptAt !== null ? ` · next try ${formatRelative(p.nextAttemptAt, now)}` : ''}
              {p.lastError ? ` · last error: ${p.lastError}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
