// kith disconnect --all: the list of everything that will end (every grant,
// every cache, every script token and browser session), a confirmation typed
// on the terminal unless --yes, then everything at once and the receipt.
// With no terminal to ask on (a script, CI) and no --yes, nothing changes.
import type { DisconnectReceipt, ReceiptAccount } from '../../../../src-contract/kith-api';
import { printJson, type CliIo } from '../cli-io';
import type { CliKith } from '../cli-kith';
import { providerName } from '../format';
import { UsageError } from '../usage-error';

export async function disconnectAll(io: CliIo, openKith: () => Promise<CliKith>, options: { yes: boolean; json: boolean }): Promise<number> {
  const { api } = await openKith();
  const plan = await api.accounts.planDisconnectEverywhere();
  if (!options.yes) {
    // The list goes to stderr with the question, so stdout keeps only the result.
    io.err('Disconnect everywhere will:');
    for (const a of plan.accounts) {
      io.err(`  revoke Kith's access at ${providerName(a.provider)} for ${a.displayName}${a.email ? ` <${a.email}>` : ''}, and delete its saved sign-in and ${a.cachedFriends} cached friends here`);
    }
    if (plan.accounts.length === 0) io.err('  (no accounts are connected)');
    for (const t of plan.scriptTokens) io.err(`  end the script access token "${t.name}"`);
    if (plan.sessions > 0) io.err(`  end ${plan.sessions} browser session${plan.sessions === 1 ? '' : 's'} of kith serve`);
    if (!io.ask) throw new UsageError('this asks for a confirmation and there is no terminal to ask on; nothing was changed. Run it again with --yes to confirm.');
    const answer = await io.ask('Type yes to disconnect everywhere: ');
    if (answer?.trim().toLowerCase() !== 'yes') {
      io.err('Nothing was changed.');
      return 1;
    }
  }
  const receipt = await api.accounts.disconnectEverywhere();
  if (options.json) {
    printJson(io, receipt);
    return 0;
  }
  for (const line of receiptLines(receipt)) io.out(line);
  return 0;
}

export function receiptLines(receipt: DisconnectReceipt): string[] {
  const lines = ['Disconnected everywhere. Everything below is gone from this computer.'];
  for (const a of receipt.accounts) lines.push(`${a.displayName} (${providerName(a.provider)}): ${a.deleted.cachedFriends} cached friends deleted; ${revocationLine(a)}`);
  if (receipt.scriptTokensEnded.length > 0) lines.push(`Script access tokens ended: ${receipt.scriptTokensEnded.join(', ')}.`);
  if (receipt.sessionsEnded > 0) lines.push(`Browser sessions of kith serve ended: ${receipt.sessionsEnded}.`);
  if (!receipt.settled) lines.push('Kith keeps asking the providers that did not answer yet; kith status shows what is still pending, and the History in Settings keeps this receipt.');
  return lines;
}

function revocationLine(a: ReceiptAccount): string {
  const provider = providerName(a.provider);
  switch (a.revocation.state) {
    case 'confirmed':
      return `${provider} confirmed Kith's access is revoked.`;
    case 'pending':
      return `waiting for ${provider} to confirm; Kith retries every few minutes.`;
    case 'not_possible':
    case 'failed':
      return a.provider === 'google'
        ? "Kith could not revoke its access: remove Kith under your Google Account's third-party access (https://myaccount.google.com/connections)."
        : "Kith could not revoke its access: remove Kith in Facebook's Apps and Websites settings.";
    case 'stopped':
      return 'connected again since, so Kith stopped asking.';
  }
}
