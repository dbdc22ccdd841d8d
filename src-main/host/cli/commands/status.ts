// kith status: protection level, data folder, connectivity, pending revocations.
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { statusLines } from '../format';
import { parse } from '../parse';

export const statusUsage = 'kith status [--dismiss <problem-id>] [--json]';

export const status: Command = async (args, { io, openKith }) => {
  const { values } = parse(args, { dismiss: { type: 'string' } }, { min: 0, max: 0, usage: statusUsage });
  const { api } = await openKith({ asksPassphrase: false });
  const current = values.dismiss ? await api.status.dismissProblem({ id: values.dismiss }) : await api.status.get();
  if (values.json) printJson(io, current);
  else for (const line of statusLines(current)) io.out(line);
  return 0;
};
