// The words of Kith's system notifications: short, with whose account and
// what to do, as the notification may be all the person reads.
import type { KithNotification } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import type { SettledLater } from '../revocation/disconnect-history';

export type NotificationContent = Omit<KithNotification, 'show'>;

const whose = (a: { displayName: string; email: string | null }) => `${a.displayName || a.email || 'an account'}’s`;

/** A queued revocation that landed or was given up; nothing for one a reconnect stopped (the person did that). */
export function revocationNotification({ receipt, account }: SettledLater): NotificationContent | null {
  const provider = providerName(account.provider);
  const tag = `revocation:${receipt.id}:${account.accountId}`;
  switch (account.revocation.state) {
    case 'confirmed':
      return { tag, kind: 'revocation_confirmed', title: `${provider} confirmed the disconnect`, body: `Kith is removed from ${whose(account)} ${provider} account.` };
    case 'failed':
      return {
        tag,
        kind: 'revocation_failed',
        title: `${provider} did not confirm the disconnect`,
        body:
          account.provider === 'google'
            ? `Kith stopped asking Google to remove it from ${whose(account)} account. To be sure, remove Kith at myaccount.google.com/connections.`
            : `Kith stopped asking Facebook to remove it from ${whose(account)} account. To be sure, remove Kith in Facebook’s Apps and Websites settings.`,
      };
    default:
      return null;
  }
}

export function lapseNotification(account: { id: string; provider: 'google' | 'facebook'; displayName: string; email: string | null }, reconnectBy: number, now: number): NotificationContent {
  const provider = providerName(account.provider);
  const hours = Math.max(1, Math.round((reconnectBy - now) / 3_600_000));
  const within = hours < 48 ? `${hours} hour${hours === 1 ? '' : 's'}` : `${Math.round(hours / 24)} days`;
  return {
    tag: `lapse:${account.id}`,
    kind: 'grant_lapsing',
    title: `Reconnect ${whose(account)} ${provider} account`,
    body: `Kith loses access to it in about ${within}. Open Kith and choose Reconnect to keep your friends list up to date.`,
  };
}
