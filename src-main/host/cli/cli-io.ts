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
  /**
   * Asks on stderr and reads one line from the terminal without echoing it (a passphrase).
   * Null when stdin is not a terminal (CI, a pipe): a secret is never read from a pipe,
   * argv or the environment, where it would linger in shell history or `ps`.
   */
  readSecret?(prompt: string): Promise<string | null>;
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
    readSecret: (prompt) => readSecretLine(prompt),
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

/**
 * npm's own `read` (what `npm login` uses for passwords): it mutes the terminal's echo
 * through mute-stream and restores it on Ctrl-C, which a hand-written raw-mode loop gets
 * wrong on some terminals. Loaded only when a passphrase is asked for.
 */
async function readSecretLine(prompt: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const { read } = await import('read');
  try {
    return String(await read<string>({ prompt, silent: true, replace: '', input: process.stdin, output: process.stderr }));
  } catch {
    // Ctrl-C or Ctrl-D: nothing was typed to use.
    return null;
  }
}
