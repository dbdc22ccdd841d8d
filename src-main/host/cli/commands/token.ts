// kith token create|list|revoke: Kith's own personal access tokens, for
// scripts calling the host server's REST API. A created token is printed once;
// only its hash is stored.
import { KithError } from '../../../../src-contract/kith-api';
import { ACCESS_TOKEN_ABILITIES, type AccessTokenAbility } from '../../../core/tokens/access-token-record';
import { TOKEN_LIFETIMES } from '../../../core/tokens/access-token-service';
import { printJson } from '../cli-io';
import type { Command } from '../cli-context';
import { formatTime, table } from '../format';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const tokenUsage = [
  `kith token create --name <name> --ability <${ACCESS_TOKEN_ABILITIES.join('|')}> [--ability ...] [--account <account-id> ...] [--expires <days>] [--json]`,
  'kith token list [--json]',
  'kith token revoke <token-id> [--json]',
  'kith token log <token-id> [--status <2xx|4xx|5xx|code>] [--limit <n>] [--json]',
].join('\n       ');

const DAY = 86_400_000;

export const token: Command = async (args, context) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return create(rest, context);
    case 'list':
      return list(rest, context);
    case 'revoke':
      return revoke(rest, context);
    case 'log':
      return log(rest, context);
    default:
      throw new UsageError(`usage: ${tokenUsage}`);
  }
};

const create: Command = async (args, { io, openKith }) => {
  const { values } = parse(
    args,
    { name: { type: 'string' }, ability: { type: 'string', multiple: true }, account: { type: 'string', multiple: true }, expires: { type: 'string' } },
    { min: 0, max: 0, usage: tokenUsage },
  );
  if (!values.name?.trim()) throw new UsageError('--name is required (what the token is for)');
  const abilities = values.ability ?? [];
  if (abilities.length === 0) throw new UsageError(`--ability is required: one of ${ACCESS_TOKEN_ABILITIES.join(', ')}`);
  for (const a of abilities) {
    if (!(ACCESS_TOKEN_ABILITIES as readonly string[]).includes(a)) throw new UsageError(`unknown ability "${a}": use ${ACCESS_TOKEN_ABILITIES.join(', ')}`);
  }
  let ttlMs: number | undefined;
  if (values.expires !== undefined) {
    const days = Number(values.expires);
    const maxDays = TOKEN_LIFETIMES.personal.max / DAY;
    if (!Number.isInteger(days) || days < 1 || days > maxDays) throw new UsageError(`--expires takes a whole number of days from 1 to ${maxDays}`);
    ttlMs = days * DAY;
  }
  const { accessTokens, api } = await openKith();
  if (values.account && values.account.length > 0) {
    const known = new Set((await api.accounts.list()).map((a) => a.id));
    for (const id of values.account) if (!known.has(id)) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${id} (see "kith accounts").`);
  }
  const issued = await accessTokens.issue({
    type: 'personal',
    name: values.name.trim(),
    abilities: abilities as AccessTokenAbility[],
    ...(ttlMs !== undefined ? { ttlMs } : {}),
    ...(values.account && values.account.length > 0 ? { accounts: values.account } : {}),
  });
  if (values.json) {
    printJson(io, { token: issued.token, ...issued.record });
    return 0;
  }
  io.out(issued.token);
  io.err(`Created ${issued.record.id} "${issued.record.name}" (${issued.record.abilities.join(', ')}), expires ${formatTime(issued.record.expiresAt)}.`);
  io.err('This is the only time the token is shown: store it somewhere safe. Send it as "Authorization: Bearer <token>".');
  return 0;
};

const list: Command = async (args, { io, openKith }) => {
  const { values } = parse(args, {}, { min: 0, max: 0, usage: tokenUsage });
  const records = (await (await openKith()).accessTokens.list()).filter((r) => r.type === 'personal');
  if (values.json) {
    printJson(io, records);
    return 0;
  }
  if (records.length === 0) {
    io.out('No personal access tokens. Create one with "kith token create --name <name> --ability friends:read".');
    return 0;
  }
  const rows = records.map((r) => [r.id, r.name, r.abilities.join(','), formatTime(r.expiresAt), formatTime(r.lastUsedAt)]);
  for (const line of table([['ID', 'NAME', 'ABILITIES', 'EXPIRES', 'LAST USED'], ...rows])) io.out(line);
  return 0;
};

const revoke: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(args, {}, { min: 1, max: 1, usage: tokenUsage });
  const id = positionals[0]!;
  const revoked = await (await openKith()).accessTokens.revoke(id);
  if (!revoked) throw new KithError('E_INVALID_INPUT', `There is no access token ${id} (see "kith token list").`);
  if (values.json) printJson(io, { id, revoked: true });
  else io.out(`Revoked ${id}; it no longer works.`);
  return 0;
};

/** `2xx` / `4xx` / `5xx` or one status code, as an inclusive range. */
function statusRange(value: string | undefined): { min: number; max: number } | undefined {
  if (value === undefined) return undefined;
  const klass = /^([1-5])xx$/i.exec(value);
  if (klass) return { min: Number(klass[1]) * 100, max: Number(klass[1]) * 100 + 99 };
  if (/^[1-5]\d\d$/.test(value)) return { min: Number(value), max: Number(value) };
  throw new UsageError('--status takes 2xx, 4xx, 5xx or a status code such as 429');
}

const log: Command = async (args, { io, openKith }) => {
  const { values, positionals } = parse(args, { status: { type: 'string' }, limit: { type: 'string' } }, { min: 1, max: 1, usage: tokenUsage });
  const id = positionals[0]!;
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit takes a whole number from 1 to 10000');
  const kith = await openKith();
  if (!(await kith.accessTokens.list()).some((r) => r.id === id)) throw new KithError('E_INVALID_INPUT', `There is no access token ${id} (see "kith token list").`);
  const status = statusRange(values.status);
  const entries = (await kith.accessLog?.entries(id, { limit, ...(status ? { status } : {}) })) ?? [];
  if (values.json) {
    printJson(io, entries);
    return 0;
  }
  if (entries.length === 0) {
    io.out(`No requests recorded for ${id}${status ? ' with that status' : ''}.`);
    return 0;
  }
  const rows = entries.map((e) => [formatTime(e.at), e.method, e.path, String(e.status), `${e.durationMs} ms`, String(e.bytes)]);
  for (const line of table([['TIME', 'METHOD', 'PATH', 'STATUS', 'DURATION', 'BYTES'], ...rows])) io.out(line);
  return 0;
};
