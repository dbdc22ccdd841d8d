// Child process for sqlite-friends-store.kill.test.ts: full syncs of one
// account in a loop, each a new version of the whole list (every name and
// the sync token carry the version), until the parent kills it. It prints
// `begun <version>` as each sync begins and `synced <version>` as it commits,
// so the parent can aim its kill.
import { createSqliteFriendsStore } from '../sqlite-friends-store';
import { openKithDatabase } from '../kith-database';
import { kithMigrations } from '../kith-schema';
import { person } from './temp-database';

const KILL_TEST_ACCOUNT = 'acc_kill_test';
const KILL_TEST_PEOPLE = 3_000;
const PAGE = 500;

const [file, keyHex] = process.argv.slice(2);
if (!file || !keyHex) throw new Error('usage: sync-until-killed.child.ts <file> <keyHex>');

const db = await openKithDatabase({ file, keyHex, migrations: kithMigrations });
const store = createSqliteFriendsStore(db);
for (let version = 1; ; version++) {
  await store.beginSync(KILL_TEST_ACCOUNT, 'google', 'full');
  process.stdout.write(`begun ${version}\n`);
  for (let start = 0; start < KILL_TEST_PEOPLE; start += PAGE) {
    const upserts = Array.from({ length: PAGE }, (_, k) => {
      const i = start + k;
      // Names change order between versions, so each swap moves people around.
      return person(`people/c${i}`, `Person ${(i * (version + 7)) % 9973} Version${version}`);
    });
    const last = start + PAGE >= KILL_TEST_PEOPLE;
    await store.applyPage(KILL_TEST_ACCOUNT, {
      upserts,
      deletes: [],
      syncState: { cursor: last ? null : `page-${start + PAGE}`, syncToken: last ? `token-${version}` : undefined },
    });
  }
  process.stdout.write(`synced ${version}\n`);
}
