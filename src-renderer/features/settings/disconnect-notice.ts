// What the person reads after a disconnect: always that the account left this
// computer, and honestly what happened to Kith's access at the provider.
import type { AccountSummary, DisconnectResult } from '../../../src-contract/kith-api';
import { accountWithProvider } from '../../state/accounts-store';
import { providerName } from '../../../src-contract/provider-names';
import type { NoticeTone } from '../../state/notices-store';

/** Where the person removes Kith themselves when Kith could not revoke its access. */
export function removeAccessWords(account: Pick<AccountSummary, 'provider'>): string {
  return account.provider === 'google'
    ? 'remove Kith under your Google Account’s third-party access (myaccount.google.com/connections).'
    : 'remove Kith in Facebook’s Apps and Websites settings.';
}

export function disconnectNotice(
  account: Pick<AccountSummary, 'provider' | 'displayName' | 'email'>,
  result: Pick<DisconnectResult, 'revocation'>,
): { text: string; tone: NoticeTone } {
  const provider = providerName(account.provider);
  const disconnected = `Disconnected ${accountWithProvider(account)}.`;
  switch (result.revocation) {
    case 'revoked':
      return { text: `${disconnected} ${provider} confirmed Kith’s access is revoked.`, tone: 'success' };
    case 'queued':
      return { text: `${disconnected} Kith could not reach ${provider} yet and will keep trying to revoke its access.`, tone: 'success' };
    case 'not_possible':
      // Stays on screen until dismissed: the person has something left to do.
      return {
        text: `${disconnected} Kith could not read its saved sign-in, so it could not revoke its access at ${provider}: ${removeAccessWords(account)}`,
        tone: 'warning',
      };
  }
}
