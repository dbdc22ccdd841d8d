// A ProviderClient whose people, tokens and failures a test controls. It keeps
// a change log so incremental syncs (syncToken) behave like People's.
import { KithError, type ProviderId } from '../../../src-contract/kith-api';
import { deferredListing } from '../providers/friend-listing';
import { permissionScope } from '../providers/permission-scopes';
import type { FriendBatch, FriendListing, FriendSyncOutcome, ProviderClient, ProviderPerson, TokenSet } from '../providers/provider';

export interface FakeProvider extends ProviderClient {
  /** Current people, by person id. Change them through upsert/remove so incremental syncs see it. */
  readonly people: Map<string, ProviderPerson>;
  upsert(person: ProviderPerson): void;
  remove(personId: string): void;
  /** Makes every issued sync token expire (the next incremental sync falls back to full). */
  expireSyncTokens(): void;
  pageSize: number;
  friendTotal: number | null;
  /** Replace to change how refresh/revoke/listing behave. */
  refreshImpl: (tokens: TokenSet) => Promise<TokenSet>;
  revokeImpl: (tokens: TokenSet) => Promise<void>;
  /** Throws this error after `afterBatches` batches of the next listings (cleared with null). */
  listFailure: { error: KithError; afterBatches: number } | null;
  /** Access tokens that listFriends accepts; null accepts any. */
  acceptedAccessTokens: Set<string> | null;
  readonly calls: { refresh: number; revoke: TokenSet[]; list: Array<{ accessToken: string; syncToken: string | null }> };
  /** Issues a fresh token set, as a consent would. */
  issueTokens(options?: { refresh?: boolean; expiresInMs?: number; scopes?: string[] }): TokenSet;
}

export function createFakeProvider(id: ProviderId, clock: { now(): number } = Date): FakeProvider {
  let counter = 0;
  let version = 0;
  let syncEpoch = 0;
  const changeLog: Array<{ version: number; personId: string }> = [];
  const deletedAt = new Map<string, number>();
  const people = new Map<string, ProviderPerson>();
  const calls: FakeProvider['calls'] = { refresh: 0, revoke: [], list: [] };

  const provider: FakeProvider = {
    id,
    people,
    calls,
    pageSize: 100,
    friendTotal: null,
    listFailure: null,
    acceptedAccessTokens: null,
    fixedRedirect: id === 'facebook' ? { port: 47823, path: '/kith/facebook/callback' } : null,
    redirectUriFor: (port) => `http://127.0.0.1:${port}/`,
    authorizationUrl: async (params) => `https://${id}.test/auth?state=${params.state}`,
    async exchangeCode() {
      throw new KithError('E_INTERNAL', 'the fake provider is driven by a fake login runner');
    },
    issueTokens(options = {}) {
      counter += 1;
      return {
        accessToken: `${id}-access-${counter}`,
        accessTokenExpiresAt: clock.now() + (options.expiresInMs ?? 3_600_000),
        refreshToken: options.refresh === false || id === 'facebook' ? null : `${id}-refresh-${counter}`,
        // Everything granted unless the test says otherwise, the friends permission included.
        scopes: options.scopes ?? ['openid', 'email', permissionScope(id, 'friends')],
      };
    },
    refreshImpl: async (tokens) => {
      if (!tokens.refreshToken) throw new KithError('E_NEEDS_RECONNECT', 'This account has no refresh token.');
      counter += 1;
      return { ...tokens, accessToken: `${id}-access-${counter}`, accessTokenExpiresAt: clock.now() + 3_600_000, refreshToken: null };
    },
    revokeImpl: async () => {},
    async refresh(tokens) {
      calls.refresh += 1;
      return provider.refreshImpl(tokens);
    },
    async revoke(tokens) {
      calls.revoke.push(tokens);
      return provider.revokeImpl(tokens);
    },
    upsert(person) {
      version += 1;
      people.set(person.personId, person);
      deletedAt.delete(person.personId);
      changeLog.push({ version, personId: person.personId });
    },
    remove(personId) {
      version += 1;
      people.delete(personId);
      deletedAt.set(personId, version);
      changeLog.push({ version, personId });
    },
    expireSyncTokens() {
      syncEpoch += 1;
    },
    listFriends(accessToken, options): FriendListing {
      calls.list.push({ accessToken, syncToken: options.syncToken });
      if (provider.acceptedAccessTokens && !provider.acceptedAccessTokens.has(accessToken)) {
        const error = new KithError('E_GRANT_REVOKED', 'The provider no longer accepts this token.');
        return { batches: failing(error), outcome: rejected(error) };
      }
      const failure = provider.listFailure;
      const parsed = parseSyncToken(options.syncToken);
      const incremental = parsed !== null && parsed.epoch === syncEpoch;
      const snapshotVersion = version;
      return deferredListing(async function* (): AsyncGenerator<FriendBatch, FriendSyncOutcome> {
        let emitted = 0;
        const check = () => {
          if (failure && emitted >= failure.afterBatches) throw failure.error;
        };
        if (incremental) {
          const changed = new Set(changeLog.filter((c) => c.version > parsed.version).map((c) => c.personId));
          const upserts = [...changed].filter((pid) => people.has(pid)).map((pid) => people.get(pid)!);
          const deletions = [...changed].filter((pid) => !people.has(pid));
          check();
          emitted += 1;
          yield { upserts, deletions, total: null, mode: 'incremental' };
        } else {
          const all = [...people.values()];
          for (let i = 0; i < all.length || i === 0; i += provider.pageSize) {
            check();
            emitted += 1;
            yield { upserts: all.slice(i, i + provider.pageSize), deletions: [], total: id === 'facebook' ? provider.friendTotal : all.length, mode: 'full' };
          }
        }
        check();
        return {
          mode: incremental ? 'incremental' : 'full',
          nextSyncToken: id === 'google' ? `sync:${syncEpoch}:${snapshotVersion}` : null,
          friendTotal: id === 'facebook' ? provider.friendTotal : null,
        };
      });
    },
  };
  return provider;
}

function parseSyncToken(token: string | null): { epoch: number; version: number } | null {
  const match = token ? /^sync:(\d+):(\d+)$/.exec(token) : null;
  return match ? { epoch: Number(match[1]), version: Number(match[2]) } : null;
}

function failing(error: unknown): AsyncIterable<FriendBatch> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
}

function rejected<T>(error: unknown): Promise<T> {
  const promise = Promise.reject(error);
  promise.catch(() => {});
  return promise as Promise<T>;
}

export function person(id: string, name: string, extra: Partial<ProviderPerson> = {}): ProviderPerson {
  return { personId: id, name, email: null, phone: null, avatarUrl: null, ...extra };
}
