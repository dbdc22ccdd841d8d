// Where the CLI writes: stdout for results (JSON with --json), stderr for
// prompts, warnings and errors, so `kith ... --json | jq` always works.
import { askOnTerminal } from './ask-on-terminal';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Registers a handler for Ctrl-C; returns the unregister function. */
  onInterrupt(handler: () => void): () => void;
  /** Asks one line on the terminal (the question on stderr); absent when stdin is not a terminal. */
  ask?(question: string): Promise<string | null>;
}

export function processIo(): CliIo {
  exitQuietlyWhenStdoutCloses();
  const ask = askOnTerminal();
  return {
    ...(ask ? { ask } : {}),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

// `kith friends | head` closes the pipe before Kith is done writing: the
// reader has all it wanted, so that is a normal end (as for cat or grep), not
// a crash with a stack trace. Any other write error still surfaces.
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}
