import type { ProviderId } from '../../src-contract/kith-api';
import { providerName } from '../../src-contract/provider-names';

export function ProviderMark({ provider }: { provider: ProviderId }) {
  return (
    // The letter is drawn by CSS, so it stays out of the surrounding text.
    <span className={`provider-mark provider-mark-${provider}`} aria-hidden="true" />
  );
}

/** "Google" / "Facebook" with the provider's mark; the text is what assistive tech reads. */
export function ProviderBadge({ provider, compact = false }: { provider: ProviderId; compact?: boolean }) {
  return (
    <span className={`provider-badge provider-badge-${provider}${compact ? ' provider-badge-compact' : ''}`}>
      <ProviderMark provider={provider} />
      <span className="provider-badge-text">{providerName(provider)}</span>
    </span>
  );
}
