// kith sync [<account-id>]: syncs one account or all; exits non-zero when any failed.
import { AccountIdSchema } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { adviceFor, exitCodeFor } from '../error-words';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const syncUsage = 'kith sync [<account-id>] [--json]';

export const sync: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(args, {}, { min: 0, max: 1, usage: syncUsage });
  const accountId = positionals[0];
  if (accountId !== undefined && !AccountIdSchema.safeParse(accountId).success) throw new UsageError(`"${accountId}" is not an account id (see "kith accounts")`);
  const { api } = await openKith();
  if (!values.json) {
    api.events.on('syncProgress', (p) => {
      if (p.state === 'running' && p.fetched > 0) io.err(`  ${p.accountId}: ${p.fetched}${p.total !== null ? ` of ${p.total}` : ''} fetched`);
    });
  }
  const results = await api.sync.run(accountId ? { accountId } : {});
  const providers = new Map((await api.accounts.list()).map((a) => [a.id, a.provider]));
  if (values.json) printJson(io, results);
  else if (results.length === 0) io.out('No accounts to sync.');
  for (const r of results) {
    if (r.ok && !values.json) io.out(`${r.accountId}: ${r.mode} sync, ${r.friendCount} friend${r.friendCount === 1 ? '' : 's'}.`);
    if (!r.ok) io.err(`kith: ${r.accountId}: sync failed: ${r.error?.message ?? 'unknown error'} The last good list is kept.`);
    if (r.error?.code === 'E_VAULT_LOCKED') io.err(`  ${adviceFor('E_VAULT_LOCKED')}`);
    if (r.error?.code === 'E_NEEDS_RECONNECT' || r.error?.code === 'E_GRANT_REVOKED') io.err(`  Reconnect it with "kith connect ${providers.get(r.accountId) ?? '<provider>'}".`);
  }
  const failed = results.find((r) => !r.ok);
  // The same exit statuses as any other failure: 4 provider unreachable, 5 needs reconnect...
  return failed ? exitCodeFor(failed.error?.code ?? 'E_INTERNAL') : 0;
};
