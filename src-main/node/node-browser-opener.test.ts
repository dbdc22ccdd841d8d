import { EventEmitter } from 'node:events';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeBrowserOpener, openerCommand } from './node-browser-opener';

const system = { kind: 'system' } as const;
const URL_WITH_METACHARACTERS = 'http://127.0.0.1:4545/google/o/oauth2/v2/auth?client_id=a&state=x;y&redirect_uri=http%3A%2F%2F127.0.0.1&q=$(touch%20pwned)';

type Behaviour = 'spawn' | 'enoent' | 'exit-3';
function fakeSpawn(behaviour: Behaviour) {
  const calls: Array<{ command: string; args: readonly string[]; options: SpawnOptions }> = [];
  const spawn = (command: string, args: readonly string[], options: SpawnOptions) => {
    calls.push({ command, args, options });
    const child = Object.assign(new EventEmitter(), { unref: vi.fn() });
    setImmediate(() => {
      if (behaviour === 'enoent') child.emit('error', Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' }));
      else child.emit('spawn');
      if (behaviour === 'exit-3') setImmediate(() => child.emit('exit', 3));
    });
    return child as unknown as ChildProcess;
  };
  return { spawn, calls };
}

describe('openerCommand', () => {
  it('picks the platform opener, with the URL as one argument', () => {
    expect(openerCommand('linux', system, 'https://x/')).toEqual(['xdg-open', ['https://x/']]);
    expect(openerCommand('freebsd', system, 'https://x/')).toEqual(['xdg-open', ['https://x/']]);
    expect(openerCommand('darwin', system, 'https://x/')).toEqual(['open', ['https://x/']]);
    expect(openerCommand('win32', system, 'https://x/?a=1&b=2')).toEqual(['rundll32.exe', ['url.dll,FileProtocolHandler', 'https://x/?a=1&b=2']]);
    expect(openerCommand('linux', { kind: 'none' }, 'https://x/')).toBeNull();
    expect(openerCommand('linux', { kind: 'program', program: '/usr/bin/firefox' }, 'https://x/')).toEqual(['/usr/bin/firefox', ['https://x/']]);
  });
});

describe('createNodeBrowserOpener', () => {
  it('spawns the opener detached, without a shell, and does not print', async () => {
    const { spawn, calls } = fakeSpawn('spawn');
    const printed: string[] = [];
    await createNodeBrowserOpener({ platform: 'linux', spawn, print: (l) => printed.push(l), earlyExitMs: 20 }).open(URL_WITH_METACHARACTERS);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ command: 'xdg-open', args: [URL_WITH_METACHARACTERS], options: { detached: true, shell: false, stdio: 'ignore' } });
    expect(printed).toEqual([]);
  });

  it('only prints the URL when the browser is none (KITH_BROWSER=none)', async () => {
    const { spawn, calls } = fakeSpawn('spawn');
    const printed: string[] = [];
    await createNodeBrowserOpener({ browser: { kind: 'none' }, spawn, print: (l) => printed.push(l) }).open('https://accounts.example/consent');
    expect(calls).toEqual([]);
    expect(printed.join('\n')).toContain('https://accounts.example/consent');
  });

  it('tells the person to open the URL by hand when the opener is missing, and says it failed', async () => {
    const { spawn } = fakeSpawn('enoent');
    const printed: string[] = [];
    await expect(createNodeBrowserOpener({ platform: 'linux', spawn, print: (l) => printed.push(l) }).open('https://a.example/')).rejects.toMatchObject({
      code: 'E_INTERNAL',
      message: 'Kith could not open your browser.',
    });
    expect(printed.join('\n')).toMatch(/xdg-open: not installed\)\. Open this address in your browser:\n {2}https:\/\/a\.example\//);
  });

  it('tells the person when the opener exits with an error soon after starting, and says it failed', async () => {
    const { spawn } = fakeSpawn('exit-3');
    const printed: string[] = [];
    await expect(createNodeBrowserOpener({ platform: 'linux', spawn, print: (l) => printed.push(l) }).open('https://a.example/')).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(printed.join('\n')).toContain('failed');
  });

  it('counts an opener still running after a moment as having opened the URL', async () => {
    const { spawn } = fakeSpawn('spawn');
    await expect(createNodeBrowserOpener({ platform: 'linux', spawn, print: () => {}, earlyExitMs: 20 }).open('https://a.example/')).resolves.toBeUndefined();
  });

  it('refuses anything but http and https, credentials, and plain http off this machine', async () => {
    const { spawn, calls } = fakeSpawn('spawn');
    const opener = createNodeBrowserOpener({ spawn, print: () => {} });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'ms-settings:', 'https://user@a.example/', 'http://a.example/', 'mailto:a@example.com?attach=/etc/passwd', 'tel:+1555;postd=1']) {
      await expect(opener.open(url)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    }
    expect(calls).toEqual([]);
  });

  it('opens a local file by its file: URL, the only thing on the command line', async () => {
    const { spawn, calls } = fakeSpawn('spawn');
    const opener = createNodeBrowserOpener({ platform: 'linux', spawn, print: () => {} });
    await opener.openFile('/home/ada/.kith/kith-open-0123.html');
    expect(calls.map((c) => [c.command, c.args])).toEqual([['xdg-open', ['file:///home/ada/.kith/kith-open-0123.html']]]);
  });

  it('hands a plain mailto: or tel: link to the opener, for the mail or phone app', async () => {
    const { spawn, calls } = fakeSpawn('spawn');
    const opener = createNodeBrowserOpener({ platform: 'linux', spawn, print: () => {} });
    await opener.open('mailto:ada@example.com');
    await opener.open('tel:+12125550100');
    expect(calls.map((c) => c.args)).toEqual([['mailto:ada@example.com'], ['tel:+12125550100']]);
  });

  describe('with real processes', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'kith-opener-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('passes the URL to the program untouched by any shell', async () => {
      const script = path.join(dir, 'browser.sh');
      const out = path.join(dir, 'argv.txt');
      await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$#" "$1" > '${out}'\n`);
      await chmod(script, 0o755);
      await createNodeBrowserOpener({ browser: { kind: 'program', program: script }, print: () => {} }).open(URL_WITH_METACHARACTERS);
      await vi.waitFor(async () => expect(await readFile(out, 'utf8')).toBe(`1\n${new URL(URL_WITH_METACHARACTERS).toString()}\n`), { timeout: 5_000 });
    });

    it('says so for a program that does not exist', async () => {
      const printed: string[] = [];
      await expect(
        createNodeBrowserOpener({ browser: { kind: 'program', program: path.join(dir, 'no-such-browser') }, print: (l) => printed.push(l) }).open('https://a.example/'),
      ).rejects.toMatchObject({ code: 'E_INTERNAL' });
      expect(printed.join('\n')).toContain('https://a.example/');
    });
  });
});
