// Runs every benchmark in its own process (so their memory figures do not mix).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
let failed = 0;
for (const bench of ['friends-at-scale.ts', 'friend-list-scroll.ts']) {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
