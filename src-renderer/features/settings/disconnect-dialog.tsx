import type { AccountSummary } from '../../../src-contract/kith-api';
import { accountWithProvider } from '../../state/accounts-store';
import { pluralize } from '../../lib/format';
import { providerName } from '../../../src-contract/provider-names';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

/** What disconnecting does at the provider, in the provider's own terms. */
export function revocationWords(account: Pick<AccountSummary, 'provider'>): string {
  return account.provider === 'google'
    ? 'Kith’s access to this Google account will be revoked on every device.'
    : 'Kith will be removed from your Facebook apps.';
}

/** What disconnecting deletes on this computer. */
export function deletionWords(account: Pick<AccountSummary, 'friendCount'>): string {
  return `Its tokens and ${pluralize(account.friendCount, 'cached friend')} will be deleted.`;
}

export function disconnectDialogTitle(account: AccountSummary): string {
  return `Disconnect ${accountWithProvider(account)}?`;
}

export interface DisconnectDialogProps {
  account: AccountSummary | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null;
}

export function DisconnectDialog({ account, busy, onConfirm, onClose, returnFocus }: DisconnectDialogProps) {
  return (
    <Dialog
      open={account !== null}
      title={account ? disconnectDialogTitle(account) : ''}
      tone="danger"
      onClose={onClose}
      {...(returnFocus ? { returnFocus } : {})}
      footer={
        <>
          <Button onClick={onClose} autoFocus>
            Cancel
          </Button>
          {/* Not disabled while busy: a disabled button drops the focus it holds to <body>. */}
          <Button variant="danger" onClick={() => (busy ? undefined : onConfirm())} aria-disabled={busy || undefined} busy={busy}>
            Disconnect
          </Button>
        </>
      }
    >
      {account ? (
        <ul className="consequences">
          <li>
            <strong>At {providerName(account.provider)}:</strong> {revocationWords(account)}
          </li>
          <li>
            <strong>On this computer:</strong> {deletionWords(account)}
          </li>
          <li className="muted">You can connect the account again at any time.</li>
        </ul>
      ) : null}
    </Dialog>
  );
}
