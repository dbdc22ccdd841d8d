// `npm run demo`: the whole app on its embedded default, no cloud credentials.
// Starts the sandbox providers, then Kith: the Electron window where Electron's
// binary is installed, else the host shell opened in the system browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronExecutable } from '../e2e/support/electron-binary';

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
  const dataDir = process.env.KITH_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'kith-demo-'));
  const sandbox = run(bin('tsx'), ['sandbox/cli.ts', '--port', process.env.KITH_SANDBOX_PORT ?? '0']);
  const [, sandboxUrl] = await waitForLine(sandbox, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'The sandbox');
  const env = { KITH_SANDBOX_URL: sandboxUrl!, KITH_DATA_DIR: dataDir };
  console.log(`Kith demo: sandbox providers at ${sandboxUrl}, data in ${dataDir}`);

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
