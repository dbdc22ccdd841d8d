// What every command receives: where to print, and a way to open the core
// (opened only by commands that need it, and closed by the dispatcher).
import type { KithCore } from '../../core/kith-core';
import type { CliIo } from './cli-io';

export interface OpenCoreOptions {
  /** Print the consent URL only; never start a browser (`connect --no-browser`). */
  noBrowser?: boolean;
}

export interface CliContext {
  io: CliIo;
  openCore(options?: OpenCoreOptions): Promise<KithCore>;
  now(): number;
  /** Opens a local URL (the host server's launch link) in the system browser. */
  openBrowser(url: string): Promise<void>;
  /** Resolves on Ctrl-C or SIGTERM (for `serve`). */
  waitForInterrupt(): Promise<void>;
}

export type Command = (args: string[], context: CliContext) => Promise<number>;
