// The payloads of the contract (kith-api.ts): what a shell answers and pushes,
// as zod schemas with their types. Every object schema is strict, so a stray
// field (a token an implementation forgot to strip) fails validation instead
// of slipping through to the renderer; none has a field that can carry a
// provider token or a Kith access token.
//
// Imported by the renderer too: zod only.
import { z } from 'zod';
import { KithErrorSchema } from './errors';

export const ProviderIdSchema = z.enum(['google', 'facebook']);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export const AccountIdSchema = z.string().regex(/^acc_[A-Za-z0-9_-]{6,64}$/, 'not a Kith account id');
export type AccountId = z.infer<typeof AccountIdSchema>;

const epochMs = z.number().int().nonnegative();

export const AccountStatusSchema = z.enum(['active', 'needs_reconnect']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/**
 * What a person may leave unshared at the provider while still signing in: 'friends' is
 * Google's contacts.readonly and Facebook's user_friends. Google's consent is granular (a
 * checkbox per scope) and Facebook lets a person decline any permission but the public profile.
 */
export const PermissionSchema = z.enum(['friends']);
export type Permission = z.infer<typeof PermissionSchema>;

/**
 * Why `reconnectBy` is set: the access token ends and there is no refresh token (Facebook);
 * the provider said the grant is time-limited (Google's refresh_token_expires_in: the person
 * chose time-based access); or the app is in Google's "Testing" status (7-day refresh tokens).
 */
export const ReconnectReasonSchema = z.enum(['token_expires', 'time_limited', 'app_in_testing']);
export type ReconnectReason = z.infer<typeof ReconnectReasonSchema>;

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
    /** When Kith will lose access unless the person reconnects (Facebook token expiry, a time-limited Google grant), or null. */
    reconnectBy: epochMs.nullable(),
    /** Why `reconnectBy` is set; null when it is null. */
    reconnectReason: ReconnectReasonSchema.nullable(),
    /** The scopes the provider last said it granted. */
    scopes: z.array(z.string()),
    /** What the person did not share (empty when everything Kith asks for was granted); a sync skips what is missing. */
    missingPermissions: z.array(PermissionSchema),
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

// Friend, FriendQuery and FriendPage: friends-schemas.ts.

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
    /** Null when nothing was fetched: the sync failed, or the person did not share their friends (`missingPermissions`). */
    mode: z.enum(['full', 'incremental']).nullable(),
    friendCount: z.number().int().nonnegative(),
    syncedAt: epochMs.nullable(),
    error: KithErrorSchema.nullable(),
  })
  .strict();
export type SyncResult = z.infer<typeof SyncResultSchema>;

/**
 * A sign-in the person finishes by confirming a code at the provider's page (Facebook Login for
 * Devices). The user code is made to be shown and typed; the device code Kith polls with is a
 * secret and is never part of the contract.
 */
export const DeviceLoginPromptSchema = z
  .object({
    /** What the person confirms (or types) at the provider's device page. */
    userCode: z.string().regex(/^[A-Za-z0-9-]{4,32}$/),
    /** The provider's device page without the code (www.facebook.com/device), to type by hand. */
    verificationUri: z.string().url(),
  })
  .strict();
export type DeviceLoginPrompt = z.infer<typeof DeviceLoginPromptSchema>;

export const LoginStartedSchema = z
  .object({
    loginId: z.string(),
    provider: ProviderIdSchema,
    /** The consent page URL (for a device login: the device page with the code filled in), for a person to open by hand if the browser did not open. */
    authUrl: z.string().url(),
    /** When the login gives up (for a device login: the earlier of the code's expiry and the login's deadline). */
    expiresAt: epochMs,
    /** Set when the person finishes by confirming a code rather than on a redirect. */
    device: DeviceLoginPromptSchema.optional(),
  })
  .strict();
export type LoginStarted = z.infer<typeof LoginStartedSchema>;

export const LoginEndedSchema = z
  .object({
    loginId: z.string(),
    provider: ProviderIdSchema,
    /** 'other_person': a reconnect was answered by someone else; their tokens wait for the person's choice (`accounts.resolveOtherPerson`). */
    outcome: z.enum(['connected', 'failed', 'cancelled', 'other_person']),
    accountId: AccountIdSchema.nullable(),
    error: KithErrorSchema.nullable(),
  })
  .strict();
export type LoginEnded = z.infer<typeof LoginEndedSchema>;

const PersonLabelSchema = z
  .object({
    displayName: z.string(),
    email: z.string().nullable(),
  })
  .strict();

