// A KithApi for transport tests, built by walking the contract like the real
// transports are: every method records its input and answers with a valid
// sample unless a test replaces its behaviour; events are emitted by hand.
import {
  kithEvents,
  kithMethodGroups,
  toFriendRow,
  type AccountSummary,
  type Friend,
  type DisconnectReceipt,
  type KithApi,
  type KithEventName,
  type KithMethodName,
  type KithMethodOutput,
  type KithMethodParsedInput,
  type ScriptToken,
} from '../kith-api';

export const sampleAccount: AccountSummary = {
  id: 'acc_alice01',
  provider: 'google',
  displayName: 'Alice Example',
  email: 'alice@example.com',
  avatarUrl: null,
  status: 'active',
  statusError: null,
  reconnectBy: null,
  reconnectReason: null,
  scopes: ['openid', 'email'],
  missingPermissions: [],
  connectedAt: 1_700_000_000_000,
  lastSyncedAt: null,
  lastSyncError: null,
  friendCount: 1,
  friendTotal: null,
};

export const sampleFriend: Friend = {
  id: 'acc_alice01:people/c1',
  accountId: 'acc_alice01',
  provider: 'google',
  name: 'Bob',
  email: 'bob@example.com',
  phone: '+1 555 0100',
  avatarUrl: null,
  givenName: 'Bob',
  familyName: 'Example',
  emails: [{ value: 'bob@example.com', label: 'Home', sourceIds: ['acc_alice01:people/c1'] }],
  phones: [{ value: '+1 555 0100', label: 'Mobile', sourceIds: ['acc_alice01:people/c1'] }],
  sources: [
    {
      id: 'acc_alice01:people/c1',
      accountId: 'acc_alice01',
      provider: 'google',
      accountName: 'Alice Example',
      accountEmail: 'alice@example.com',
      name: 'Bob',
      givenName: 'Bob',
      familyName: 'Example',
      emails: [{ value: 'bob@example.com', label: 'Home' }],
      phones: [{ value: '+1 555 0100', label: 'Mobile' }],
      avatarUrl: null,
      updatedAt: 1_700_000_000_000,
      lastSyncedAt: 1_700_000_100_000,
      sameAs: null,
    },
  ],
  updatedAt: 1_700_000_000_000,
};

export const sampleReceipt: DisconnectReceipt = {
  id: 'rcpt_0123456789abcdef',
  scope: 'account',
  disconnectedAt: 1_700_000_100_000,
  accounts: [
    {
      accountId: 'acc_alice01',
      provider: 'google',
      displayName: 'Alice Example',
      email: 'alice@example.com',
      deleted: { tokens: true, cachedFriends: 1 },
      revocation: { state: 'confirmed', settledAt: 1_700_000_101_000, attempts: 0, nextAttemptAt: null, problem: null },
    },
  ],
  scriptTokensEnded: [],
  sessionsEnded: 0,
  settled: true,
};

export const sampleScriptToken: ScriptToken = {
  id: 'tok_sample0000000001',
  name: 'backup script',
  abilities: ['friends:read'],
  accountIds: null,
  createdAt: 1_700_000_000_000,
  expiresAt: 1_702_592_000_000,
  lastUsedAt: null,
  requestCount: 0,
};

type Samples = { [M in KithMethodName]: (input: KithMethodParsedInput<M>) => KithMethodOutput<M> };
type VaultMethod = Extract<KithMethodName, `vault.${string}`>;

/** The answers of an open vault the person never touches, for fakes that script no vault. */
export const openVaultSamples: Pick<Samples, VaultMethod> = {
  'vault.status': () => ({ state: 'open', reason: null, message: null, canUnlock: false, protector: 'keyring' }),
  'vault.reset': () => ({ movedAside: [], accountsToReconnect: 0, vault: { state: 'open', reason: null, message: null, canUnlock: false, protector: 'keyring' } }),
  'vault.unlock': () => ({ state: 'open', reason: null, message: null, canUnlock: false, protector: 'passphrase' }),
  'vault.lock': () => ({ state: 'open', reason: null, message: null, canUnlock: false, protector: 'keyring' }),
  'vault.setProtector': () => ({
    vault: { state: 'open', reason: null, message: null, canUnlock: false, protector: 'passphrase' },
    protection: { level: 'strong', backend: 'passphrase (scrypt)', advice: null },
  }),
  'vault.settings': () => ({ idleLockMinutes: 15, protectors: [{ protector: 'passphrase', available: true, level: 'strong' }] }),
  'vault.setIdleLock': ({ idleLockMinutes }) => ({ idleLockMinutes, protectors: [{ protector: 'passphrase', available: true, level: 'strong' }] }),
};

