// A passphrase vault through real `kith` processes: set at a terminal without
// echo (refused from a pipe), asked for again by each command that needs the
// key, wrong passphrases answered in words with exit 6, changed, and moved back
// to a key file; the saved sign-in works throughout.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKithSandbox, type KithSandbox } from '../../core/testing/kith-sandbox';
import { runKithAnsweringConsent, type CliRun } from './testing/run-cli-process';
import { runKithOnTerminal, terminalAvailable } from './testing/run-cli-terminal';

let env: KithSandbox;
let dataDir: string;
let kithEnv: Record<string, string>;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: true });
  dataDir = await mkdtemp(path.join(tmpdir(), 'kith-cli-passphrase-'));
  kithEnv = { KITH_SANDBOX_URL: env.sandbox.url, KITH_DATA_DIR: dataDir, KITH_BROWSER: 'none', KITH_KEYRING: 'none' };
});
afterAll(async () => {
  await env.sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

const kith = (args: string[], stdin?: string): Promise<CliRun> => runKithAnsweringConsent(args, kithEnv, { stdin });

const keyMeta = async () => JSON.parse(await readFile(path.join(dataDir, 'vault.keymeta'), 'utf8')) as { protector: string };
const FIRST = 'first kith passphrase';
const SECOND = 'second kith passphrase';

describe.skipIf(!terminalAvailable)('kith vault passphrase at a terminal', { timeout: 180_000 }, () => {
  let account: string;

  it('connects an account with a key file', async () => {
    const connected = await kith(['connect', 'google', '--no-browser']);
    expect(connected.code, connected.stderr).toBe(0);
    account = /Connected (acc_[0-9a-f]+)/.exec(connected.stdout)![1]!;
  });

  it('refuses to read a passphrase from a pipe, and changes nothing', async () => {
    const piped = await kith(['vault', 'passphrase'], `${FIRST}\n${FIRST}\n`);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('only from a terminal, without echo');
    expect((await keyMeta()).protector).toBe('key-file');
  });

  it('sets one at a terminal without echoing it; the key file is gone', async () => {
    const set = await runKithOnTerminal(['vault', 'passphrase'], kithEnv, [
      { prompt: /New passphrase/, line: FIRST },
      { prompt: /again/, line: FIRST },
    ]);
    expect(set.code, set.stdout).toBe(0);
    expect(set.stdout).toMatch(/now protected by passphrase \(scrypt\) \(strong\)/);
    expect(set.stdout).not.toContain(FIRST);
    expect((await keyMeta()).protector).toBe('passphrase');
    expect(await readdir(dataDir)).not.toContain('vault.key');
  });

  it('without a terminal a command that needs the key says why and exits 6', async () => {
    const sync = await kith(['sync', account]);
    expect(sync.code, sync.stderr).toBe(6);
    expect(sync.stderr).toContain('protected by a passphrase');
    expect((await kith(['status'])).stdout).toMatch(/LOCKED \(passphrase-required\)/);
  });

  it('at a terminal a command asks, answers a wrong passphrase in words, and works with the right one', async () => {
    const sync = await runKithOnTerminal(['sync', account], kithEnv, [
      { prompt: /Kith passphrase/, line: 'not the passphrase' },
      { prompt: /Kith passphrase/, line: FIRST },
    ]);
    expect(sync.code, sync.stdout).toBe(0);
    expect(sync.stdout).toMatch(/That is not the passphrase.*next try waits 1 s/);
    expect(sync.stdout).not.toContain(FIRST);
  });

  it('changes it after the current one; the old one stops working', async () => {
    const change = await runKithOnTerminal(['vault', 'passphrase'], kithEnv, [
      { prompt: /Current passphrase/, line: FIRST },
      { prompt: /New passphrase/, line: SECOND },
      { prompt: /again/, line: SECOND },
    ]);
    expect(change.code, change.stdout).toBe(0);
    const old = await runKithOnTerminal(['vault', 'unlock'], kithEnv, [{ prompt: /Kith passphrase/, line: FIRST }]);
    expect(old.code).toBe(6);
    expect(old.stdout).toContain('Wrong passphrase');
    const right = await runKithOnTerminal(['vault', 'unlock'], kithEnv, [{ prompt: /Kith passphrase/, line: SECOND }]);
    expect(right.code, right.stdout).toBe(0);
  });

  it('moves back to a key file, reported weak; the saved sign-in still works', async () => {
    const moved = await runKithOnTerminal(['vault', 'protector', 'key-file'], kithEnv, [{ prompt: /Current passphrase/, line: SECOND }]);
    expect(moved.code, moved.stdout).toBe(0);
    expect(moved.stdout).toMatch(/key file .*\(weak\)/);
    const sync = await kith(['sync', account]);
    expect(sync.code, sync.stderr).toBe(0);
  });
});