/**
 * The answer of a reconnect or a permission re-ask. 'other_person': someone other than the
 * account's person signed in (the id_token's subject differs). Kith stored nothing and left
 * the account alone; the new sign-in is held in memory until `expiresAt`, for the person to
 * add as a new account or discard (`accounts.resolveOtherPerson` with `choiceId`).
 */
export const ReconnectResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('connected'), account: AccountSummarySchema }).strict(),
  z
    .object({
      outcome: z.literal('other_person'),
      choiceId: z.string().regex(/^choice_[A-Za-z0-9_-]{6,64}$/),
      provider: ProviderIdSchema,
      /** The account that was being reconnected. */
      expected: PersonLabelSchema.extend({ accountId: AccountIdSchema }).strict(),
      /** Who signed in instead. */
      signedIn: PersonLabelSchema,
      expiresAt: epochMs,
    })
    .strict(),
]);
export type ReconnectResult = z.infer<typeof ReconnectResultSchema>;
export type OtherPersonSignedIn = Extract<ReconnectResult, { outcome: 'other_person' }>;

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
    /** Set for a problem kept until the person dismisses it (status.dismissProblem); absent for one only this process met. */
    id: z.string().max(40).optional(),
    /** When it was first found (ms since the epoch), for a kept problem. */
    since: z.number().int().nonnegative().optional(),
  })
  .strict();
export type StorageProblem = z.infer<typeof StorageProblemSchema>;

/** How the data key is protected: the OS's safeStorage, the OS keyring, a passphrase, or a key file beside the data (weak). */
export const ProtectorSchema = z.enum(['safe-storage', 'keyring', 'passphrase', 'key-file']);
export type Protector = z.infer<typeof ProtectorSchema>;

/** Why the vault is locked: each asks for a different remedy. */
export const VaultLockReasonSchema = z.enum([
  /** The key file or keyring entry that sealed the data is gone. */
  'key-missing',
  /** A key is there, but not the one that sealed the data (replaced file, other keyring entry). */
  'key-changed',
  /** The key's store is damaged (a key file that is not a key). */
  'key-damaged',
  /** The keyring that holds the key did not answer (locked, not running, turned off). */
  'keyring-unavailable',
  /** The storage backend is not the one that sealed the data (Linux safeStorage backend changed). */
  'backend-changed',
  /** The key is wrapped with a passphrase the person has not given yet. */
  'passphrase-required',
]);
export type VaultLockReason = z.infer<typeof VaultLockReasonSchema>;

export const VaultStateSchema = z
  .object({
    state: z.enum(['open', 'locked']),
    /** Why it is locked; null when open. */
    reason: VaultLockReasonSchema.nullable(),
    /** What happened and what the person can do, in words; null when open. Never a key or secret. */
    message: z.string().max(2000).nullable(),
    /** True when unlocking can succeed without starting over (give the passphrase, unlock the keyring and retry). */
    canUnlock: z.boolean(),
    /** What protects (or protected) the data key; null when not known yet. */
    protector: ProtectorSchema.nullable(),
  })
  .strict();
export type VaultState = z.infer<typeof VaultStateSchema>;

/** What starting over does, in the words a confirmation shows before `vault.reset`. */
export const VAULT_RESET_STEPS: readonly string[] = [
  'Kith makes a new encryption key. The old key file, key record and sealed files (saved sign-ins, queued revocations, cached friends) are renamed aside with a timestamp, not deleted, so they can still be restored by hand.',
  'Your accounts stay listed; each is marked "needs reconnecting" until you sign in to it again.',
  'Revocations that were queued cannot be sent without the old key: remove Kith at the provider yourself if you disconnected an account recently.',
  'Cached friends come back with the next sync after you reconnect.',
];

export const VaultResetResultSchema = z
  .object({
    /** The files renamed aside (with a timestamp), never deleted; a person can still restore from them. */
    movedAside: z.array(z.string()),
    /** Accounts kept, each now marked "needs reconnecting". */
    accountsToReconnect: z.number().int().nonnegative(),
    vault: VaultStateSchema,
  })
  .strict();
export type VaultResetResult = z.infer<typeof VaultResetResultSchema>;

export const OPEN_VAULT: VaultState = { state: 'open', reason: null, message: null, canUnlock: false, protector: null };

