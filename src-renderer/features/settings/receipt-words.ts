// What a disconnect's receipt says, in plain words: what went from this
// computer, and for each account what its provider said (or is still to say).
// The History section (disconnect-history.tsx) and its tests read these.
import type { DisconnectReceipt, KithErrorCode, ReceiptAccount } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { accountLabel, accountPossessive } from '../../state/accounts-store';
import { formatDateTime, formatRelative, pluralize } from '../../lib/format';
import { removeAccessWords } from './disconnect-notice';

export function receiptTitle(receipt: Pick<DisconnectReceipt, 'scope' | 'accounts'>): string {
  if (receipt.scope === 'everywhere') return 'Disconnected everywhere';
  const [account] = receipt.accounts;
  return account ? `Disconnected ${accountPossessive(account)}` : 'Disconnected an account';
}

/** "Deleted here: the saved sign-in and 120 cached friends." */
export function deletedHereWords(account: Pick<ReceiptAccount, 'deleted'>): string {
  const parts = [account.deleted.tokens ? 'the saved sign-in' : null, pluralize(account.deleted.cachedFriends, 'cached friend')].filter(Boolean);
  return `Deleted here: ${parts.join(' and ')}.`;
}

function problemWords(code: KithErrorCode | null, provider: string): string | null {
  switch (code) {
    case null:
      return null;
    case 'E_OFFLINE':
      return `${provider} could not be reached`;
    case 'E_RATE_LIMITED':
      return `${provider} asked Kith to wait before trying again`;
    case 'E_PROVIDER':
      return `${provider} answered with an error`;
    default:
      return 'it did not go through';
  }
}

/** The sentence for one account's revocation, and a second, smaller line where there is more to say. */
export function revocationWords(account: ReceiptAccount, now: number): { text: string; detail: string | null; tone: 'ok' | 'waiting' | 'warning' } {
  const provider = providerName(account.provider);
  const whose = `${accountLabel(account)}’s account`;
  const { revocation } = account;
  const when = revocation.settledAt !== null ? formatDateTime(revocation.settledAt) : null;
  switch (revocation.state) {
    case 'confirmed':
      return { text: `${provider} confirmed removing Kith from ${whose}${when ? ` on ${when}` : ''}.`, detail: null, tone: 'ok' };
    case 'pending': {
      const problem = problemWords(revocation.problem, provider);
      const next = revocation.nextAttemptAt !== null ? `next try ${formatRelative(revocation.nextAttemptAt, now)}` : null;
      const detail = [problem ? `Last try: ${problem}` : null, next].filter(Boolean).join(', ');
      return {
        text: `Waiting for ${provider} to confirm removing Kith from ${whose} — Kith retries every few minutes.`,
        detail: detail ? `${detail}.` : null,
        tone: 'waiting',
      };
    }
    case 'failed': {
      const why =
        revocation.problem === 'E_STORAGE'
          ? `Kith lost its request to ${provider} (the file it was kept in was damaged), so ${provider} never confirmed removing Kith from ${whose}.`
          : `${provider} kept refusing to remove Kith from ${whose} for a day, so Kith stopped asking${when ? ` on ${when}` : ''}.`;
      return { text: why, detail: `To be sure, ${removeAccessWords(account)}`, tone: 'warning' };
    }
    case 'not_possible':
      return {
        text: `Kith could not read its saved sign-in for ${whose}, so it could not ask ${provider} to remove Kith.`,
        detail: `To be sure, ${removeAccessWords(account)}`,
        tone: 'warning',
      };
    case 'stopped':
      return {
        text: `You connected ${whose} again before ${provider} confirmed, so Kith stopped asking: removing Kith now would end the new connection too.`,
        detail: null,
        tone: 'ok',
      };
  }
}

/** What else ended with a disconnect everywhere: script tokens and browser sessions. */
export function endedElsewhereWords(receipt: Pick<DisconnectReceipt, 'scriptTokensEnded' | 'sessionsEnded'>): string[] {
  const lines: string[] = [];
  if (receipt.scriptTokensEnded.length > 0) {
    lines.push(`Script access ended: ${pluralize(receipt.scriptTokensEnded.length, 'token')} (${receipt.scriptTokensEnded.join(', ')}).`);
  }
  if (receipt.sessionsEnded > 0) lines.push(`${pluralize(receipt.sessionsEnded, 'browser session')} of kith serve ended.`);
  return lines;
}
