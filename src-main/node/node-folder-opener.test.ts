import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeFolderOpener, folderOpenerCommand } from './node-folder-opener';

function fakeSpawn(fails = false) {
  const calls: Array<{ command: string; args: readonly string[]; options: SpawnOptions }> = [];
  const spawn = (command: string, args: readonly string[], options: SpawnOptions) => {
    calls.push({ command, args, options });
    const child = Object.assign(new EventEmitter(), { unref: vi.fn() });
    setImmediate(() => child.emit(fails ? 'error' : 'spawn', ...(fails ? [Object.assign(new Error('ENOENT'), { code: 'ENOENT' })] : [])));
    return child as unknown as ChildProcess;
  };
  return { spawn, calls };
}

describe('createNodeFolderOpener', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kith folder; $(x) '));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("hands the folder to the platform's file manager as one argument, without a shell", async () => {
    const { spawn, calls } = fakeSpawn();
    expect(await createNodeFolderOpener({ platform: 'linux', spawn }).open(dir)).toBe(true);
    expect(calls).toEqual([{ command: 'xdg-open', args: [dir], options: expect.objectContaining({ shell: false, detached: true }) }]);
    expect(folderOpenerCommand('darwin', dir)).toEqual(['open', [dir]]);
    expect(folderOpenerCommand('win32', dir)).toEqual(['explorer.exe', [dir]]);
  });

  it('opens nothing but an existing folder given by its absolute path', async () => {
    const { spawn, calls } = fakeSpawn();
    const file = path.join(dir, 'kith.db');
    await writeFile(file, '');
    const opener = createNodeFolderOpener({ platform: 'linux', spawn });
    for (const target of [file, path.join(dir, 'missing'), 'relative/folder', 'https://evil.example/']) expect(await opener.open(target)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('opens nothing with KITH_BROWSER=none, and says false when the file manager is missing', async () => {
    const none = fakeSpawn();
    expect(await createNodeFolderOpener({ browser: { kind: 'none' }, spawn: none.spawn }).open(dir)).toBe(false);
    expect(none.calls).toEqual([]);
    expect(await createNodeFolderOpener({ platform: 'linux', spawn: fakeSpawn(true).spawn }).open(dir)).toBe(false);
  });
});
