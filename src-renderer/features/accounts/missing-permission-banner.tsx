import type { AccountSummary } from '../../../src-contract/kith-api';
import { missingPermissionWords } from '../../lib/access-words';
import { accountWithProvider } from '../../state/accounts-store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

export interface MissingPermissionBannerProps {
  account: AccountSummary;
  /** False while a sign-in runs: one at a time. */
  canAsk: boolean;
  busy: boolean;
  onShare: () => void;
  /** Name the account in the text (the Friends page lists several). */
  named?: boolean;
}

/** The account is connected but the person kept their contacts or friends list from Kith: say so, and offer to ask again. */
export function MissingPermissionBanner({ account, canAsk, busy, onShare, named = false }: MissingPermissionBannerProps) {
  if (!account.missingPermissions.includes('friends')) return null;
  const words = missingPermissionWords(account.provider, 'friends');
  return (
    <Banner
      tone="info"
      title={words.title}
      label={`${words.title}: ${accountWithProvider(account)}`}
      actions={
        <Button size="sm" variant="primary" onClick={onShare} disabled={!canAsk} busy={busy}>
          {words.action}
        </Button>
      }
    >
      {named ? `${accountWithProvider(account)}: ` : ''}
      {words.detail}
    </Banner>
  );
}
