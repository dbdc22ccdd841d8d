// What every command receives: where to print, and a way to open Kith
// (opened only by commands that need it, and closed by runCli).
import type { KithCore } from '../../core/kith-core';
import type { CliKith } from './cli-kith';
import type { CliIo } from './cli-io';

export interface OpenCoreOptions {
  /** Print the consent URL only; never start a browser (`connect --no-browser`). */
  noBrowser?: boolean;
  /**
   * False for a command that reads no encrypted record (`accounts`): the vault key is
   * not loaded at start, so the OS keyring is not asked. Default true: the key is loaded
   * at start and a weak one is warned about before the command does anything.
   */
  usesKey?: boolean;
  /**
   * True for `kith serve` only: the core keeps the cache fresh while the process runs (a sync at
   * start when the last one is stale, the periodic sync, the reachability probe). A one-shot
   * command never syncs on its own.
   */
  serving?: boolean;
  /** False for the vault's own commands, which ask for the passphrase themselves. */
  asksPassphrase?: boolean;
}

export interface CliContext {
  io: CliIo;
  /** The contract's client (and the access-token port) over this process's core. */
  openKith(options?: OpenCoreOptions): Promise<CliKith>;
  /** `kith serve` only: the core itself, which the host server puts behind its own dispatcher. */
  openCoreToServe(): Promise<KithCore>;
  now(): number;
  /** Opens a local URL in the system browser. */
  openBrowser(url: string): Promise<void>;
  /** Opens a local file (a 0600 launch page) in the system browser: only its path is on the browser's command line. */
  openFileInBrowser(filePath: string): Promise<void>;
  /** The data folder, without opening the core (for `kith open`). */
  dataDir(): string;
  /** Resolves on Ctrl-C or SIGTERM (for `serve`). */
  waitForInterrupt(): Promise<void>;
}

export type Command = (args: string[], context: CliContext) => Promise<number>;
