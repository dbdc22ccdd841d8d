// kith connect <google|facebook> [--reconnect <id> [--add-other]] [--no-browser]:
// prints the consent URL on a line of its own (for Facebook's Login for
// Devices: the code to confirm, the device page, and that page with the code
// filled in), waits for the redirect or the confirmation, prints the account,
// then syncs it. With --reconnect the provider is told who is
// expected; if someone else signs in, Kith says who, stores nothing, and exits
// 3, unless --add-other asks to add that person as a new account.
import { ProviderIdSchema, type AccountSummary, type KithApi, type LoginStarted, type OtherPersonSignedIn } from '../../../../src-contract/kith-api';
import type { Command } from '../cli-context';
import { printJson, type CliIo } from '../cli-io';
import { accountLine, missingPermissionNote, providerName, timeLeft } from '../format';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const connectUsage = 'kith connect <google|facebook> [--reconnect <account-id> [--add-other]] [--no-browser] [--json]';

/** Exit status when a reconnect was answered by someone else and not added: a sign-in outcome, as exitCodeFor's 3. */
export const OTHER_PERSON_EXIT = 3;

export const connect: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(
    args,
    { 'no-browser': { type: 'boolean' }, reconnect: { type: 'string' }, 'add-other': { type: 'boolean' } },
    { min: 1, max: 1, usage: connectUsage },
  );
  const provider = ProviderIdSchema.safeParse(positionals[0]);
  if (!provider.success) throw new UsageError(`unknown provider "${positionals[0]}": use google or facebook`);
  if (values['add-other'] && !values.reconnect) throw new UsageError('--add-other only applies with --reconnect <account-id>');
  const { api } = await openKith({ noBrowser: values['no-browser'] === true });
  // With --json, stdout carries only the result; the URL and hints go to stderr.
  const say = values.json ? io.err : io.out;
  api.events.on('loginStarted', (started) => {
    for (const line of started.device ? deviceLines(started, Date.now()) : [`Open this address in your browser to connect ${providerName(provider.data)}:`, started.authUrl, 'Waiting for you to finish signing in (Ctrl-C cancels)...']) say(line);
  });
  const stop = io.onInterrupt(() => void api.accounts.cancelConnect({}));
  try {
    let account: AccountSummary;
    if (values.reconnect) {
      const target = (await api.accounts.list()).find((a) => a.id === values.reconnect);
      if (target && target.provider !== provider.data) throw new UsageError(`${target.id} is a ${providerName(target.provider)} account: use "kith connect ${target.provider} --reconnect ${target.id}"`);
      const result = await api.accounts.reconnect({ accountId: values.reconnect });
      if (result.outcome === 'other_person') {
        const added = await settleOtherPerson(api, io, result, values['add-other'] === true);
        if (!added) return OTHER_PERSON_EXIT;
        account = added;
      } else {
        account = result.account;
      }
    } else {
      account = await api.accounts.connect({ provider: provider.data });
    }
    const [synced] = await api.sync.run({ accountId: account.id });
    const [latest] = (await api.accounts.list()).filter((a) => a.id === account.id);
    if (values.json) {
      printJson(io, latest ?? account);
    } else {
      io.out(`Connected ${accountLine(account)}`);
      if (synced?.ok && synced.mode !== null) io.out(`Synced ${synced.friendCount} friend${synced.friendCount === 1 ? '' : 's'}.`);
    }
    const missing = missingPermissionNote(latest ?? account);
    if (missing) io.err(`kith: ${missing}`);
    if (synced && !synced.ok) io.err(`kith: connected, but the first sync failed: ${synced.error?.message ?? 'unknown error'} (run "kith sync ${account.id}" later).`);
    return 0;
  } finally {
    stop();
  }
};

/** A device login (Facebook Login for Devices): the code large enough to read, the page to type, the page with the code in it. */
export function deviceLines(started: LoginStarted, now: number): string[] {
  const who = providerName(started.provider);
  const page = started.device!.verificationUri.replace(/^https:\/\/(www\.)?/, '');
  return [
    `To connect ${who}, go to ${page} and enter this code:`,
    '',
    `    ${started.device!.userCode}`,
    '',
    'Or open this address, which has the code filled in:',
    started.authUrl,
    `The code expires ${timeLeft(started.expiresAt - now)}. Waiting for you to confirm it at ${who} (Ctrl-C cancels)...`,
  ];
}

function personLabel(p: { displayName: string; email: string | null }): string {
  return p.email && p.email !== p.displayName ? `${p.displayName} <${p.email}>` : p.displayName;
}

/** Adds the other person (--add-other) or discards their sign-in, which revokes its new grant. */
async function settleOtherPerson(api: KithApi, io: CliIo, result: OtherPersonSignedIn, add: boolean): Promise<AccountSummary | null> {
  io.err(`kith: ${personLabel(result.signedIn)} signed in, not ${personLabel(result.expected)}. ${result.expected.accountId} was left as it was.`);
  if (add) {
    const added = await api.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'add' });
    if (!added) throw new UsageError('the other sign-in could not be added');
    io.err(`kith: added ${result.signedIn.displayName} as a new account (--add-other).`);
    return added;
  }
  await api.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'discard' });
  io.err(
    `  Nothing was stored and ${result.signedIn.displayName}'s sign-in was discarded. Run the command again and choose ${result.expected.displayName} at ${providerName(result.provider)}, or add --add-other to add ${result.signedIn.displayName} as a new account.`,
  );
  return null;
}
