// FOR TESTS ONLY: an OS keyring in memory (where no Secret Service runs), with
// one entry per account name as the real one has, and a switch that makes it
// stop answering the way a locked or stopped keyring does.
import type { Keyring } from '../os-keyring';

export interface FakeKeyring extends Keyring {
  /** The default entry's secret ("vault-key"). */
  value: string | null;
  /** Every entry, by account name. */
  readonly entries: Map<string, string>;
  sets: number;
  /** While true every call rejects, as a locked keyring does. */
  locked: boolean;
}

export function fakeKeyring(initial: string | null = null, label = 'Test keyring'): FakeKeyring {
  const entries = new Map<string, string>();
  if (initial !== null) entries.set('vault-key', initial);
  let sets = 0;
  let locked = false;
  const answer = () => (locked ? Promise.reject(new Error('the keyring is locked')) : Promise.resolve());
  const entry = (account: string): Keyring => ({
    label,
    get: async () => (await answer(), entries.get(account) ?? null),
    set: async (secret) => {
      await answer();
      sets += 1;
      entries.set(account, secret);
    },
    delete: async () => {
      await answer();
      entries.delete(account);
    },
    withAccount: entry,
  });
  const main = entry('vault-key');
  // Accessors, not Object.assign (which would copy a snapshot of each value).
  return Object.defineProperties(main, {
    entries: { value: entries },
    value: {
      get: () => entries.get('vault-key') ?? null,
      set: (v: string | null) => (v === null ? entries.delete('vault-key') : entries.set('vault-key', v)),
    },
    sets: { get: () => sets, set: (n: number) => (sets = n) },
    locked: { get: () => locked, set: (v: boolean) => (locked = v) },
  }) as FakeKeyring;
}

export const brokenKeyring: Keyring = {
  label: 'Broken keyring',
  get: () => Promise.reject(new Error('DBus error: no Secret Service')),
  set: () => Promise.reject(new Error('DBus error: no Secret Service')),
  delete: () => Promise.reject(new Error('DBus error: no Secret Service')),
  withAccount: () => brokenKeyring,
};
