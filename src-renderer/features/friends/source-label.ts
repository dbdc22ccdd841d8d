// How a friend's source is named on screen: by the account it came from ("Ada Lovelace"),
// with the provider beside it, since two Google accounts make "Google" alone ambiguous.
import type { AccountId, AccountSummary, ProviderId } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { accountLabel } from '../../state/accounts-store';

export type AccountsById = ReadonlyMap<AccountId, AccountSummary>;

export function accountsById(accounts: readonly AccountSummary[] | null): AccountsById {
  return new Map((accounts ?? []).map((account) => [account.id, account]));
}

/** "Ada Lovelace" for a known account; the provider's name when the account has gone (a disconnect racing a page). */
export function sourceAccountName(accountId: AccountId, provider: ProviderId, accounts: AccountsById): string {
  const account = accounts.get(accountId);
  return account ? accountLabel(account) : providerName(provider);
}

/** "Ada Lovelace’s Google", as the details view and row descriptions say where a person came from. */
export function sourcePhrase(accountId: AccountId, provider: ProviderId, accounts: AccountsById): string {
  const account = accounts.get(accountId);
  return account ? `${accountLabel(account)}’s ${providerName(provider)}` : providerName(provider);
}