// Typed per method, so a sample that drifts from the contract fails the type check, not a test at run time.
const samples: Samples = {
  'accounts.list': () => [sampleAccount],
  'accounts.connect': () => sampleAccount,
  'accounts.reconnect': () => ({ outcome: 'connected', account: sampleAccount }),
  'accounts.requestPermission': () => ({ outcome: 'connected', account: sampleAccount }),
  'accounts.resolveOtherPerson': () => null,
  'accounts.cancelConnect': () => null,
  'accounts.disconnect': (input: { accountId: string }) => ({ accountId: input.accountId, revocation: 'revoked' }),
  'accounts.planDisconnectEverywhere': () => ({
    accounts: [{ accountId: sampleAccount.id, provider: sampleAccount.provider, displayName: sampleAccount.displayName, email: sampleAccount.email, cachedFriends: 1 }],
    scriptTokens: [{ name: 'backup', expiresAt: 1_702_000_000_000 }],
    sessions: 1,
  }),
  'accounts.disconnectEverywhere': () => ({ ...sampleReceipt, scope: 'everywhere', scriptTokensEnded: ['backup'], sessionsEnded: 1 }),
  'friends.list': (input) => {
    const page = {
      offset: input.offset,
      total: 1,
      nextCursor: null,
      counts: { people: 1, entries: 1 },
      letters: input.offset === 0 && !input.after && input.sort !== 'recently_changed' ? [{ letter: 'B', offset: 0 }] : null,
      empty: null,
      accounts: [{ accountId: sampleAccount.id, state: 'ready' as const, entries: 1, missingPermissions: [] }],
    };
    return input.shape === 'row' ? { items: [toFriendRow(sampleFriend)], ...page } : { items: [sampleFriend], ...page };
  },
  'friends.get': (input) => (input.id === sampleFriend.id ? sampleFriend : null),
  'friends.export': (input) => ({
    format: input.format,
    filename: `kith-contacts.${input.format}`,
    mimeType: input.format === 'vcf' ? 'text/vcard' : 'text/csv',
    text:
      input.format === 'vcf'
        ? 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob\r\nN:Example;Bob;;;\r\nEMAIL;TYPE=home:bob@example.com\r\nEND:VCARD\r\n'
        : 'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value\r\nBob,Example,* Home,bob@example.com\r\n',
    count: 1,
  }),
  'sync.run': () => [],
  'status.get': () => ({
    protection: { level: 'strong', backend: 'test', advice: null },
    dataDir: '/tmp/kith-test',
    online: true,
    pendingRevocations: [],
    storageProblems: [],
    vault: { state: 'open', reason: null, message: null, canUnlock: false, protector: 'keyring' },
    shell: 'host',
    version: '0.0.0-test',
  }),
  'history.list': () => [sampleReceipt],
  'history.dismiss': () => null,
  'history.retry': () => sampleReceipt,
  'notifications.get': () => ({ enabled: true }),
  'notifications.set': (input: { enabled: boolean }) => ({ enabled: input.enabled }),
  'connectivity.report': () => null,
  'dataFolder.open': () => ({ opened: true }),
  'status.dismissProblem': () => samples['status.get']({}),
  ...openVaultSamples,
  'tokens.list': () => [sampleScriptToken],
  'tokens.create': () => ({ token: sampleScriptToken, secret: 'kith_p_SampleSecretSampleSecret0000000000000' }),
  'tokens.regenerate': () => ({ token: sampleScriptToken, secret: 'kith_p_SampleSecretSampleSecret0000000000001' }),
  'tokens.revoke': () => null,
  'tokens.log': () => ({ entries: [{ at: 1_700_000_000_000, method: 'GET', path: '/api/v1/friends?limit=50', status: 200, durationMs: 1.2, bytes: 512 }] }),
  'links.openContact': () => null,
};

export interface FakeKithApi extends KithApi {
  /** Every call that reached the API, with the input as the API received it. */
  readonly calls: { method: KithMethodName; input: unknown }[];
  /** Replace a method's answer (return a value, or throw). */
  answer(method: KithMethodName, behaviour: (input: unknown) => unknown): void;
  /** Emit an event to every subscriber, payload unchecked (tests send invalid ones too). */
  emit(event: KithEventName, payload: unknown): void;
  listenerCount(event: KithEventName): number;
}

export function createFakeKithApi(): FakeKithApi {
  const calls: FakeKithApi['calls'] = [];
  const behaviours = new Map<KithMethodName, (input: unknown) => unknown>();
  const listeners = new Map<KithEventName, Set<(payload: unknown) => void>>();
  const groups = kithMethodGroups((method) => async (input) => {
    calls.push({ method, input });
    const behaviour = behaviours.get(method) ?? (samples[method] as (input: unknown) => unknown);
    return behaviour(input);
  });

  return {
    ...groups,
    events: {
      on(event, listener) {
        if (!Object.hasOwn(kithEvents, event)) throw new Error(`unknown event ${event}`);
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        const entry = listener as (payload: unknown) => void;
        set.add(entry);
        return () => set.delete(entry);
      },
    },
    calls,
    answer(method, behaviour) {
      behaviours.set(method, behaviour);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
