// The afterPack hook against a stand-in Electron binary carrying a fuse wire
// as Electron 45 has it (nine fuses, one more than @electron/fuses 1.8 knows).
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

type Context = { appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string }; executableName: string } };
const afterPack = createRequire(import.meta.url)('./after-pack.cjs') as ((context: Context) => Promise<void>) & { electronBinary(context: Context): string };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

it('flips the fuses in the packed Linux binary and leaves the one it does not know alone', async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-fuses-'));
  // Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, integrity off, asar-only off, snapshot off, file privileges on, wasm traps on.
  const wire = '101100011';
  await writeFile(join(dir, 'kith'), Buffer.concat([Buffer.from('ELF...'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('...')]));

  const context = { appOutDir: dir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Kith' }, executableName: 'kith' } };
  await afterPack(context);

  const binary = await readFile(join(dir, 'kith'));
  const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
  expect(binary.subarray(at, at + wire.length).toString()).toBe('010011001');
});

it('finds the binary electron-builder packed on each platform', () => {
  const packager = { appInfo: { productFilename: 'Kith' }, executableName: 'kith' };
  expect(afterPack.electronBinary({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe('/out/Kith.app');
  expect(afterPack.electronBinary({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe('/out/Kith.exe');
  expect(afterPack.electronBinary({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe('/out/kith');
});
