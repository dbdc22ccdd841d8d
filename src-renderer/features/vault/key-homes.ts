// Where Settings can move the key when the person stops using a passphrase: the
// system's store this Kith has (the OS keyring for the host shell, safeStorage's
// password store for the desktop app, as the vault's protectors say) and a key
// file, each with its level in words and whether it can take the key now.
import type { ProtectorChoice } from '../../../src-contract/kith-api';

export type KeyHome = 'keyring' | 'safe-storage' | 'key-file';

export interface KeyHomeChoice {
  home: KeyHome;
  label: string;
  available: boolean;
}

const LABELS: Record<KeyHome, string> = {
  keyring: 'The system keyring (strong)',
  'safe-storage': 'Your system’s password store (strong)',
  'key-file': 'A key file beside the data (weak)',
};

export function keyHomeChoices(protectors: readonly ProtectorChoice[]): KeyHomeChoice[] {
  const homes = protectors.filter((p): p is ProtectorChoice & { protector: KeyHome } => p.protector !== 'passphrase');
  return homes.map((p) => ({ home: p.protector, label: p.available ? LABELS[p.protector] : `${LABELS[p.protector]} — not available`, available: p.available }));
}

/** The first home that can take the key, the strong ones first; a key file always can. */
export function preferredKeyHome(choices: readonly KeyHomeChoice[]): KeyHome {
  return choices.find((c) => c.available && c.home !== 'key-file')?.home ?? 'key-file';
}
