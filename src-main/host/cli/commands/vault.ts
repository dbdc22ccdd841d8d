// kith vault status|reset: whether the data key can be had, and starting over
// with a new one after the person has read what that does and said yes.
import { VAULT_RESET_STEPS } from '../../../../src-contract/kith-api';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const vaultUsage = ['kith vault status [--json]', 'kith vault reset [--yes] [--json]'].join('\n       ');

const CONFIRMATION = 'start over';

export const vault: Command = async (args, context) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'status':
      return status(rest, context);
    case 'reset':
      return reset(rest, context);
    default:
      throw new UsageError(`usage: ${vaultUsage}`);
  }
};

const status: Command = async (args, { io, openKith }) => {
  const { values } = parse(args, {}, { min: 0, max: 0, usage: vaultUsage });
  const state = await (await openKith()).api.vault.status();
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
    const answer = await io.readLine?.(`Type "${CONFIRMATION}" to go ahead: `);
    if (answer?.trim().toLowerCase() !== CONFIRMATION) {
      io.err('kith: nothing was changed.');
      return 1;
    }
  }
  const result = await (await openKith()).api.vault.reset({ confirm: true });
  if (values.json) printJson(io, result);
  else {
    io.out(`Started over with a new key (${result.vault.protector ?? 'unknown protector'}).`);
    for (const name of result.movedAside) io.out(`  kept aside: ${name}`);
    io.out(`${result.accountsToReconnect} account(s) to reconnect with \`kith connect <provider>\`.`);
  }
  return 0;
};
