// kith vault status|unlock|passphrase|protector|idle-lock|reset: whether the
// data key can be had; unlocking, setting or changing a passphrase and moving
// the key between protectors (passphrases read from the terminal without echo,
// passphrase-prompt.ts); the idle auto-lock time; and starting over with a new
// key after the person has read what that does and said yes.
import { KithError, VAULT_RESET_STEPS, type KithApi, type ProtectorChange, type VaultState } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { CliContext, Command } from '../cli-context';
import { askNewPassphrase, askSecret } from '../passphrase-prompt';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const vaultUsage = [
  'kith vault status [--json]',
  'kith vault unlock',
  'kith vault passphrase            (set or change; asked at the terminal, never as an argument)',
  'kith vault protector keyring|key-file',
  'kith vault idle-lock <minutes>|off',
  'kith vault reset [--yes] [--json]',
].join('\n       ');

const CONFIRMATION = 'start over';

export const vault: Command = async (args, context) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'status':
      return status(rest, context);
    case 'reset':
      return reset(rest, context);
    case 'unlock':
      return unlock(rest, context);
    case 'passphrase':
      return passphrase(rest, context);
    case 'protector':
      return protector(rest, context);
    case 'idle-lock':
      return idleLock(rest, context);
    default:
      throw new UsageError(`usage: ${vaultUsage}`);
  }
};

const status: Command = async (args, { io, openKith }) => {
  const { values } = parse(args, {}, { min: 0, max: 0, usage: vaultUsage });
  const state = await (await openKith({ asksPassphrase: false })).api.vault.status();
  if (values.json) printJson(io, state);
  else {
    io.out(state.state === 'open' ? `Vault: open (${state.protector ?? 'unknown protector'})` : `Vault: LOCKED (${state.reason ?? 'unknown'})`);
    if (state.message) io.out(`  ${state.message}`);
  }
  return 0;
};

const reset: Command = async (args, { io, openKith }) => {
  const { values } = parse(args, { yes: { type: 'boolean' } }, { min: 0, max: 0, usage: vaultUsage });
  if (!values.yes) {
    io.err('Starting over:');
    for (const step of VAULT_RESET_STEPS) io.err(`  - ${step}`);
    if (!io.ask) throw new UsageError('this asks for a confirmation and there is no terminal to ask on; nothing was changed. Run it again with --yes to confirm.');
    const answer = await io.ask(`Type "${CONFIRMATION}" to go ahead: `);
    if (answer?.trim().toLowerCase() !== CONFIRMATION) {
      io.err('kith: nothing was changed.');
      return 1;
    }
  }
  const result = await (await openKith({ asksPassphrase: false })).api.vault.reset({ confirm: true });
  if (values.json) printJson(io, result);
  else {
    io.out(`Started over with a new key (${result.vault.protector ?? 'unknown protector'}).`);
    for (const name of result.movedAside) io.out(`  kept aside: ${name}`);
    io.out(`${result.accountsToReconnect} account(s) to reconnect with "kith connect <provider>".`);
  }
  return 0;
};

const openVault = async ({ openKith }: CliContext) => (await openKith({ asksPassphrase: false })).api;

/** The current passphrase when the key is behind one (asked once, checked by the move itself); undefined otherwise. */
async function currentPassphrase(context: CliContext, api: KithApi): Promise<string | undefined> {
  const state = await api.vault.status();
  if (state.state === 'locked' && state.reason !== 'passphrase-required') throw lockedError(state);
  return state.protector === 'passphrase' ? askSecret(context.io, 'Current passphrase: ') : undefined;
}

function lockedError(state: VaultState): KithError {
  return new KithError('E_VAULT_LOCKED', state.message ?? 'The vault is locked.');
}

async function move(context: CliContext, change: (current: string | undefined) => Promise<ProtectorChange>): Promise<number> {
  const api = await openVault(context);
  const current = await currentPassphrase(context, api);
  const result = await api.vault.setProtector(await change(current));
  context.io.out(`The key is now protected by ${result.protection.backend} (${result.protection.level}).`);
  if (result.protection.advice) context.io.err(result.protection.advice);
  return 0;
}

const unlock: Command = async (args, context) => {
  parse(args, {}, { min: 0, max: 0, usage: vaultUsage });
  const api = await openVault(context);
  const state = await api.vault.status();
  if (state.state === 'open') {
    context.io.out(`Vault: open (${state.protector ?? 'unknown protector'}); there is nothing to unlock.`);
    return 0;
  }
  if (state.reason !== 'passphrase-required') throw lockedError(state);
  await api.vault.unlock({ passphrase: await askSecret(context.io, 'Kith passphrase: ') });
  // Each kith command is its own process: the passphrase opens the key for this one only.
  context.io.out('The passphrase is right. Each kith command asks for it again; "kith serve" keeps the vault open until its idle lock.');
  return 0;
};

const passphrase: Command = async (args, context) => {
  parse(args, {}, { min: 0, max: 0, usage: vaultUsage });
  return move(context, async (current) => ({
    protector: 'passphrase',
    passphrase: await askNewPassphrase(context.io),
    ...(current !== undefined ? { currentPassphrase: current } : {}),
  }));
};

const protector: Command = async (args, context) => {
  const { positionals } = parse(args, {}, { min: 1, max: 1, usage: vaultUsage });
  const target = positionals[0];
  if (target !== 'keyring' && target !== 'key-file') throw new UsageError('the protector is keyring or key-file ("kith vault passphrase" sets a passphrase)');
  return move(context, async (current) => ({ protector: target, ...(current !== undefined ? { currentPassphrase: current } : {}) }));
};

const idleLock: Command = async (args, context) => {
  const { positionals, values } = parse(args, {}, { min: 1, max: 1, usage: vaultUsage });
  const word = positionals[0]!;
  const minutes = word === 'off' ? null : Number(word);
  if (minutes !== null && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440)) throw new UsageError('the idle lock is a number of minutes from 1 to 1440, or off');
  const settings = await (await openVault(context)).vault.setIdleLock({ idleLockMinutes: minutes });
  if (values.json) printJson(context.io, settings);
  else context.io.out(settings.idleLockMinutes === null ? 'A passphrase vault no longer locks itself when idle.' : `A passphrase vault locks itself after ${settings.idleLockMinutes} idle minutes.`);
  return 0;
};
