import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KITH_BIN } from './testing/run-cli-process';

describe('the CLI writing into a pipe its reader closed', () => {
  it('ends quietly, as `kith --help | head -0` expects, with no stack trace', async () => {
    const child = spawn(process.execPath, [KITH_BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before Kith's first line, so that write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
