// Where the CLI writes: stdout for results (JSON with --json), stderr for
// prompts, warnings and errors, so `kith ... --json | jq` always works.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Registers a handler for Ctrl-C; returns the unregister function. */
  onInterrupt(handler: () => void): () => void;
  /** Asks on stderr and reads one line of stdin; null when stdin ended first. */
  readLine?(prompt: string): Promise<string | null>;
  /**
   * Asks on stderr and reads one line from the terminal without echoing it (a passphrase).
   * Null when stdin is not a terminal (CI, a pipe): a secret is never read from a pipe,
   * argv or the environment, where it would linger in shell history or `ps`.
   */
  readSecret?(prompt: string): Promise<string | null>;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    readLine: (prompt) => readOneLine(prompt),
    readSecret: (prompt) => readSecretLine(prompt),
  };
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

async function readOneLine(prompt: string): Promise<string | null> {
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve(null);
    });
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
