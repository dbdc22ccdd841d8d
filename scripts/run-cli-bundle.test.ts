// The built CLI's runner (run-cli-bundle.mjs) as `kith` uses it, in real Node
// processes: the bundle runs as CommonJS would, a code cache is made on the
// first run and read by the next, and a bundle that changed never runs from
// the cache of the one before, even at the same length.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const runner = fileURLToPath(new URL('./run-cli-bundle.mjs', import.meta.url));
let dir: string;
let bundle: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kith-run-bundle-'));
  bundle = path.join(dir, 'kith.cjs');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A bundle printing `word` (of a fixed length), with the key line the build writes. */
function writeBundle(word: string, key: string) {
  const source = [
    `const path = require('node:path');`,
    `__kithImport('node:os').then((os) => console.log(${JSON.stringify(word)}, path.basename(__filename), typeof os.homedir, module.exports === exports));`,
    `//# kithCodeCacheKey=${key}`,
    '',
  ].join('\n');
  writeFileSync(bundle, source);
}

function run(): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `import { runCliBundle } from ${JSON.stringify(runner)}; runCliBundle(${JSON.stringify(bundle)});`], {
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

const caches = () => readdirSync(dir).filter((name) => name.endsWith('.v8-cache'));

describe('running the built CLI', () => {
  it('runs the bundle as CommonJS, with packages imported through __kithImport', () => {
    writeBundle('alpha', 'a'.repeat(32));
    expect(run()).toBe('alpha kith.cjs function true');
  });

  it('makes a code cache on the first run and reads it, unchanged, on the next', () => {
    writeBundle('alpha', 'a'.repeat(32));
    run();
    expect(caches()).toEqual([`kith.cjs.${'a'.repeat(32)}.v8-cache`]);
    const cache = path.join(dir, caches()[0]!);
    const made = { bytes: readFileSync(cache), mtimeMs: statSync(cache).mtimeMs };
    expect(made.bytes.length).toBeGreaterThan(0);

    expect(run()).toBe('alpha kith.cjs function true');
    // A rejected cache would have been written again.
    expect(statSync(cache).mtimeMs).toBe(made.mtimeMs);
    expect(readFileSync(cache).equals(made.bytes)).toBe(true);
  });

  it('never runs a changed bundle from the old one’s cache, even when both are the same length', () => {
    writeBundle('alpha', 'a'.repeat(32));
    run();
    writeBundle('omega', 'b'.repeat(32));
    expect(run()).toBe('omega kith.cjs function true');
    expect(caches().sort()).toEqual([`kith.cjs.${'a'.repeat(32)}.v8-cache`, `kith.cjs.${'b'.repeat(32)}.v8-cache`]);
  });

  it('replaces a damaged cache and still runs the bundle', () => {
    writeBundle('alpha', 'a'.repeat(32));
    const cache = path.join(dir, `kith.cjs.${'a'.repeat(32)}.v8-cache`);
    writeFileSync(cache, 'not a code cache');
    expect(run()).toBe('alpha kith.cjs function true');
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache');
    expect(run()).toBe('alpha kith.cjs function true');
  });

  it('runs a bundle without a key line, and caches nothing for it', () => {
    writeFileSync(bundle, "console.log('keyless');\n");
    expect(run()).toBe('keyless');
    expect(caches()).toEqual([]);
  });
});
