// kith friends <account-id> [--search <text>] [--limit <n>] [--offset <n>]:
// read from the offline cache, so it works with no network.
import { KithError, type Friend } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { friendsTable } from '../format';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const friendsUsage = 'kith friends <account-id> [--search <text>] [--limit <n>] [--offset <n>] [--json]';

const PAGE = 1000;

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} takes a whole number`);
  return Number(text);
}

export const friends: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(
    args,
    { search: { type: 'string', short: 's' }, limit: { type: 'string' }, offset: { type: 'string' } },
    { min: 1, max: 1, usage: friendsUsage },
  );
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
    const page = await api.friends.list({ accountId, offset, limit: want, ...(values.search ? { search: values.search } : {}) });
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
  io.err(`${items.length} of ${total} shown; cached ${account.lastSyncedAt ? new Date(account.lastSyncedAt).toISOString() : 'never (run "kith sync")'}.`);
  if (account.status === 'needs_reconnect') io.err(`This account needs reconnecting (kith connect ${account.provider}); the list is the last cached one.`);
  return 0;
};
