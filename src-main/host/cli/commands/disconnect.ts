// kith disconnect <account-id>: removed locally at once; revoked at the
// provider now, or queued and retried until it is, or (saved sign-in
// unreadable) not revocable by Kith, which the person is told how to fix.
// kith disconnect --all: everything at once (disconnect-all.ts).
import { AccountIdSchema, KithError, type DisconnectResult, type ProviderId } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { providerName } from '../format';
import { parse } from '../parse';
import { UsageError } from '../usage-error';
import { disconnectAll } from './disconnect-all';

export const disconnectUsage = 'kith disconnect <account-id> [--json] | kith disconnect --all [--yes] [--json]';

export const disconnect: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(args, { all: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } }, { min: 0, max: 1, usage: disconnectUsage });
  if (values.all) {
    if (positionals.length > 0) throw new UsageError('--all disconnects every account; name none.');
    return disconnectAll(io, () => openKith(), { yes: values.yes === true, json: values.json === true });
  }
  if (positionals.length !== 1) throw new UsageError(`usage: ${disconnectUsage}`);
  const accountId = positionals[0]!;
  if (!AccountIdSchema.safeParse(accountId).success) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
  const { api } = await openKith();
  const account = (await api.accounts.list()).find((a) => a.id === accountId);
  if (!account) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
  const result = await api.accounts.disconnect({ accountId });
  if (values.json) {
    printJson(io, result);
    return 0;
  }
  io.out(`Disconnected ${account.displayName} (${providerName(account.provider)}); its tokens and cached friends are gone from this computer.`);
  io.out(revocationWords(account.provider, result.revocation));
  return 0;
};

function revocationWords(providerId: ProviderId, revocation: DisconnectResult['revocation']): string {
  const provider = providerName(providerId);
  switch (revocation) {
    case 'revoked':
      return `${provider} confirmed that Kith's access is revoked.`;
    case 'queued':
      return `${provider} could not be reached; the revocation is queued and will be retried until it succeeds (see "kith status").`;
    case 'not_possible':
      return providerId === 'google'
        ? "Kith could not read its saved sign-in, so it could not revoke its access at Google: remove Kith under your Google Account's third-party access (https://myaccount.google.com/connections)."
        : "Kith could not read its saved sign-in, so it could not revoke its access at Facebook: remove Kith in Facebook's Apps and Websites settings.";
  }
}
