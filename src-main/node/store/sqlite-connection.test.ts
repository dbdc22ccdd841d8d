import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KithDatabase } from './kith-database';
import { tempFolder, type TempFolder } from './testing/temp-database';

let folder: TempFolder;
const opened: KithDatabase[] = [];
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  for (const db of opened.splice(0).reverse()) db.close();
  await folder.remove();
});

async function open(): Promise<KithDatabase> {
  const db = await folder.open();
  opened.push(db);
  return db;
}

describe('dataVersion', () => {
  // The host server's friends page memo trusts it on every request: each commit elsewhere must show at once.
  it('moves at the first call after every commit of another connection, and holds for its own', async () => {
    const server = await open();
    const cli = await open();
    cli.sql.exec('CREATE TABLE t (x INTEGER)');
    let last = server.sql.dataVersion();
    for (let i = 0; i < 50; i++) {
      cli.sql.run('INSERT INTO t (x) VALUES (?)', [i]);
      const now = server.sql.dataVersion();
      expect(now).not.toBe(last);
      expect(server.sql.dataVersion()).toBe(now);
      last = now;
    }
    server.sql.run('INSERT INTO t (x) VALUES (?)', [-1]);
    expect(server.sql.dataVersion()).toBe(last);
  });

  it('does not keep what a snapshot saw as the latest: a commit during a read transaction shows after it', async () => {
    const server = await open();
    const cli = await open();
    cli.sql.exec('CREATE TABLE t (x INTEGER)');
    const before = server.sql.dataVersion();
    server.sql.snapshot(() => {
      server.sql.first('SELECT count(*) AS n FROM t');
      cli.sql.run('INSERT INTO t (x) VALUES (1)');
      expect(server.sql.dataVersion()).toBe(before);
    });
    expect(server.sql.dataVersion()).not.toBe(before);
  });
});
