// Issues and checks Kith's own opaque access tokens (the host shell's launch
// URL, its session cookie, and personal tokens for scripts). Every failure is
// E_UNAUTHORIZED (no valid token) or E_FORBIDDEN (valid, but not allowed),
// with a message that never echoes the token.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';
import type { Clock, Logger } from '../ports';
import { defineDocument, type TypedDocumentStore } from '../storage/typed-document-store';
import { base62, formatAccessToken, hashAccessToken, parseAccessToken, SECRET_BYTES, type AccessTokenType } from './access-token-format';
import { StoredAccessTokenSchema, toRecord, type AccessTokenAbility, type AccessTokenRecord, type StoredAccessToken } from './access-token-record';

export const AccessTokensDocument = defineDocument(
  'access-tokens',
  z.object({ version: z.literal(1), tokens: z.array(StoredAccessTokenSchema) }).strict(),
);
type AccessTokensContents = z.infer<typeof AccessTokensDocument.schema>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Default and longest lifetime per type. A launch token only has to survive the browser opening the URL. */
export const TOKEN_LIFETIMES: Record<AccessTokenType, { default: number; max: number }> = {
  launch: { default: MINUTE, max: 5 * MINUTE },
  session: { default: 12 * 60 * MINUTE, max: 7 * DAY },
  personal: { default: 30 * DAY, max: 366 * DAY },
};
/** How long uses wait in memory before they are written (in one write, off the request path). */
const USE_FLUSH_MS = 1_000;
/** How far a last use must move on file to be written before the server stops (see #flushDue). */
export const USE_GRANULARITY_MS = 10_000;

export interface IssueAccessTokenInput {
  type: AccessTokenType;
  name: string;
  abilities: AccessTokenAbility[];
  /** Lifetime; defaults per type and is capped (see TOKEN_LIFETIMES). */
  ttlMs?: number;
  /** Limits a personal token to these accounts (default: every account). */
  accounts?: string[];
}

export interface VerifyOptions {
  /** Token types accepted here (the launch exchange accepts only 'launch', the cookie only 'session'). */
  types?: readonly AccessTokenType[];
  /** Told which live token this is once it is found, even if it then lacks the ability (for the access log). */
  onIdentified?: (record: AccessTokenRecord) => void;
}

export interface AccessTokenServiceOptions {
  documents: TypedDocumentStore;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  log: Logger;
  /** Delays the batched write of last uses (default: a real, unref'd 1 s timer). */
  scheduleFlush?: (flush: () => void) => void;
}

