#!/usr/bin/env node
// The `kith` executable (package.json "bin"): runs the TypeScript CLI through
// tsx's ESM loader, so there is no separate build step for the command line.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src-main/host/cli.ts', import.meta.url).href);
