// Child process for kith-database.test.ts: another Kith process (the CLI
// beside `kith serve`) holding the database's write lock for a while.
import { openKithDatabase } from '../kith-database';
import { kithMigrations } from '../kith-schema';

const [file, keyHex, holdMs] = process.argv.slice(2);
if (!file || !keyHex || !holdMs) throw new Error('usage: hold-write-lock.child.ts <file> <keyHex> <holdMs>');

const db = await openKithDatabase({ file, keyHex, migrations: kithMigrations });
db.sql.exec('BEGIN IMMEDIATE');
db.sql.run("INSERT INTO friend_sync (account_id, provider) VALUES ('acc_child_writer', 'google')");
process.stdout.write('locked\n');
await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
db.sql.exec('COMMIT');
db.close();
