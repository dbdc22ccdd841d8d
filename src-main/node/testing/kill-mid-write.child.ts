// Child process for conf-document-store.kill.test.ts: rewrites one document in
// a tight loop until it is killed. Each version is self-checking (a counter and
// a payload whose length depends on it), so the parent can tell a torn file
// from an old or new one.
import { createConfDocumentStore } from '../conf-document-store';

const [dir, name] = process.argv.slice(2);
if (!dir || !name) throw new Error('usage: kill-mid-write.child.ts <dir> <document>');

const store = await createConfDocumentStore({ dir });
const row = (i: number) => [`people/c${i}`, `Person ${i}`, `person${i}@example.com`, null, null];
for (let version = 1; ; version++) {
  const people = Array.from({ length: 5_000 + (version % 7) * 100 }, (_, i) => row(i));
  await store.write(name, { version, count: people.length, people });
  if (version === 1) process.stdout.write('ready\n');
}
