// Where the built CLI lives and whether it is fresh: all that bin/kith.mjs
// needs at every start. Apart from scripts/cli-build.mjs (which imports the
// build tools and node:crypto) so that a start with a fresh build loads none of
// them.
//
// The build writes dist/cli/build-stamp.json with the size and mtime of every
// file it bundled, each taken *before* the file was read (a file saved while
// the build runs then looks newer than its stamp and the next start rebuilds).
// isCliBuildFresh() stats those files again: a stat per file, about a
// millisecond for the whole CLI.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(root, 'dist/cli');
export const cliBundle = path.join(outDir, 'kith.cjs');
export const stampFile = path.join(outDir, 'build-stamp.json');
export const stampVersion = 2;

/** True when dist/cli/kith.cjs exists and no file it was built from has changed since. */
export function isCliBuildFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  if (stamp?.version !== stampVersion || !Array.isArray(stamp.files)) return false;
  // The stamp's paths are relative with "/" (which Windows accepts too); joined by hand, as
  // path.join's normalising of each one costs more than the stat.
  const prefix = `${root}/`;
  try {
    statSync(cliBundle);
    for (const [file, size, mtimeMs] of stamp.files) {
      const now = statSync(prefix + file);
      if (now.size !== size || now.mtimeMs !== mtimeMs) return false;
    }
  } catch {
    return false; // a source file deleted or renamed
  }
  return true;
}
