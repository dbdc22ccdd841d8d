// kith sync [<account-id>]: syncs one account or all; exits non-zero when any failed.
import { AccountIdSchema } from '../../../../src-preload/api';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const syncUsage = 'kith sync [<account-id>] [--json]';

export const sync: Command = async (args, { io, openCore }) => {
  const { values, positionals } = parse(args, {}, { min: 0, max: 1, usage: syncUsage });
  const accountId = positionals[0];
  if (accountId !== undefined && !AccountIdSchema.safeParse(accountId).success) throw new UsageError(`"${accountId}" is not an account id (see \`kith accounts\`)`);
  const core = await openCore();
  if (!values.json) {
    core.events.on('syncProgress', (p) => {
      if (p.state === 'running' && p.fetched > 0) io.err(`  ${p.accountId}: ${p.fetched}${p.total !== null ? ` of ${p.total}` : ''} fetched`);
    });
  }
  const results = await core.sync.run(accountId ? { accountId } : {});
  if (values.json) printJson(io, results);
  else if (results.length === 0) io.out('No accounts to sync.');
  for (const r of results) {
    if (r.ok && !values.json) io.out(`${r.accountId}: ${r.mode} sync, ${r.friendCount} friend${r.friendCount === 1 ? '' : 's'}.`);
    if (!r.ok) io.err(`kith: ${r.accountId}: sync failed: ${r.error?.message ?? 'unknown error'} The last good list is kept.`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
};
