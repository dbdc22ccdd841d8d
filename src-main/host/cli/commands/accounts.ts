// kith accounts: the connected accounts (never a token), with warnings about
// lapsing access and partial Facebook friend lists.
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { accountNotes, accountsTable } from '../format';
import { parse } from '../parse';

export const accountsUsage = 'kith accounts [--json]';

export const accounts: Command = async (args, { io, openKith, now }) => {
  const { values } = parse(args, {}, { min: 0, max: 0, usage: accountsUsage });
  // Account records hold no secret (the tokens are in the vault), so the key stays unloaded.
  const list = await (await openKith({ usesKey: false })).api.accounts.list();
  if (values.json) {
    printJson(io, list);
    return 0;
  }
  for (const line of accountsTable(list)) io.out(line);
  for (const note of accountNotes(list, now())) io.err(note);
  return 0;
};
