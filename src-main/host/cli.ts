// Entry point of the `kith` command line (bin/kith.mjs, `npm run kith`).
import { runCli } from './cli/main';
import { createHostCliHost } from './cli/host-cli-host';

// No top-level await: the built CLI is a CommonJS script (scripts/cli-build.mjs says why).
void runCli(process.argv.slice(2), createHostCliHost()).then((code) => {
  process.exitCode = code;
  // A stray handle (an HTTP keep-alive socket, a keyring helper) must not keep a finished command alive.
  setTimeout(() => process.exit(code), 1_500).unref();
});