export class AccessTokenService {
  readonly #documents: TypedDocumentStore;
  readonly #clock: Clock;
  readonly #randomBytes: (size: number) => Uint8Array;
  readonly #log: Logger;
  readonly #scheduleFlush: (flush: () => void) => void;
  /** The hash index of the last tokens document read, keyed by that (frozen, shared) document. */
  #index: { contents: AccessTokensContents; byHash: Map<string, StoredAccessToken> } | null = null;
  /** Last use per token id, not yet written. */
  readonly #uses = new Map<string, number>();
  #flushScheduled = false;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: AccessTokenServiceOptions) {
    this.#documents = options.documents;
    this.#clock = options.clock;
    this.#randomBytes = options.randomBytes;
    this.#log = options.log;
    this.#scheduleFlush = options.scheduleFlush ?? ((flush) => setTimeout(flush, USE_FLUSH_MS).unref());
  }

  /** Creates a token. `token` is the only time the secret exists outside the caller: show it once. */
  async issue(input: IssueAccessTokenInput): Promise<{ token: string; record: AccessTokenRecord }> {
    const lifetime = TOKEN_LIFETIMES[input.type];
    const ttl = input.ttlMs ?? lifetime.default;
    if (!Number.isInteger(ttl) || ttl <= 0 || ttl > lifetime.max) {
      throw new KithError('E_INVALID_INPUT', `A ${input.type} token lives at most ${describeDuration(lifetime.max)}.`);
    }
    const token = formatAccessToken(input.type, this.#random(SECRET_BYTES));
    const now = this.#clock.now();
    const candidate = StoredAccessTokenSchema.safeParse({
      id: `tok_${base62(this.#random(12), 17)}`,
      name: input.name.trim(),
      type: input.type,
      abilities: [...new Set(input.abilities)],
      createdAt: now,
      expiresAt: now + ttl,
      lastUsedAt: null,
      ...(input.accounts && input.accounts.length > 0 ? { accounts: [...new Set(input.accounts)] } : {}),
      hash: hashAccessToken(token),
    } satisfies StoredAccessToken);
    if (!candidate.success) {
      throw new KithError('E_INVALID_INPUT', 'An access token needs a name (1 to 100 characters) and at least one known ability.');
    }
    const stored = candidate.data;
    await this.#update((contents) => {
      contents.tokens = contents.tokens.filter((t) => t.expiresAt > now);
      contents.tokens.push(stored);
    });
    this.#log.info('access token issued', { id: stored.id, type: stored.type, name: stored.name, expiresAt: stored.expiresAt });
    return { token, record: toRecord(stored) };
  }

  /**
   * Checks a presented token. Malformed tokens (bad shape or checksum) are rejected
   * before any lookup. Personal and session tokens are found by hash in an in-memory
   * index, rebuilt only when the tokens document changed (in this process or another:
   * see TypedDocumentStore.readShared), and their use is written later in a batch, so
   * a request costs no file read, lock or write. Looking up by the SHA-256 of the
   * presented token (not the token) means the lookup's timing can only tell an
   * attacker about hashes, which do not help to forge a token.
   * A launch token is consumed by its first successful use, under the document's lock.
   */
  async verify(token: string, ability: AccessTokenAbility, options: VerifyOptions = {}): Promise<AccessTokenRecord> {
    const parsed = parseAccessToken(token);
    if (!parsed) throw unauthorized('This is not a Kith access token.');
    if (options.types && !options.types.includes(parsed.type)) throw unauthorized(`A ${parsed.type} token is not accepted here.`);
    const hash = hashAccessToken(token);
    if (parsed.type === 'launch') return this.#consumeLaunch(hash, ability);
    const stored = this.#indexOf(await this.#documents.readShared(AccessTokensDocument, emptyTokens)).get(hash);
    const now = this.#clock.now();
    const live = stored !== undefined && stored.type === parsed.type && now < stored.expiresAt;
    // Told before the ability is checked: a request refused for lacking one is still this token's.
    if (live && options.onIdentified && !allows(stored, ability)) options.onIdentified(toRecord(stored));
    checkUsable(stored, parsed.type, ability, now);
    // One record per use, what is returned and what onIdentified is told alike (every script request makes one).
    const record = usedRecord(stored, now);
    options.onIdentified?.(record);
    this.#recordUse(stored.id, now);
    return record;
  }

  /** Writes every last use still in memory now (the host server calls this as it stops). */
  flushUses(): Promise<void> {
    this.#flushScheduled = false;
    return this.#writeUses(new Map(this.#uses));
  }

  /**
   * The batch a second after a use: writes the uses that move a token's last use on file by
   * USE_GRANULARITY_MS or more (or give it its first). A script polling all day would otherwise
   * rewrite the tokens file every second, a blocking write with fsync on the request thread
   * for a time no one reads to the second; the others wait in memory, where list() shows them
   * exactly, until they are due or the server stops.
   */
  #flushDue(): Promise<void> {
    this.#flushScheduled = false;
    const onFile = new Map((this.#index?.contents.tokens ?? []).map((t) => [t.id, t.lastUsedAt]));
    const due = new Map<string, number>();
    for (const [id, used] of this.#uses) {
      const written = onFile.get(id);
      if (written === undefined || written === null || used - written >= USE_GRANULARITY_MS) due.set(id, used);
    }
    return this.#writeUses(due);
  }

  #writeUses(uses: ReadonlyMap<string, number>): Promise<void> {
    if (uses.size === 0) return this.#flushing;
    const write = this.#flushing.then(() =>
      this.#update((contents) => {
        let changed = false;
        // Only tokens still in the file: a use never brings back a token another process revoked.
        for (const stored of contents.tokens) {
          const used = uses.get(stored.id);
          if (used !== undefined && (stored.lastUsedAt ?? 0) < used) {
            stored.lastUsedAt = used;
            changed = true;
          }
        }
        return changed;
      }),
    );
    this.#flushing = write.catch((error: unknown) => this.#log.warn('could not save when access tokens were last used', { error: errorMessage(error) }));
    // Kept in memory until written, so list() shows them meanwhile; a newer use of the same token stays.
    return this.#flushing.then(() => {
      for (const [id, used] of uses) if (this.#uses.get(id) === used) this.#uses.delete(id);
    });
  }

  #recordUse(id: string, now: number): void {
    this.#uses.set(id, now);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    this.#scheduleFlush(() => void this.#flushDue());
  }

  /** The hash index of `contents` (a frozen document from readShared), rebuilt only when it is another one. */
  #indexOf(contents: AccessTokensContents): Map<string, StoredAccessToken> {
    if (this.#index?.contents !== contents) {
      this.#index = { contents, byHash: new Map(contents.tokens.map((t) => [t.hash, t])) };
    }
    return this.#index.byHash;
  }

  async #consumeLaunch(hash: string, ability: AccessTokenAbility): Promise<AccessTokenRecord> {
    const hashBytes = Buffer.from(hash, 'hex');
    return this.#documents.exclusive(AccessTokensDocument, async () => {
      const contents = await this.#load();
      const index = findByHash(contents.tokens, hashBytes);
      const stored = index === -1 ? undefined : contents.tokens[index];
      const now = this.#clock.now();
      checkUsable(stored, 'launch', ability, now);
      // Single use: gone before the caller acts on it, so a replay fails.
      contents.tokens.splice(index, 1);
      await this.#documents.write(AccessTokensDocument, contents);
      return toRecord({ ...stored!, lastUsedAt: now });
    });
  }

  /** Live tokens, oldest first: records only, never a secret or a hash. */
  async list(): Promise<AccessTokenRecord[]> {
    const now = this.#clock.now();
    const contents = await this.#load();
    return contents.tokens
      .filter((t) => t.expiresAt > now)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((t) => toRecord({ ...t, lastUsedAt: Math.max(t.lastUsedAt ?? 0, this.#uses.get(t.id) ?? 0) || null }));
  }

  /**
   * A new secret for a live personal token, keeping its id (and so its access log), name,
   * abilities and accounts; it lives as long again from now, at most the longest lifetime.
   * The old secret stops working at once, here and in every process. Resolves null for no such token.
   */
  async regenerate(id: string): Promise<{ token: string; record: AccessTokenRecord } | null> {
    const token = formatAccessToken('personal', this.#random(SECRET_BYTES));
    const now = this.#clock.now();
    let renewed: StoredAccessToken | null = null;
    await this.#update((contents) => {
      const stored = contents.tokens.find((t) => t.id === id && t.type === 'personal' && t.expiresAt > now);
      if (!stored) return false;
      const lifetime = Math.min(Math.max(stored.expiresAt - stored.createdAt, MINUTE), TOKEN_LIFETIMES.personal.max);
      stored.hash = hashAccessToken(token);
      stored.createdAt = now;
      stored.expiresAt = now + lifetime;
      stored.lastUsedAt = null;
      renewed = { ...stored };
      return true;
    });
    if (!renewed) return null;
    this.#uses.delete(id);
    this.#log.info('access token regenerated', { id });
    return { token, record: toRecord(renewed) };
  }

  /** Revokes one token; resolves whether it existed. */
  async revoke(id: string): Promise<boolean> {
    const found = (await this.#removeWhere((t) => t.id === id)) > 0;
    if (found) this.#log.info('access token revoked', { id });
    return found;
  }

  /**
   * An account was disconnected: tokens limited to it lose it, and a token that covered
   * only that account is revoked (it could read nothing any more). Resolves the ids revoked.
   */
  async forgetAccount(accountId: string): Promise<string[]> {
    const revoked: string[] = [];
    await this.#update((contents) => {
      let changed = false;
      contents.tokens = contents.tokens.filter((t) => {
        if (!t.accounts?.includes(accountId)) return true;
        changed = true;
        const rest = t.accounts.filter((id) => id !== accountId);
        if (rest.length === 0) {
          revoked.push(t.id);
          return false;
        }
        t.accounts = rest;
        return true;
      });
      return changed;
    });
    if (revoked.length > 0) this.#log.info('access tokens revoked with their only account', { accountId, count: revoked.length });
    return revoked;
  }

  /** Revokes every token of a type (e.g. all sessions when the host server starts); resolves how many. */
  async revokeAllOfType(type: AccessTokenType): Promise<number> {
    const count = await this.#removeWhere((t) => t.type === type);
    if (count > 0) this.#log.info('access tokens revoked', { type, count });
    return count;
  }

  /** Revokes every live token of these types at once (disconnect everywhere); resolves their records. */
  async revokeEvery(types: readonly AccessTokenType[]): Promise<AccessTokenRecord[]> {
    const now = this.#clock.now();
    const ended: AccessTokenRecord[] = [];
    await this.#update((contents) => {
      const kept = contents.tokens.filter((t) => !types.includes(t.type));
      for (const t of contents.tokens) if (types.includes(t.type) && t.expiresAt > now) ended.push(toRecord(t));
      const changed = kept.length !== contents.tokens.length;
      contents.tokens = kept;
      return changed;
    });
    if (ended.length > 0) this.#log.info('access tokens revoked', { types: types.join(','), count: ended.length });
    return ended;
  }

  /** Forgets expired tokens; resolves how many. */
  async pruneExpired(): Promise<number> {
    const now = this.#clock.now();
    return this.#removeWhere((t) => t.expiresAt <= now);
  }

  #random(size: number): Uint8Array {
    const bytes = this.#randomBytes(size);
    if (bytes.length !== size) throw new KithError('E_INTERNAL', 'The random source returned the wrong number of bytes.');
    return bytes;
  }

  /** Drops the tokens `drop` picks, writing only when there were some; resolves how many. */
  async #removeWhere(drop: (token: StoredAccessToken) => boolean): Promise<number> {
    let count = 0;
    await this.#update((contents) => {
      const before = contents.tokens.length;
      contents.tokens = contents.tokens.filter((t) => !drop(t));
      count = before - contents.tokens.length;
      return count > 0;
    });
    return count;
  }

  /** Read-modify-write under the queue; `change` returns false to skip the write. */
  async #update(change: (contents: AccessTokensContents) => boolean | void): Promise<void> {
    await this.#documents.update(AccessTokensDocument, emptyTokens, (contents) => ({ result: undefined, changed: change(contents) !== false }));
  }

  async #load(): Promise<AccessTokensContents> {
    const { value } = await this.#documents.readOr(AccessTokensDocument, emptyTokens);
    return value;
  }
}

