// FOR TESTS ONLY: the setup the vault's scenario tests share. One sandbox for
// the file (reset before each test) and, per test, a fresh data folder with
// its documents and friends database; each Kith started over them is a new
// process (a new cipher reads its key at start) and is closed after the test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Cipher } from '../../core/ports';
import { startKithSandbox, type KithSandbox } from '../../core/testing/kith-sandbox';
import { MemoryDocumentStore } from '../../core/testing/memory-document-store';
import { createSandboxCore, type SandboxCore } from '../../core/testing/sandbox-core';
import { tempFriendsDatabase, type TempFriendsDatabase } from '../store/testing/temp-friends-database';

export interface SandboxDataFolder {
  readonly env: KithSandbox;
  /** This test's data folder (a temporary directory, removed after it). */
  readonly dir: string;
  readonly store: MemoryDocumentStore;
  readonly friendsDatabase: TempFriendsDatabase;
  /** A Kith process over this test's folder, documents and database, with `cipher`. */
  start(cipher: Cipher): Promise<SandboxCore>;
  /** Ends a process before the test does (the next one then starts over the same folder). */
  stop(kith: SandboxCore): Promise<void>;
}

/** Registers the hooks; call at the top of a test file. */
export function useSandboxDataFolder(options: { folderPrefix: string; autoConsent: boolean }): SandboxDataFolder {
  let env: KithSandbox | undefined;
  let current: { dir: string; store: MemoryDocumentStore; friendsDatabase: TempFriendsDatabase } | undefined;
  const open: SandboxCore[] = [];
  const during = () => {
    if (!current) throw new Error('useSandboxDataFolder: its folder exists only while a test runs');
    return current;
  };

  beforeAll(async () => {
    env = await startKithSandbox({ autoConsent: options.autoConsent });
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env!.admin.reset();
    current = { dir: await mkdtemp(path.join(tmpdir(), options.folderPrefix)), store: new MemoryDocumentStore(), friendsDatabase: tempFriendsDatabase() };
  });
  afterEach(async () => {
    for (const kith of open.splice(0)) await kith.core.close();
    await rm(during().dir, { recursive: true, force: true });
    current = undefined;
  });

  return {
    get env() {
      if (!env) throw new Error('useSandboxDataFolder: the sandbox starts in beforeAll');
      return env;
    },
    get dir() {
      return during().dir;
    },
    get store() {
      return during().store;
    },
    get friendsDatabase() {
      return during().friendsDatabase;
    },
    async start(cipher) {
      const { store, friendsDatabase } = during();
      const kith = await createSandboxCore(this.env, { store, cipher, friendsDatabase });
      open.push(kith);
      return kith;
    },
    async stop(kith) {
      const at = open.indexOf(kith);
      if (at >= 0) open.splice(at, 1);
      await kith.core.close();
    },
  };
}
