// The one contract between the renderer and whichever shell hosts it.
// Types and zod schemas only: no Electron, no Node. The Electron IPC handlers,
// the preload bridge, the host's HTTP server and the host's browser client are
// all derived from `kithMethods` and `kithEvents` below, so they cannot drift.
//
// No schema here has a field that can carry a provider token or a Kith access
// token; every object schema is strict, so a stray field fails validation
// instead of slipping through to the renderer.
import { z } from 'zod';

export const ProviderIdSchema = z.enum(['google', 'facebook']);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export const AccountIdSchema = z.string().regex(/^acc_[A-Za-z0-9_-]{6,64}$/, 'not a Kith account id');
export type AccountId = z.infer<typeof AccountIdSchema>;

/** Stable error codes; the UI maps each to words a person understands. */
export const KithErrorCodeSchema = z.enum([
  'E_INVALID_INPUT',
  'E_CONFIG',
  'E_CONSENT_DENIED',
  'E_LOGIN_TIMEOUT',
  'E_LOGIN_CANCELLED',
  'E_LOGIN_IN_PROGRESS',
  'E_STATE_MISMATCH',
  'E_ID_TOKEN_INVALID',
  'E_OFFLINE',
  'E_RATE_LIMITED',
  'E_PROVIDER',
  'E_GRANT_REVOKED',
  'E_NEEDS_RECONNECT',
  'E_UNKNOWN_ACCOUNT',
  'E_STORAGE',
  'E_UNAUTHORIZED',
  'E_FORBIDDEN',
  'E_INTERNAL',
]);
export type KithErrorCode = z.infer<typeof KithErrorCodeSchema>;

export const KithErrorSchema = z
  .object({
    code: KithErrorCodeSchema,
    /** Human-readable, never contains a token, code or verifier. */
    message: z.string().max(2000),
  })
  .strict();
export type KithErrorInfo = z.infer<typeof KithErrorSchema>;

const epochMs = z.number().int().nonnegative();

