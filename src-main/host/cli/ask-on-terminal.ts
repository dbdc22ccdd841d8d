// One line asked on the terminal, for confirmations (`kith disconnect --all`).
// Only when stdin is a terminal: a script or CI run has no one to answer, and
// reading its stdin would either hang or take whatever was piped in as consent.
import { createInterface } from 'node:readline/promises';

export function askOnTerminal(): ((question: string) => Promise<string | null>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } catch {
      // Ctrl-D or a closed terminal: no answer is not a yes.
      return null;
    } finally {
      rl.close();
    }
  };
}
