// Test child: the real core over the host's ports (conf documents, the key
// file cipher, the encrypted kith.db) against a sandbox, in one of three modes:
//   connect    — connects the sandbox's Google person and syncs once, then exits;
//   sync-loop  — syncs again and again ("synced <count>" each time) until killed;
//   list-loop  — lists friends for <ms> and prints the totals it saw as JSON.
// argv: mode dataDir sandboxUrl facebookRedirectUri [ms]
import { loadConfig } from '../../../core/config';
import { createKithCore } from '../../../core/kith-core';
import { createSandboxBrowser } from '../../../core/testing/sandbox-browser';
import { createHostPorts } from '../host-ports';

const [mode, dataDir, sandboxUrl, facebookRedirectUri, ms] = process.argv.slice(2);
const config = loadConfig({
  KITH_SANDBOX_URL: sandboxUrl!,
  KITH_FACEBOOK_REDIRECT_URI: facebookRedirectUri!,
  KITH_DATA_DIR: dataDir!,
  KITH_KEYRING: 'none',
  KITH_BROWSER: 'none',
});
const ports = { ...(await createHostPorts({ config, noBrowser: true, printErr: (line) => process.stderr.write(`${line}\n`) })), browser: createSandboxBrowser() };
const core = await createKithCore(ports, config, { shell: 'host', version: 'test', autoSync: false });

if (mode === 'connect') {
  const account = await core.accounts.connect({ provider: 'google' });
  const [result] = await core.sync.run({ accountId: account.id });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else if (mode === 'sync-loop') {
  process.stdout.write('ready\n');
  for (;;) {
    const results = await core.sync.run({});
    process.stdout.write(`synced ${results.map((r) => `${r.ok}:${r.friendCount}`).join(',')}\n`);
  }
} else if (mode === 'list-loop') {
  const totals: number[] = [];
  const errors: string[] = [];
  const until = Date.now() + Number(ms ?? 2000);
  process.stdout.write('ready\n');
  while (Date.now() < until) {
    try {
      totals.push((await core.friends.list({ sort: 'first_name', view: 'entries', search: 'a', offset: 0, limit: 50 })).total);
      totals.push((await core.friends.list({ sort: 'first_name', view: 'entries', offset: 100, limit: 50 })).total);
    } catch (error) {
      errors.push(error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error));
    }
  }
  process.stdout.write(`${JSON.stringify({ totals, errors })}\n`);
}
await core.close();
process.exit(0);
