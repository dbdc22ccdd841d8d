// A process killed in the middle of a sync must leave the list it had or the
// one it was writing, never a mix: a child runs full syncs in a loop (each a
// new version of every name), is killed at varied moments, and the database
// is checked after each kill.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { tempFolder, type TempFolder } from './testing/temp-database';

const child = fileURLToPath(new URL('./testing/sync-until-killed.child.ts', import.meta.url));
const ACCOUNT = 'acc_kill_test';
const PEOPLE = 3_000;

let folder: TempFolder;
beforeAll(async () => {
  folder = await tempFolder();
});
afterAll(async () => {
  await folder.remove();
});

/**
 * Starts the child, waits until `afterVersion` has committed (0: until its first sync began),
 * then kills it `delayMs` later (mid-way through a later sync).
 */
function runAndKill(afterVersion: number, delayMs: number, into: TempFolder = folder): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, into.file, into.keyHex], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let aimed = false;
    const reached = afterVersion === 0 ? /begun (1)/g : /synced (\d+)/g;
    proc.stdout.on('data', (chunk: Buffer) => {
      const committed = [...chunk.toString().matchAll(reached)].map((match) => Number(match[1]));
      if (!aimed && committed.some((version) => version >= afterVersion)) {
        aimed = true;
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited on its own: ${stderr.slice(0, 800)}`))));
  });
}

describe('a sync killed mid-way', () => {
  it('leaves one whole version of the list, with its own sync token, every time', async () => {
    // Kills aimed after the first and after the second committed version, at varied moments,
    // so they land in different syncs however fast or loaded the machine is.
    const kills: Array<[afterVersion: number, delayMs: number]> = [
      [1, 0], [1, 7], [1, 23], [1, 51], [1, 90],
      [2, 0], [2, 30], [2, 140], [2, 330], [2, 650],
    ];
    const versions = new Set<number>();
    for (const [afterVersion, delayMs] of kills) {
      await runAndKill(afterVersion, delayMs);
      const db = await folder.open();
      const store = createSqliteFriendsStore(db);
      const state = await store.syncState(ACCOUNT);
      const version = Number(state?.syncToken?.replace('token-', ''));
      expect(version).toBeGreaterThanOrEqual(afterVersion);
      versions.add(version);
      expect(state?.friendCount).toBe(PEOPLE);
      const all = await store.search({ limit: 1000 });
      expect(all.total).toBe(PEOPLE);
      // Every held name is of that version, and the search index agrees with the rows.
      expect((await store.search({ text: `version${version}`, limit: 1 })).total).toBe(PEOPLE);
      const rows = db.sql.all<{ n: number }>('SELECT count(*) AS n FROM people WHERE person NOT LIKE ?', [`% Version${version}"%`]);
      expect(rows[0]?.n).toBe(0);
      const names = all.items.map((f) => f.displayName.toLowerCase());
      expect(names).toEqual([...names].sort());
      db.close();
    }
    // The kills landed in different syncs, not all before the first swap.
    expect(versions.size).toBeGreaterThan(1);
  }, 120_000);
});

describe('the first sync of an account killed mid-way', () => {
  it('leaves no one of it, or the whole list, every time', async () => {
    const outcomes = new Set<string>();
    for (const delayMs of [0, 40, 120, 300, 700, 1_500]) {
      const fresh = await tempFolder();
      try {
        await runAndKill(0, delayMs, fresh);
        const db = await fresh.open();
        const store = createSqliteFriendsStore(db);
        const state = await store.syncState(ACCOUNT);
        const all = await store.search({ limit: 1000 });
        const indexed = db.sql.first<{ n: number }>("SELECT count(*) AS n FROM people_search WHERE people_search MATCH '\"#pgoogle\"'")!.n;
        const rows = db.sql.first<{ n: number }>('SELECT count(*) AS n FROM people')!.n;
        if (state?.syncToken) {
          expect(state.friendCount).toBe(PEOPLE);
          expect([all.total, rows, indexed]).toEqual([PEOPLE, PEOPLE, PEOPLE]);
          const names = all.items.map((f) => f.displayName.toLowerCase());
          expect(names).toEqual([...names].sort());
          outcomes.add('whole');
        } else {
          expect([state?.friendCount ?? 0, all.total, rows, indexed]).toEqual([0, 0, 0, 0]);
          outcomes.add('nobody');
        }
        db.close();
      } finally {
        await fresh.remove();
      }
    }
    // At least one kill landed before the first list committed.
    expect(outcomes.has('nobody')).toBe(true);
  }, 120_000);
});
