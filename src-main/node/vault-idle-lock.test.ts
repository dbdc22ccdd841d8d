// The idle auto-lock over the real node cipher: after the chosen minutes with
// no request, a passphrase key is forgotten and every window is told; any
// request in between starts the count again; the setting is kept.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VaultState } from '../../src-contract/kith-api';
import { createEventHub } from '../core/api/event-hub';
import { TypedDocumentStore } from '../core/storage/typed-document-store';
import { createManualClock } from '../core/testing/manual-clock';
import { MemoryDocumentStore } from '../core/testing/memory-document-store';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { createVaultControl } from '../core/vault/vault-control';
import { createNodeCipher } from './node-cipher';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-idle-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup(store = new MemoryDocumentStore()) {
  const log = createRecordingLogger();
  const clock = createManualClock();
  const events = createEventHub(log);
  const seen: VaultState[] = [];
  events.on('vaultChanged', (state) => seen.push(state));
  const cipher = createNodeCipher({ dataDir: dir, keyring: null, log, scryptCost: { N: 1024, r: 8, p: 1 }, sleep: async () => {} });
  const control = createVaultControl({ cipher, documents: new TypedDocumentStore(store, log), events, scheduler: clock, log });
  return { clock, control, seen, store };
}

describe('the idle auto-lock', () => {
  it('locks a passphrase vault after the chosen minutes without a request, and says so', async () => {
    const { clock, control, seen } = setup();
    expect((await control.settings()).idleLockMinutes).toBe(15);
    await control.setIdleLock(5);
    await control.setProtector({ protector: 'passphrase', passphrase: 'idle passphrase' });
    await clock.advance(4 * 60_000);
    control.touch(); // the person did something
    await clock.advance(4 * 60_000);
    expect(await control.state()).toMatchObject({ state: 'open', protector: 'passphrase' });
    await clock.advance(60_000 + 1);
    expect(await control.state()).toMatchObject({ state: 'locked', reason: 'passphrase-required', canUnlock: true });
    expect(seen.at(-1)).toMatchObject({ state: 'locked', reason: 'passphrase-required' });

    await control.unlock('idle passphrase');
    expect(seen.at(-1)).toMatchObject({ state: 'open' });
    await control.setIdleLock(null);
    await clock.advance(24 * 60 * 60_000);
    expect(await control.state()).toMatchObject({ state: 'open' });
  });

  it('keeps the chosen time across restarts, and never locks a key it cannot give back (key file)', async () => {
    const first = setup();
    await first.control.setIdleLock(1);
    const again = setup(first.store);
    expect((await again.control.settings()).idleLockMinutes).toBe(1);
    await again.control.state();
    await again.clock.advance(10 * 60_000);
    expect(await again.control.state()).toMatchObject({ state: 'open', protector: 'key-file' });
  });
});
