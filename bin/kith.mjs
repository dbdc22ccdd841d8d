#!/usr/bin/env node
// The `kith` executable (package.json "bin"). Runs the CLI built to JavaScript
// (dist/cli/kith.cjs, with its code cache; made by `npm run build:cli` and by npm's prepare step),
// so a start costs no TypeScript compilation. When that build is missing (an
// install with --ignore-scripts) or any file it was built from has changed
// since (a dev checkout after an edit), it is rebuilt first: a stale build
// never runs.
// The builder (esbuild, node:crypto) is imported only when a build is needed.
import { cliBundle, isCliBuildFresh } from '../scripts/cli-build-stamp.mjs';
import { runCliBundle } from '../scripts/run-cli-bundle.mjs';

if (!isCliBuildFresh()) {
  try {
    const { buildCli } = await import('../scripts/cli-build.mjs');
    await buildCli();
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') {
      console.error('kith: the command line is not built and esbuild is not installed; run "npm install", then "npm run build:cli".');
    } else if (!error?.errors) {
      console.error(error); // esbuild prints its own compile errors, with file and line
    }
    process.exit(1);
  }
}
runCliBundle(cliBundle);
