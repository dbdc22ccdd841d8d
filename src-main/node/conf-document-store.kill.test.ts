// A process killed mid-write must leave the previous version intact: kill a
// child that rewrites a document in a loop, at random moments, and check the
// file always parses as one complete version.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfDocumentStore } from './conf-document-store';

const child = fileURLToPath(new URL('./testing/kill-mid-write.child.ts', import.meta.url));
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kith-kill-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function runAndKill(dir: string, name: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) setTimeout(() => proc.kill('SIGKILL'), delayMs);
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited on its own: ${stderr.slice(0, 500)}`))));
  });
}

describe.each([
  ['conf path', 'accounts'],
  ['large-document path', 'friends-acc_killtest'],
])('a writer killed mid-write (%s)', (_label, name) => {
  it('leaves a complete, parseable version every time', async () => {
    // One child per kill delay, side by side, each on its own folder.
    const delays = [0, 11, 37, 120];
    await Promise.all(delays.map((delayMs) => runAndKill(path.join(root, name, String(delayMs)), name, delayMs)));
    for (const delayMs of delays) {
      const dir = path.join(root, name, String(delayMs));
      const store = await createConfDocumentStore({ dir });
      const result = await store.read(name);
      expect(result.kind).toBe('ok');
      const value = (result as { value: { version: number; count: number; people: unknown[] } }).value;
      expect(value.version).toBeGreaterThanOrEqual(1);
      expect(value.people).toHaveLength(value.count);
      expect(value.count).toBe(5_000 + (value.version % 7) * 100);
      // Leftover temp files are the only trace of a kill; the document itself is whole.
      const files = await readdir(dir);
      expect(files.filter((f) => !f.includes('.tmp-'))).toEqual([`${name}.json`]);
    }
  }, 60_000);
});
