// The CliHost of a real `kith` process: configuration from the environment,
// the host adapters, and a plain warning on stderr when the tokens are only
// weakly protected (weak-key-warning.ts), at start for a command that uses the
// key, else before the key is first used.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../core/config';
import { createKithCore } from '../../core/kith-core';
import { createNodeBrowserOpener } from '../../node/node-browser-opener';
import { processIo } from './cli-io';
import { createHostPorts, hostLogger } from './host-ports';
import type { CliHost } from './main';
import { weakKeyWarning } from './weak-key-warning';

/**
 * `kith serve`'s SQLite page cache: SQLite's own default (2 MiB) rather than the store's 16 MiB.
 * A server lives long and idles, and once a sync has filled the cache malloc keeps every page of it
 * (PRAGMA shrink_memory returns nothing to the system); the file's pages stay in the OS cache, so a
 * miss costs a read and a decryption, not a disk seek. A one-shot command exits before it matters.
 */
const SERVE_SQLITE_CACHE_KIB = 2048;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The log level for the CLI's own logger; a bad configuration is reported by name when a command opens the core, not here. */
function logSettings(env: NodeJS.ProcessEnv): { logLevel: ReturnType<typeof loadConfig>['logLevel'] } {
  try {
    return loadConfig(env);
  } catch {
    return { logLevel: null };
  }
}

export function createHostCliHost(): CliHost {
  const io = processIo();
  return {
    io,
    log: hostLogger(logSettings(io.env), io.err),
    now: () => Date.now(),
    async createCore({ noBrowser = false, usesKey = true, serving = false }) {
      const config = loadConfig(io.env);
      const ports = await createHostPorts({ config, noBrowser, printErr: io.err, ...(serving ? { sqliteCacheKiB: SERVE_SQLITE_CACHE_KIB } : {}) });
      const warning = weakKeyWarning(ports.cipher, io.err);
      const core = await createKithCore({ ...ports, cipher: warning.cipher }, config, {
        shell: 'host',
        version: packageVersion(),
        ...(serving ? {} : { autoSync: false as const }),
      });
      if (usesKey) await warning.now();
      return core;
    },
    openBrowser: (url) => {
      const config = loadConfig(io.env);
      return createNodeBrowserOpener({ browser: config.browser, log: hostLogger(config, io.err), print: io.err }).open(url);
    },
    openFileInBrowser: (filePath) => {
      const config = loadConfig(io.env);
      return createNodeBrowserOpener({ browser: config.browser, log: hostLogger(config, io.err), print: io.err }).openFile(filePath);
    },
    dataDir: () => {
      const config = loadConfig(io.env);
      return config.dataDir ?? config.defaultDataDir;
    },
    waitForInterrupt: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