export const AccountStatusSchema = z.enum(['active', 'needs_reconnect']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const AccountSummarySchema = z
  .object({
    id: AccountIdSchema,
    provider: ProviderIdSchema,
    displayName: z.string(),
    email: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    status: AccountStatusSchema,
    /** Why the account needs reconnecting (revoked grant, expired token), or null. */
    statusError: KithErrorSchema.nullable(),
    /** When Kith will lose access unless the person reconnects (Facebook token expiry, Google "Testing" apps), or null. */
    reconnectBy: epochMs.nullable(),
    scopes: z.array(z.string()),
    connectedAt: epochMs,
    lastSyncedAt: epochMs.nullable(),
    lastSyncError: KithErrorSchema.nullable(),
    /** Friends/contacts held in the offline cache. */
    friendCount: z.number().int().nonnegative(),
    /** Facebook's summary.total_count: all friends, not only those who use Kith. Null where unknown. */
    friendTotal: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export const FriendSchema = z
  .object({
    /** Unique across accounts: `${accountId}:${provider person id}`. */
    id: z.string(),
    accountId: AccountIdSchema,
    provider: ProviderIdSchema,
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  })
  .strict();
export type Friend = z.infer<typeof FriendSchema>;

export const FriendQuerySchema = z
  .object({
    accountId: AccountIdSchema.optional(),
    /** Case-insensitive match on name, email or phone. */
    search: z.string().max(200).optional(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type FriendQuery = z.input<typeof FriendQuerySchema>;

export const FriendPageSchema = z
  .object({
    items: z.array(FriendSchema),
    offset: z.number().int().nonnegative(),
    /** How many friends match the query (all pages). */
    total: z.number().int().nonnegative(),
  })
  .strict();
export type FriendPage = z.infer<typeof FriendPageSchema>;

export const SyncProgressSchema = z
  .object({
    accountId: AccountIdSchema,
    state: z.enum(['running', 'done', 'failed']),
    fetched: z.number().int().nonnegative(),
    /** Expected total when the provider says it, else null. */
    total: z.number().int().nonnegative().nullable(),
    error: KithErrorSchema.nullable(),
  })
  .strict();
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const SyncResultSchema = z
  .object({
    accountId: AccountIdSchema,
    ok: z.boolean(),
    mode: z.enum(['full', 'incremental']).nullable(),
    friendCount: z.number().int().nonnegative(),
    syncedAt: epochMs.nullable(),
    error: KithErrorSchema.nullable(),
  })
  .strict();
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const LoginStartedSchema = z
  .object({
    loginId: z.string(),
    provider: ProviderIdSchema,
    /** The consent page URL, for a person to open by hand if the browser did not open. */
    authUrl: z.string().url(),
    expiresAt: epochMs,
  })
  .strict();
export type LoginStarted = z.infer<typeof LoginStartedSchema>;

export const LoginEndedSchema = z
  .object({
    loginId: z.string(),
    provider: ProviderIdSchema,
    outcome: z.enum(['connected', 'failed', 'cancelled']),
    accountId: AccountIdSchema.nullable(),
    error: KithErrorSchema.nullable(),
  })
  .strict();
export type LoginEnded = z.infer<typeof LoginEndedSchema>;

export const ProtectionSchema = z
  .object({
    level: z.enum(['strong', 'weak']),
    /** Where the key lives, e.g. "safeStorage (gnome_libsecret)", "OS keyring", "key file". */
    backend: z.string(),
    /** What weak means and what the person can do about it; null when strong. */
    advice: z.string().nullable(),
  })
  .strict();
export type Protection = z.infer<typeof ProtectionSchema>;

export const PendingRevocationSchema = z
  .object({
    id: z.string(),
    provider: ProviderIdSchema,
    /** Who the grant belonged to (name or email), for the person to recognise it. */
    accountLabel: z.string(),
    queuedAt: epochMs,
    attempts: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    nextAttemptAt: epochMs.nullable(),
  })
  .strict();
export type PendingRevocation = z.infer<typeof PendingRevocationSchema>;

export const StorageProblemSchema = z
  .object({
    /** Which of Kith's files ("accounts", "friends-acc_…"). */
    document: z.string(),
    /** What happened and where the damaged file was moved; never the file's contents. */
    message: z.string().max(2000),
  })
  .strict();
export type StorageProblem = z.infer<typeof StorageProblemSchema>;

export const KithStatusSchema = z
  .object({
    protection: ProtectionSchema,
    dataDir: z.string(),
    online: z.boolean(),
    pendingRevocations: z.array(PendingRevocationSchema),
    /** Files found damaged since Kith started; each was moved aside, not deleted. */
    storageProblems: z.array(StorageProblemSchema),
    shell: z.enum(['electron', 'host']),
    version: z.string(),
  })
  .strict();
export type KithStatus = z.infer<typeof KithStatusSchema>;

export const DisconnectResultSchema = z
  .object({
    accountId: AccountIdSchema,
    /**
     * 'revoked' when the provider confirmed; 'queued' when it will be retried until it does;
     * 'not_possible' when Kith had no usable sign-in to revoke with (its saved tokens could not
     * be decrypted, e.g. the key changed or the keyring is gone, or none were stored): the
     * account is gone from this computer, but Kith's access may still be granted at the
     * provider, where the person can remove Kith themselves.
     */
    revocation: z.enum(['revoked', 'queued', 'not_possible']),
  })
  .strict();
export type DisconnectResult = z.infer<typeof DisconnectResultSchema>;

const noInput = z.object({}).strict();
const accountRef = z.object({ accountId: AccountIdSchema }).strict();

/**
 * Every request the renderer can make: method name -> input and output schemas.
 * Inputs are validated where they are received (main process / host server);
 * outputs are validated by the client before the renderer sees them.
 */
export const kithMethods = {
  'accounts.list': { input: noInput, output: z.array(AccountSummarySchema) },
  'accounts.connect': { input: z.object({ provider: ProviderIdSchema }).strict(), output: AccountSummarySchema },
  'accounts.cancelConnect': { input: z.object({ loginId: z.string().optional() }).strict(), output: z.null() },
  'accounts.disconnect': { input: accountRef, output: DisconnectResultSchema },
  'friends.list': { input: FriendQuerySchema, output: FriendPageSchema },
  'sync.run': { input: z.object({ accountId: AccountIdSchema.optional() }).strict(), output: z.array(SyncResultSchema) },
  'status.get': { input: noInput, output: KithStatusSchema },
} as const;
export type KithMethodName = keyof typeof kithMethods;
export type KithMethodInput<M extends KithMethodName> = z.input<(typeof kithMethods)[M]['input']>;
export type KithMethodOutput<M extends KithMethodName> = z.infer<(typeof kithMethods)[M]['output']>;

/** Every one-way event the shell pushes to the renderer. */
export const kithEvents = {
  accountsChanged: z.array(AccountSummarySchema),
  syncProgress: SyncProgressSchema,
  connectivity: z.object({ online: z.boolean() }).strict(),
  loginStarted: LoginStartedSchema,
  loginEnded: LoginEndedSchema,
  revocationsChanged: z.array(PendingRevocationSchema),
} as const;
export type KithEventName = keyof typeof kithEvents;
export type KithEventPayload<E extends KithEventName> = z.infer<(typeof kithEvents)[E]>;
export type KithEventListener<E extends KithEventName> = (payload: KithEventPayload<E>) => void;

/** The API the renderer is written against. Implemented by the core, carried by IPC or HTTP. */
export interface KithApi {
  accounts: {
    /** Connected accounts, in the order they were connected. Never carries a token. */
    list(input?: KithMethodInput<'accounts.list'>): Promise<KithMethodOutput<'accounts.list'>>;
    /**
     * Opens the provider's consent page in the system browser and resolves once the
     * loopback redirect has been exchanged and the account stored. A `loginStarted`
     * event carries the URL first. Rejects with E_CONSENT_DENIED, E_LOGIN_TIMEOUT (5 min),
     * E_LOGIN_CANCELLED, E_STATE_MISMATCH, E_OFFLINE. Reconnecting the same person updates
     * the existing account.
     */
    connect(input: KithMethodInput<'accounts.connect'>): Promise<KithMethodOutput<'accounts.connect'>>;
    /** Cancels the login in progress (or the named one); its loopback port closes. */
    cancelConnect(input?: KithMethodInput<'accounts.cancelConnect'>): Promise<KithMethodOutput<'accounts.cancelConnect'>>;
    /**
     * Removes the account and its cached friends at once, then revokes Kith's grant at
     * the provider; if the provider cannot be reached the revocation is queued and retried.
     * Saved tokens that cannot be decrypted never block it: the answer is then 'not_possible'.
     */
    disconnect(input: KithMethodInput<'accounts.disconnect'>): Promise<KithMethodOutput<'accounts.disconnect'>>;
  };
  friends: {
    /** A page of cached friends across all accounts or one, filtered by search; works offline. */
    list(input?: KithMethodInput<'friends.list'>): Promise<KithMethodOutput<'friends.list'>>;
  };
  sync: {
    /** Syncs one account or all of them now; progress arrives as `syncProgress` events. A failed sync keeps the last good cache. */
    run(input?: KithMethodInput<'sync.run'>): Promise<KithMethodOutput<'sync.run'>>;
  };
  status: {
    /** Protection level, data folder, connectivity and revocations still pending. */
    get(input?: KithMethodInput<'status.get'>): Promise<KithMethodOutput<'status.get'>>;
  };
  events: {
    /** Subscribes to one event; returns the unsubscribe function. */
    on<E extends KithEventName>(name: E, listener: KithEventListener<E>): () => void;
  };
}

/** Splits 'accounts.connect' into ['accounts', 'connect'] with its types intact. */
export type KithMethodPath<M extends KithMethodName> = M extends `${infer G}.${infer F}` ? [G, F] : never;

// Compile-time check that `KithApi` has exactly one function per entry of `kithMethods`.
type ApiFunction<M extends KithMethodName> = KithMethodPath<M> extends [infer G extends keyof KithApi, infer F]
  ? F extends keyof KithApi[G]
    ? KithApi[G][F]
    : never
  : never;
type CheckMethods = { [M in KithMethodName]: ApiFunction<M> extends (input: KithMethodInput<M>) => Promise<KithMethodOutput<M>> ? true : M };
export const contractIsComplete: CheckMethods[KithMethodName] extends true ? true : never = true;

/** The error every transport rejects with; `code` is stable, `message` is safe to show. */
export class KithError extends Error {
  constructor(
    readonly code: KithErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KithError';
  }
  toJSON(): KithErrorInfo {
    return { code: this.code, message: this.message };
  }
}
