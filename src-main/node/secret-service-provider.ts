// Which program provides the Secret Service in this Linux session (GNOME
// Keyring, KWallet, KeePassXC ...). Each keeps its own entries, so a key put
// there by one is not in another: recording the provider with the key is what
// lets Kith say "the keyring changed" instead of "the key is gone". The bus
// name org.freedesktop.secrets (Secret Service API, "Exposing the Service")
// belongs to the provider's process; its name comes from /proc/<pid>/comm.
// Anything that fails (no dbus-send, no session bus, not Linux) answers null:
// the provider is then not known, which is never taken as a change.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Runs a program, resolving its standard output; rejects when it fails or takes longer than `timeoutMs`. */
export type RunProgram = (file: string, args: string[], timeoutMs: number) => Promise<string>;

const runProgram: RunProgram = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

const KNOWN: [RegExp, string][] = [
  [/^gnome-keyring/, 'GNOME Keyring'],
  [/^(kwalletd|ksecretd)/, 'KWallet'],
  [/^keepassxc/i, 'KeePassXC'],
  [/^oo7/, 'oo7'],
];

/** The provider's name as people know it; an unknown program by its own (short, safe) name. */
export function providerName(comm: string): string | null {
  const program = comm.trim();
  const known = KNOWN.find(([pattern]) => pattern.test(program));
  if (known) return known[1];
  return /^[A-Za-z0-9._-]{1,40}$/.test(program) ? program : null;
}

export async function secretServiceProvider(
  run: RunProgram = runProgram,
  readComm: (pid: number) => Promise<string> = (pid) => readFile(`/proc/${pid}/comm`, 'utf8'),
): Promise<string | null> {
  try {
    const reply = await run(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets'],
      1_500,
    );
    const pid = /uint32\s+(\d+)/.exec(reply)?.[1];
    return pid ? providerName(await readComm(Number(pid))) : null;
  } catch {
    return null;
  }
}
