// Child process for store-at-scale.ts: what a freshly started Kith process
// pays to show the first page — loading the native binding, opening the
// encrypted database, and reading 200 people. Prints one JSON line.
// A module (top-level await), with nothing to export.
export {};

const [file, keyHex] = process.argv.slice(2);
if (!file || !keyHex) throw new Error('usage: store-cold-open.child.ts <file> <keyHex>');

const started = performance.now();
await import('libsql');
const loaded = performance.now();
const { openKithDatabase } = await import('../src-main/node/store/kith-database');
const { kithMigrations } = await import('../src-main/node/store/kith-schema');
const { createSqliteFriendsStore } = await import('../src-main/node/store/sqlite-friends-store');
const imported = performance.now();
const db = await openKithDatabase({ file, keyHex, migrations: kithMigrations });
const page = await createSqliteFriendsStore(db).search({ limit: 200 });
const done = performance.now();
db.close();
if (page.items.length !== 200) throw new Error('first page incomplete');
process.stdout.write(`${JSON.stringify({ bindingLoadMs: loaded - started, openAndFirstPageMs: done - imported })}\n`);
