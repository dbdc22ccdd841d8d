// Test helper: runs bin/kith.mjs as a real process and collects its output;
// `onLine` sees each line as it arrives (to open the printed consent URL).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { consent, deviceConsent, type ConsentChoice } from '../../../../sandbox/testing/consent';

export const KITH_BIN = fileURLToPath(new URL('../../../../bin/kith.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runKith(
  args: string[],
  env: Record<string, string>,
  options: {
    /** Sees each line as it arrives; returning 'interrupt' sends SIGINT (Ctrl-C) to the process. */
    onLine?: (line: string, stream: 'stdout' | 'stderr') => void | 'interrupt' | Promise<void | 'interrupt'>;
    timeoutMs?: number;
    /** Written to the process's stdin, which then closes (a pipe, not a terminal). */
    stdin?: string;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KITH_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    const out = { stdout: '', stderr: '' };
    const pending = { stdout: '', stderr: '' };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]!.setEncoding('utf8');
      child[stream]!.on('data', (chunk: string) => {
        out[stream] += chunk;
        pending[stream] += chunk;
        const lines = pending[stream].split('\n');
        pending[stream] = lines.pop() ?? '';
        for (const line of lines) {
          void Promise.resolve(options.onLine?.(line, stream)).then((answer) => {
            if (answer === 'interrupt') child.kill('SIGINT');
          });
        }
      });
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kith ${args.join(' ')} did not finish in time.\nstdout: ${out.stdout}\nstderr: ${out.stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ...out });
    });
  });
}

/**
 * Runs `kith` and answers the first consent URL it prints (a line of its own) as the person's
 * browser would: at the sandbox's consent page, or for Facebook's Login for Devices at its
 * device page, confirming the code filled into the address. Waits for that answer to land.
 */
export async function runKithAnsweringConsent(
  args: string[],
  env: Record<string, string>,
  options: { stdin?: string | undefined; consent?: ConsentChoice } = {},
): Promise<CliRun> {
  const opened: Promise<unknown>[] = [];
  const run = await runKith(args, env, {
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    onLine(line) {
      if (/^https?:\/\/\S+$/.test(line.trim()) && !line.includes('/__sandbox') && opened.length === 0) {
        opened.push(answerConsent(line.trim(), options.consent ?? {}));
      }
    },
  });
  await Promise.allSettled(opened);
  return run;
}

async function answerConsent(printed: string, choice: ConsentChoice): Promise<void> {
  const url = new URL(printed);
  if (url.pathname === '/facebook/www/device') {
    const userCode = url.searchParams.get('user_code') ?? '';
    url.search = '';
    await deviceConsent(url.toString(), userCode, choice);
    return;
  }
  await (await fetch((await consent(printed, choice)).redirect)).text();
}
