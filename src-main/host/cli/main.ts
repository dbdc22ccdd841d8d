// The `kith` command line: parses the command, runs it, and turns every
// failure into a clear message on stderr and a non-zero exit status.
import type { ContractLog } from '../../../src-contract/contract-log';
import { toKithError } from '../../../src-contract/errors';
import type { KithCore } from '../../core/kith-core';
import type { CliContext, Command, OpenCoreOptions } from './cli-context';
import { createCliKith, type CliKith } from './cli-kith';
import type { CliIo } from './cli-io';
import { accounts, accountsUsage } from './commands/accounts';
import { connect, connectUsage } from './commands/connect';
import { disconnect, disconnectUsage } from './commands/disconnect';
import { friends, friendsUsage } from './commands/friends';
import { serve, serveUsage } from './commands/serve';
import { open, openUsage } from './commands/open';
import { status, statusUsage } from './commands/status';
import { sync, syncUsage } from './commands/sync';
import { token, tokenUsage } from './commands/token';
import { vault, vaultUsage } from './commands/vault';
import { describeError, exitCodeFor } from './error-words';
import { unlockIfAsked } from './passphrase-prompt';
import { UsageError } from './usage-error';

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  connect: { run: connect, usage: connectUsage },
  accounts: { run: accounts, usage: accountsUsage },
  friends: { run: friends, usage: friendsUsage },
  sync: { run: sync, usage: syncUsage },
  disconnect: { run: disconnect, usage: disconnectUsage },
  status: { run: status, usage: statusUsage },
  token: { run: token, usage: tokenUsage },
  vault: { run: vault, usage: vaultUsage },
  serve: { run: serve, usage: serveUsage },
  open: { run: open, usage: openUsage },
};

export const USAGE = [
  'Kith keeps your Google and Facebook tokens locked and your friends readable offline.',
  '',
  'Usage:',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage.replace(/\n\s+/g, '\n  ')}`),
  '',
  'Environment: KITH_SANDBOX_URL (use the sandbox providers), KITH_DATA_DIR, KITH_GOOGLE_CLIENT_ID,',
  'KITH_GOOGLE_CLIENT_SECRET, KITH_FACEBOOK_APP_ID, KITH_FACEBOOK_REDIRECT_URI, KITH_BROWSER=none (print URLs only),',
  'KITH_KEYRING=none (key file instead of the OS keyring), KITH_LOG=info|warn|error, KITH_GOOGLE_APP_IN_TESTING=1',
  '(warn before a Google "Testing" app\'s 7-day refresh tokens lapse).',
  '',
  'Exit status: 0 done, 1 other failure, 2 bad arguments, 3 sign-in failed (denied, timed out, cancelled),',
  '4 provider unreachable or failing, 5 unknown account or needs reconnecting, 6 vault locked or wrong passphrase.',
];

export interface CliHost {
  io: CliIo;
  /** Builds the core for this process (host adapters, configuration from io.env). */
  createCore(options: OpenCoreOptions): Promise<KithCore>;
  /** Where the contract's checks report what they withheld; stderr by default. */
  log?: ContractLog;
  openBrowser(url: string): Promise<void>;
  openFileInBrowser(filePath: string): Promise<void>;
  dataDir(): string;
  now(): number;
  waitForInterrupt(): Promise<void>;
}

export async function runCli(argv: string[], host: CliHost): Promise<number> {
  const { io } = host;
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    for (const line of USAGE) (name === undefined ? io.err : io.out)(line);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`kith: unknown command "${name}".`);
    io.err('Run "kith --help" for the commands.');
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return 0;
  }
  let core: KithCore | null = null;
  let kith: CliKith | null = null;
  const log = host.log ?? { error: (message) => io.err(`kith: ${message}`) };
  const openCore = async (options: OpenCoreOptions = {}) => (core ??= await host.createCore(options));
  const context: CliContext = {
    io,
    now: host.now,
    openBrowser: host.openBrowser,
    openFileInBrowser: host.openFileInBrowser,
    dataDir: host.dataDir,
    waitForInterrupt: host.waitForInterrupt,
    async openKith(options = {}) {
      if (!kith) {
        kith = createCliKith(await openCore(options), log);
        // A passphrase vault is asked for its passphrase before a command that needs the key.
        if (options.usesKey !== false && options.asksPassphrase !== false) await unlockIfAsked(io, kith.api);
      }
      return kith;
    },
    openCoreToServe: () => openCore({ serving: true }),
  };
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kith ${name}: ${error.message}`);
      if (!error.message.startsWith('usage:')) io.err(`usage: ${command.usage}`);
      return 2;
    }
    const kithError = toKithError(error);
    io.err(describeError(kithError));
    return exitCodeFor(kithError.code);
  } finally {
    if (core) await (core as KithCore).close();
  }
}
