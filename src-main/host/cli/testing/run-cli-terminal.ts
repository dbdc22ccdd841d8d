// Test helper: runs bin/kith.mjs on a pseudo-terminal (util-linux `script`), so
// it sees a TTY as at a person's keyboard, and answers each prompt it prints
// with the next line, the way a person types after reading the prompt.
import { spawn } from 'node:child_process';
import { KITH_BIN, type CliRun } from './run-cli-process';

/** Whether this machine can run a command on a pseudo-terminal. */
export const terminalAvailable = process.platform === 'linux';

export function runKithOnTerminal(args: string[], env: Record<string, string>, answers: { prompt: RegExp; line: string }[], timeoutMs = 60_000): Promise<CliRun> {
  const quote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;
  const command = [process.execPath, KITH_BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-f', '-c', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'dumb', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let seen = 0;
    const pending = [...answers];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const next = pending[0];
      if (next && next.prompt.test(stdout.slice(seen))) {
        seen = stdout.length;
        pending.shift();
        child.stdin.write(`${next.line}\r`);
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kith ${args.join(' ')} did not finish in time.\noutput: ${stdout}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      // On a terminal stdout and stderr are one stream.
      resolve({ code, stdout, stderr });
    });
  });
}
