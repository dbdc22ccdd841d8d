// kith friends <account-id> [--search <text>] [--limit <n>] [--offset <n>]:
// read from the offline cache, so it works with no network.
// kith friends --export vcf|csv [--account <id>] [--search <text>] [--columns google|thunderbird]
// [--separate]: every person (or one account's, or the search's) as one file on stdout.
import { FriendExportFormatSchema, KithError, type Friend } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { CliContext, Command } from '../cli-context';
import { friendsTable } from '../format';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const friendsUsage =
  'kith friends <account-id> [--search <text>] [--limit <n>] [--offset <n>] [--json]\n' +
  '       kith friends --export vcf|csv [--account <id>] [--search <text>] [--columns google|thunderbird] [--separate] > file';

const PAGE = 1000;

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} takes a whole number`);
  return Number(text);
}

export const friends: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(
    args,
    {
      search: { type: 'string', short: 's' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      export: { type: 'string' },
      account: { type: 'string' },
      columns: { type: 'string' },
      separate: { type: 'boolean' },
    },
    { min: 0, max: 1, usage: friendsUsage },
  );
  if (values.export !== undefined) return exportFriends(values, positionals, openKith, io);
  if (positionals.length !== 1) throw new UsageError(`usage: ${friendsUsage}`);
  const limit = count('limit', values.limit);
  let offset = count('offset', values.offset) ?? 0;
  const { api } = await openKith();
  const accountId = positionals[0]!;
  const account = (await api.accounts.list()).find((a) => a.id === accountId);
  if (!account) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
  const items: Friend[] = [];
  let total = 0;
  // Without --limit, every match, a page at a time.
  for (;;) {
    const want = limit === undefined ? PAGE : Math.min(PAGE, limit - items.length);
    if (want <= 0) break;
    // One line per account's entry, as before people were merged.
    const page = await api.friends.list({ accountId, offset, limit: want, view: 'entries', ...(values.search ? { search: values.search } : {}) });
    items.push(...page.items);
    total = page.total;
    offset += page.items.length;
    if (page.items.length < want || offset >= page.total) break;
  }
  if (values.json) {
    printJson(io, items);
    return 0;
  }
  for (const line of friendsTable(items)) io.out(line);
  io.err(`${items.length} of ${total} shown; cached ${account.lastSyncedAt ? new Date(account.lastSyncedAt).toISOString() : 'never (run `kith sync`)'}.`);
  if (account.status === 'needs_reconnect') io.err(`This account needs reconnecting (kith connect ${account.provider}); the list is the last cached one.`);
  return 0;
};

type FriendsValues = { search?: string | undefined; export?: string | undefined; account?: string | undefined; columns?: string | undefined; separate?: boolean | undefined };

/** The file goes to stdout as it is (CRLF line ends, as RFC 6350 and RFC 4180 want); what was written, to stderr. */
async function exportFriends(values: FriendsValues, positionals: string[], openKith: CliContext['openKith'], io: CliContext['io']): Promise<number> {
  const format = FriendExportFormatSchema.safeParse(values.export);
  if (!format.success) throw new UsageError('--export takes vcf or csv');
  if (values.columns !== undefined && values.columns !== 'google' && values.columns !== 'thunderbird') throw new UsageError('--columns takes google or thunderbird');
  if (positionals.length > 0) throw new UsageError('with --export, name the account with --account <id>');
  const { api } = await openKith();
  const file = await api.friends.export({
    format: format.data,
    ...(values.account ? { accountId: values.account } : {}),
    ...(values.search ? { search: values.search } : {}),
    ...(values.columns ? { csvColumns: values.columns as 'google' | 'thunderbird' } : {}),
    view: values.separate ? 'entries' : 'people',
  });
  // io.out ends the text with \n: the last CRLF keeps its \r.
  if (file.text) io.out(file.text.replace(/\r\n$/, '\r'));
  io.err(`${file.count} ${values.separate ? 'entries' : 'people'} written as ${format.data === 'vcf' ? 'vCard 4.0' : `CSV (${values.columns ?? 'google'} columns)`}.`);
  return 0;
}
