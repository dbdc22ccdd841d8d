// `npm run demo`: the whole app on its embedded default, no cloud credentials.
// Starts the sandbox providers, then Kith: the Electron window where Electron's
// binary is installed, else the host shell opened in the system browser.
// Kith's data stays in the demo's own per-user folder between runs;
// `npm run demo -- --fresh` starts over, moving the old folder aside.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { electronExecutable } from '../e2e/support/electron-binary';
import { prepareDemoDataDir } from './demo-data-dir';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const children: ChildProcess[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.stdout?.pipe(process.stdout);
  return child;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(pattern);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { fresh: { type: 'boolean', default: false } }, strict: true });
  const { dir: dataDir, movedAside } = await prepareDemoDataDir({ env: process.env, fresh: values.fresh ?? false });
  if (movedAside) console.log(`Kith demo: starting over; the previous demo data is kept in ${movedAside}`);
  const sandbox = run(bin('tsx'), ['sandbox/cli.ts', '--port', process.env.KITH_SANDBOX_PORT ?? '0']);
  const [, sandboxUrl] = await waitForLine(sandbox, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'The sandbox');
  const env = { KITH_SANDBOX_URL: sandboxUrl!, KITH_DATA_DIR: dataDir };
  console.log(`Kith demo: sandbox providers at ${sandboxUrl}, data in ${dataDir} (kept for the next run; npm run demo -- --fresh starts over)`);

  if (electronExecutable() !== null) {
    await awaitExit(spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }));
    run(bin('electron'), ['.'], env).once('exit', shutdown);
  } else {
    console.log("Electron's binary is not installed here: serving the same app to your browser instead.");
    await awaitExit(spawn('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'inherit' }));
    run(bin('tsx'), ['src-main/host/cli.ts', 'serve', '--open'], env).once('exit', shutdown);
  }
}

function awaitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`)))),
  );
}

function shutdown(): void {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
}

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  shutdown();
});