/**
 * The index of the record whose hash equals `hash`, or -1. Compares against every
 * record with timingSafeEqual and never stops early, so the time taken says
 * nothing about which record, or how much of a hash, matched.
 */
export function findByHash(records: readonly { hash: string }[], hash: Buffer, equal: (a: Buffer, b: Buffer) => boolean = timingSafeEqual): number {
  let found = -1;
  for (let i = 0; i < records.length; i++) {
    const candidate = Buffer.from(records[i]?.hash ?? '', 'hex');
    const same = candidate.length === hash.length && equal(candidate, hash);
    if (same && found === -1) found = i;
  }
  return found;
}

/** `app` implies every ability. */
function allows(stored: StoredAccessToken, ability: AccessTokenAbility): boolean {
  return stored.abilities.includes('app') || stored.abilities.includes(ability);
}

/** Throws unless `stored` is a live token of `type` that allows `ability`. */
function checkUsable(stored: StoredAccessToken | undefined, type: AccessTokenType, ability: AccessTokenAbility, now: number): asserts stored {
  if (!stored || stored.type !== type) throw unauthorized('This Kith access token is not valid: it was revoked, already used, or never issued.');
  if (now >= stored.expiresAt) throw unauthorized('This Kith access token has expired.');
  if (!allows(stored, ability)) throw new KithError('E_FORBIDDEN', `This access token does not allow ${ability}.`);
}

/** The record of a token used at `now` (toRecord makes a fresh object: one per use, not a spread and a copy). */
function usedRecord(stored: StoredAccessToken, now: number): AccessTokenRecord {
  const record = toRecord(stored);
  record.lastUsedAt = now;
  return record;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeDuration(ms: number): string {
  if (ms >= DAY) return `${Math.round(ms / DAY)} days`;
  if (ms >= 60 * MINUTE) return `${Math.round(ms / (60 * MINUTE))} hours`;
  return `${Math.round(ms / MINUTE)} minutes`;
}

function emptyTokens(): AccessTokensContents {
  return { version: 1, tokens: [] };
}

function unauthorized(message: string): KithError {
  return new KithError('E_UNAUTHORIZED', message);
}
