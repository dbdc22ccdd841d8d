// kith connect <google|facebook> [--no-browser]: prints the consent URL on a
// line of its own, waits for the redirect, prints the account, then syncs it.
import { ProviderIdSchema } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { accountLine, providerName } from '../format';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const connectUsage = 'kith connect <google|facebook> [--no-browser] [--json]';

export const connect: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(args, { 'no-browser': { type: 'boolean' } }, { min: 1, max: 1, usage: connectUsage });
  const provider = ProviderIdSchema.safeParse(positionals[0]);
  if (!provider.success) throw new UsageError(`unknown provider "${positionals[0]}": use google or facebook`);
  const { api } = await openKith({ noBrowser: values['no-browser'] === true });
  // With --json, stdout carries only the result; the URL and hints go to stderr.
  const say = values.json ? io.err : io.out;
  api.events.on('loginStarted', (started) => {
    say(`Open this address in your browser to connect ${providerName(provider.data)}:`);
    say(started.authUrl);
    say('Waiting for you to finish signing in (Ctrl-C cancels)...');
  });
  const stop = io.onInterrupt(() => void api.accounts.cancelConnect({}));
  try {
    const account = await api.accounts.connect({ provider: provider.data });
    const [synced] = await api.sync.run({ accountId: account.id });
    const [latest] = (await api.accounts.list()).filter((a) => a.id === account.id);
    if (values.json) {
      printJson(io, latest ?? account);
    } else {
      io.out(`Connected ${accountLine(account)}`);
      if (synced?.ok) io.out(`Synced ${synced.friendCount} friend${synced.friendCount === 1 ? '' : 's'}.`);
    }
    if (synced && !synced.ok) io.err(`kith: connected, but the first sync failed: ${synced.error?.message ?? 'unknown error'} (run \`kith sync ${account.id}\` later).`);
    return 0;
  } finally {
    stop();
  }
};
