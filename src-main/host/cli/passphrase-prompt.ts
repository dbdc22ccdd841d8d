// Asking for the vault's passphrase at a terminal: read without echo (cli-io's
// readSecret), never from argv, the environment or a pipe. A command that needs
// the key asks when the vault says a passphrase is required; with no terminal
// (CI, a pipe) it does not ask, and the command fails with the vault's own
// words and exit code 6.
import { KithError, MIN_PASSPHRASE_LENGTH, type KithApi } from '../../../src-contract/kith-api';
import { hasCode } from '../../../src-contract/errors';
import type { CliIo } from './cli-io';

export const NO_TERMINAL =
  'Kith reads a passphrase only from a terminal, without echo (never from arguments, the environment or a pipe). Run this command in a terminal.';

/** Reads one secret, or throws E_INVALID_INPUT in words when there is no terminal to read it from. */
export async function askSecret(io: CliIo, prompt: string): Promise<string> {
  const answer = await io.readSecret?.(prompt);
  if (answer === null || answer === undefined) throw new KithError('E_INVALID_INPUT', NO_TERMINAL);
  return answer;
}

/** A new passphrase, typed twice; E_INVALID_INPUT when the two differ or it is too short. */
export async function askNewPassphrase(io: CliIo): Promise<string> {
  const first = await askSecret(io, `New passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters): `);
  if (first.length < MIN_PASSPHRASE_LENGTH) throw new KithError('E_INVALID_INPUT', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. Nothing was changed.`);
  const again = await askSecret(io, 'Type it again: ');
  if (again !== first) throw new KithError('E_INVALID_INPUT', 'The two passphrases differ. Nothing was changed.');
  return first;
}

/**
 * Unlocks a vault that waits for its passphrase: up to three tries, each wrong one answered
 * with the vault's words (the wait grows). Returns false, asking nothing, when the vault is
 * locked for another reason or there is no terminal: the command then says why itself.
 */
export async function unlockIfAsked(io: CliIo, api: KithApi): Promise<boolean> {
  const state = await api.vault.status();
  if (state.state === 'open') return true;
  if (state.reason !== 'passphrase-required' || !io.readSecret) return false;
  for (let attempt = 1; ; attempt++) {
    const passphrase = await io.readSecret('Kith passphrase: ');
    if (passphrase === null) return false; // no terminal: the command reports the lock
    try {
      await api.vault.unlock({ passphrase });
      return true;
    } catch (error) {
      if (!hasCode(error, 'E_WRONG_PASSPHRASE') || attempt === 3) throw error;
      io.err(`kith: ${(error as KithError).message}`);
    }
  }
}
