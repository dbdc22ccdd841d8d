// kith open [--print]: a fresh one-time launch link from the `kith serve`
// running on this data folder, so a spent or expired link never needs a
// restart. The browser is given a 0600 page that forwards to the link (see
// host/server/launch-pages.ts), never the link itself; --print only prints it.
import { z } from 'zod';
import { KithError } from '../../../../src-contract/kith-api';
import { CONTROL_LAUNCH_PATH } from '../../server/control-route';
import type { Command } from '../cli-context';
import { parse } from '../parse';
import { readServerFile } from '../server-file';

export const openUsage = 'kith open [--print]';

const ControlAnswer = z.object({ launchUrl: z.string().url(), pagePath: z.string().min(1).optional() }).strict();

export const open: Command = async (args, { io, dataDir, openFileInBrowser }) => {
  const { values } = parse(args, { print: { type: 'boolean' } }, { min: 0, max: 0, usage: openUsage });
  const server = await readServerFile(dataDir());
  if (!server) throw new KithError('E_CONFIG', 'No "kith serve" is running on this data folder; start one with "kith serve".');
  let answer: Response;
  try {
    answer = await fetch(`${server.url}${CONTROL_LAUNCH_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(values.print ? {} : { page: true }),
    });
  } catch {
    throw new KithError('E_CONFIG', `The "kith serve" at ${server.url} does not answer; it may have stopped. Start it again with "kith serve".`);
  }
  const parsed = ControlAnswer.safeParse(await answer.json().catch(() => null));
  if (!answer.ok || !parsed.success) throw new KithError('E_CONFIG', `The "kith serve" at ${server.url} refused to make a launch link (HTTP ${answer.status}).`);
  io.out(parsed.data.launchUrl);
  if (parsed.data.pagePath) await openFileInBrowser(parsed.data.pagePath).catch(() => io.err('kith: the browser did not open; use the link above.'));
  return 0;
};
