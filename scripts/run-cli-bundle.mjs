// Runs the built CLI (dist/cli/kith.cjs, one CommonJS file) with a V8 code
// cache beside it, so a start skips parsing and compiling the bundle: about
// 20 ms of CPU, a fifth of `kith accounts`. Node 22.1+ offers this as
// module.enableCompileCache(); Node 20, which Kith supports, does not, so the
// bundle is compiled here with vm.Script and its cachedData.
//
// Why a CommonJS bundle: Node 20 can cache only a script, not an ES module. A
// script compiled by vm cannot call import() without an experimental API, so
// the build rewrites each dynamic import() of a package to __kithImport(),
// which this file passes in and which runs a real import() from here.
//
// The cache is keyed by a hash of the bundle that the build writes on its
// last line: V8 checks its own version and flags, but it tells two sources
// apart only by their length, so a cache is read only under the key of the
// very text it was made from. The cache lives beside the bundle and nowhere
// else: cached code is code, and a folder other users can write to (the OS
// temp folder) would let them plant some.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const KEY_LINE = /\/\/# kithCodeCacheKey=([0-9a-f]{16,64})\s*$/;

/** The file a bundle's code cache is kept in, or null for a bundle without a key. */
export function codeCacheFile(file, source) {
  const key = KEY_LINE.exec(source.slice(-200))?.[1];
  return key ? `${file}.${key}.v8-cache` : null;
}

/** Runs the CommonJS file `file` as Node would `require` it, from its code cache when it has one. */
export function runCliBundle(file) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(file, source);
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: this run makes one.
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname, __kithImport) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // Made at exit, so it holds every function this run compiled, not only the top level.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // A folder this user cannot write to (a system-wide install): every start compiles.
      }
    });
  }
  const module = { exports: {} };
  // Packages resolve from node_modules above both this file and the bundle, so an import from here finds the same ones.
  const importPackage = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file), importPackage);
}