export const KithStatusSchema = z
  .object({
    protection: ProtectionSchema,
    /** Whether Kith can read its sealed data now; when locked, nothing was deleted or overwritten. */
    vault: VaultStateSchema,
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

/**
 * What became of one account's grant at its provider, as a receipt tells it. 'confirmed': the
 * provider said the grant is gone; 'pending': Kith keeps asking (`attempts`, `nextAttemptAt`,
 * `problem` say how it goes); 'failed': Kith gave up after the provider kept refusing, and the
 * person removes Kith there themselves; 'not_possible': Kith had no readable sign-in to revoke
 * with; 'stopped': the person connected the account again before the provider confirmed, and
 * revoking then would have ended the new connection too.
 */
export const ReceiptRevocationSchema = z
  .object({
    state: z.enum(['confirmed', 'pending', 'failed', 'not_possible', 'stopped']),
    /** When the state last changed: the provider's confirmation, Kith giving up, the reconnect. */
    settledAt: epochMs.nullable(),
    attempts: z.number().int().nonnegative(),
    nextAttemptAt: epochMs.nullable(),
    /** Why the last attempt did not succeed (E_OFFLINE, E_RATE_LIMITED, E_PROVIDER, ...), for the UI to say in words; null when none failed. */
    problem: KithErrorSchema.shape.code.nullable(),
  })
  .strict();
export type ReceiptRevocation = z.infer<typeof ReceiptRevocationSchema>;

export const ReceiptAccountSchema = z
  .object({
    accountId: AccountIdSchema,
    provider: ProviderIdSchema,
    displayName: z.string(),
    email: z.string().nullable(),
    /** Deleted from this computer at the disconnect. */
    deleted: z.object({ tokens: z.boolean(), cachedFriends: z.number().int().nonnegative() }).strict(),
    revocation: ReceiptRevocationSchema,
  })
  .strict();
export type ReceiptAccount = z.infer<typeof ReceiptAccountSchema>;

/** A disconnect's receipt: kept until the person dismisses it, updated as the provider answers. */
export const DisconnectReceiptSchema = z
  .object({
    id: z.string().regex(/^rcpt_[a-f0-9]{8,64}$/),
    /** 'everywhere': every account, every script token and every browser session at once. */
    scope: z.enum(['account', 'everywhere']),
    disconnectedAt: epochMs,
    accounts: z.array(ReceiptAccountSchema),
    /** Names of the script access tokens that stopped working. */
    scriptTokensEnded: z.array(z.string().max(100)),
    /** Browser sessions of kith serve that ended. */
    sessionsEnded: z.number().int().nonnegative(),
    /** Nothing is left to wait for (no revocation pending): the receipt can be dismissed. */
    settled: z.boolean(),
  })
  .strict();
export type DisconnectReceipt = z.infer<typeof DisconnectReceiptSchema>;

export const ReceiptRefSchema = z.object({ receiptId: DisconnectReceiptSchema.shape.id }).strict();

/** What "disconnect everywhere" will end, for the person to confirm first. */
export const DisconnectEverywherePlanSchema = z
  .object({
    /** Every account: its grant is revoked at the provider, its tokens and cached friends deleted here. */
    accounts: z.array(
      z
        .object({
          accountId: AccountIdSchema,
          provider: ProviderIdSchema,
          displayName: z.string(),
          email: z.string().nullable(),
          cachedFriends: z.number().int().nonnegative(),
        })
        .strict(),
    ),
    /** Script access tokens that will stop working (names only, never a secret). */
    scriptTokens: z.array(z.object({ name: z.string().max(100), expiresAt: epochMs }).strict()),
    /** Browser sessions of kith serve that will end (this window's too, in the host shell). */
    sessions: z.number().int().nonnegative(),
  })
  .strict();
export type DisconnectEverywherePlan = z.infer<typeof DisconnectEverywherePlanSchema>;

/** Whether Kith shows system notifications (Electron's, or the browser's in the host shell). */
export const NotificationSettingsSchema = z.object({ enabled: z.boolean() }).strict();
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/**
 * Something the person should hear about even when the window is not in front: a grant about to
 * lapse, or a queued revocation that completed or failed for good. The window shows it as a toast;
 * a shell also shows it as a system notification when `show` is true (the person's setting).
 */
export const KithNotificationSchema = z
  .object({
    /** Stable per cause, so a shell can replace rather than stack (a notification's tag). */
    tag: z.string().max(120),
    kind: z.enum(['grant_lapsing', 'revocation_confirmed', 'revocation_failed']),
    title: z.string().max(200),
    body: z.string().max(1000),
    show: z.boolean(),
  })
  .strict();
export type KithNotification = z.infer<typeof KithNotificationSchema>;
/** A friend's email or phone, as shown, for the mail or phone app to open (`links.openContact`). */
export const ContactLinkSchema = z
  .object({
    kind: z.enum(['email', 'phone']),
    /** RFC 5321 caps an address at 254 characters; a phone number as shown is far shorter. */
    value: z.string().min(1).max(254),
  })
  .strict();
export type ContactLink = z.infer<typeof ContactLinkSchema>;
