// The one contract between the renderer and whichever shell hosts it: every
// request (`kithMethods`: name -> input and output schemas) and every one-way
// event (`kithEvents`), and `KithApi`, the interface the renderer is written
// against. The Electron IPC handlers, the preload bridge, the host's HTTP
// server, the CLI and the client are all derived from these two tables, so
// they cannot drift; `contractIsComplete` proves at compile time that KithApi
// has exactly one function per method.
//
// Payload schemas are in schemas.ts, the error family in errors.ts; both are
// re-exported here, so `kith-api` is the one name to import the contract by.
// Imported by the renderer too: zod only.
import { z } from 'zod';
import { KithError } from './errors';
import {
  AccountIdSchema,
  AccountSummarySchema,
  DisconnectEverywherePlanSchema,
  DisconnectReceiptSchema,
  DisconnectResultSchema,
  KithNotificationSchema,
  KithStatusSchema,
  LoginEndedSchema,
  LoginStartedSchema,
  NotificationSettingsSchema,
  PendingRevocationSchema,
  PermissionSchema,
  ProviderIdSchema,
  ReceiptRefSchema,
  ContactLinkSchema,
  ReconnectResultSchema,
  SyncProgressSchema,
  SyncResultSchema,
  VaultResetResultSchema,
  VaultStateSchema,
} from './schemas';
import {
  FriendExportInputSchema,
  FriendExportSchema,
  FriendGetInputSchema,
  FriendPageSchema,
  friendPageSchemaFor,
  FriendQuerySchema,
  FriendRowPageSchema,
  FriendSchema,
  type FriendPage,
  type FriendRowPage,
} from './friends-schemas';

import { ProtectorChangeResultSchema, ProtectorChangeSchema, VaultSettingsInputSchema, VaultSettingsSchema, VaultUnlockInputSchema } from './vault-schemas';

import {
  AccessLogPageSchema,
  AccessLogQuerySchema,
  CreateScriptTokenSchema,
  IssuedScriptTokenSchema,
  ScriptTokenRefSchema,
  ScriptTokenSchema,
} from './token-schemas';

export * from './schemas';
export * from './friends-schemas';
export * from './vault-schemas';
export * from './token-schemas';
export { KithError, KithErrorCodeSchema, KithErrorSchema, type KithErrorCode, type KithErrorInfo } from './errors';

const noInput = z.object({}).strict();
const accountRef = z.object({ accountId: AccountIdSchema }).strict();

/**
 * Every request the renderer can make: method name -> input and output schemas.
 * The dispatcher (dispatcher.ts) validates both where a shell receives the request;
 * the client (client.ts) validates the output again before the renderer sees it.
 */
export const kithMethods = {
  'accounts.list': { input: noInput, output: z.array(AccountSummarySchema) },
  'accounts.connect': { input: z.object({ provider: ProviderIdSchema }).strict(), output: AccountSummarySchema },
  'accounts.reconnect': { input: accountRef, output: ReconnectResultSchema },
  'accounts.requestPermission': { input: z.object({ accountId: AccountIdSchema, permission: PermissionSchema }).strict(), output: ReconnectResultSchema },
  'accounts.resolveOtherPerson': {
    input: z.object({ choiceId: z.string().max(80), choice: z.enum(['add', 'discard']) }).strict(),
    output: AccountSummarySchema.nullable(),
  },
  'accounts.cancelConnect': { input: z.object({ loginId: z.string().optional() }).strict(), output: z.null() },
  'accounts.disconnect': { input: accountRef, output: DisconnectResultSchema },
  'accounts.planDisconnectEverywhere': { input: noInput, output: DisconnectEverywherePlanSchema },
  'accounts.disconnectEverywhere': { input: noInput, output: DisconnectReceiptSchema },
  // `output` is both shapes, for the types; an answer is checked against the one its query asked for (`outputFor`).
  'friends.list': { input: FriendQuerySchema, output: z.union([FriendPageSchema, FriendRowPageSchema]), outputFor: friendPageSchemaFor },
  'friends.get': { input: FriendGetInputSchema, output: FriendSchema.nullable() },
  'friends.export': { input: FriendExportInputSchema, output: FriendExportSchema },
  'sync.run': { input: z.object({ accountId: AccountIdSchema.optional() }).strict(), output: z.array(SyncResultSchema) },
  'status.get': { input: noInput, output: KithStatusSchema },
  'history.list': { input: noInput, output: z.array(DisconnectReceiptSchema) },
  'history.dismiss': { input: ReceiptRefSchema, output: z.null() },
  'history.retry': { input: ReceiptRefSchema, output: DisconnectReceiptSchema },
  'notifications.get': { input: noInput, output: NotificationSettingsSchema },
  'notifications.set': { input: NotificationSettingsSchema, output: NotificationSettingsSchema },
  'connectivity.report': { input: z.object({ online: z.boolean() }).strict(), output: z.null() },
  'dataFolder.open': { input: noInput, output: z.object({ opened: z.boolean() }).strict() },
  'status.dismissProblem': { input: z.object({ id: z.string().max(40) }).strict(), output: KithStatusSchema },
  'vault.status': { input: noInput, output: VaultStateSchema },
  'vault.reset': { input: z.object({ confirm: z.literal(true) }).strict(), output: VaultResetResultSchema },
  'vault.unlock': { input: VaultUnlockInputSchema, output: VaultStateSchema },
  'vault.lock': { input: noInput, output: VaultStateSchema },
  'vault.setProtector': { input: ProtectorChangeSchema, output: ProtectorChangeResultSchema },
  'vault.settings': { input: noInput, output: VaultSettingsSchema },
  'vault.setIdleLock': { input: VaultSettingsInputSchema, output: VaultSettingsSchema },
  'tokens.list': { input: noInput, output: z.array(ScriptTokenSchema) },
  'tokens.create': { input: CreateScriptTokenSchema, output: IssuedScriptTokenSchema },
  'tokens.regenerate': { input: ScriptTokenRefSchema, output: IssuedScriptTokenSchema },
  'tokens.revoke': { input: ScriptTokenRefSchema, output: z.null() },
  'tokens.log': { input: AccessLogQuerySchema, output: AccessLogPageSchema },
  'links.openContact': { input: ContactLinkSchema, output: z.null() },
} as const;
export type KithMethodName = keyof typeof kithMethods;
export type KithMethodInput<M extends KithMethodName> = z.input<(typeof kithMethods)[M]['input']>;
export type KithMethodOutput<M extends KithMethodName> = z.infer<(typeof kithMethods)[M]['output']>;
/** An input after the dispatcher parsed it: defaults applied, nothing unknown left. */
export type KithMethodParsedInput<M extends KithMethodName> = z.output<(typeof kithMethods)[M]['input']>;

/**
 * The schema `method`'s answer to `input` is checked against, where it is received (dispatcher.ts)
 * and again where it arrives (client.ts): the method's `output`, or, for a method whose answer
 * takes the shape its input asks for (`outputFor`), that shape's alone.
 */
export function outputSchemaOf(method: KithMethodName, input: unknown): z.ZodType {
  const spec = kithMethods[method];
  if (!('outputFor' in spec)) return spec.output;
  const query = typeof input === 'object' && input !== null ? (input as { shape?: unknown }) : {};
  return spec.outputFor({ shape: query.shape === 'row' ? 'row' : undefined });
}

/** Every one-way event the shell pushes to the renderer. */
export const kithEvents = {
  accountsChanged: z.array(AccountSummarySchema),
  syncProgress: SyncProgressSchema,
  connectivity: z.object({ online: z.boolean() }).strict(),
  loginStarted: LoginStartedSchema,
  loginEnded: LoginEndedSchema,
  revocationsChanged: z.array(PendingRevocationSchema),
  historyChanged: z.array(DisconnectReceiptSchema),
  notification: KithNotificationSchema,
  /** The system browser could not be opened for this sign-in: the window shows the link (`loginStarted`'s authUrl) to open by hand. */
  loginBrowserFailed: z.object({ loginId: z.string(), provider: ProviderIdSchema }).strict(),
  /** The vault opened or locked (unlock, idle auto-lock, a protector moved, start over). */
  vaultChanged: VaultStateSchema,
} as const;
export type KithEventName = keyof typeof kithEvents;
export type KithEventPayload<E extends KithEventName> = z.infer<(typeof kithEvents)[E]>;
export type KithEventListener<E extends KithEventName> = (payload: KithEventPayload<E>) => void;

/** How a call is made, besides its input. */
export interface KithCallOptions {
  /**
   * Gives up on the call: it rejects with the signal's reason, and a transport that can (HTTP)
   * stops the request, so the host serves only what is still wanted. A transport that cannot
   * (IPC) lets it finish and drops the answer.
   */
  signal?: AbortSignal;
}

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
    /**
     * Signs the account's person in again (Google gets their email as login_hint) and updates
     * the account. If someone else signs in, nothing is stored and the account is untouched:
     * the answer is 'other_person' (see `resolveOtherPerson`). Same rejections as `connect`.
     */
    reconnect(input: KithMethodInput<'accounts.reconnect'>): Promise<KithMethodOutput<'accounts.reconnect'>>;
    /**
     * Asks the account's person again for one permission they did not share (Google: that
     * scope with include_granted_scopes; Facebook: auth_type=rerequest). Answers as `reconnect`;
     * the account's `missingPermissions` says whether it was granted this time.
     */
    requestPermission(input: KithMethodInput<'accounts.requestPermission'>): Promise<KithMethodOutput<'accounts.requestPermission'>>;
    /**
     * The person's choice after an 'other_person' answer: 'add' stores that sign-in as an account
     * (answered with it); 'discard' drops it, revoking the new grant at the provider unless Kith
     * already holds that person's account (answered with null). E_UNKNOWN_ACCOUNT once the choice
     * has expired (the sign-in was then discarded).
     */
    resolveOtherPerson(input: KithMethodInput<'accounts.resolveOtherPerson'>): Promise<KithMethodOutput<'accounts.resolveOtherPerson'>>;
    /** Cancels the login in progress (or the named one); its loopback port closes. */
    cancelConnect(input?: KithMethodInput<'accounts.cancelConnect'>): Promise<KithMethodOutput<'accounts.cancelConnect'>>;
    /**
     * Removes the account and its cached friends at once, then revokes Kith's grant at
     * the provider; if the provider cannot be reached the revocation is queued and retried.
     * Saved tokens that cannot be decrypted never block it: the answer is then 'not_possible'.
     */
    disconnect(input: KithMethodInput<'accounts.disconnect'>): Promise<KithMethodOutput<'accounts.disconnect'>>;
    /** What disconnectEverywhere would end: every account's grant and cache, every script token and browser session. Changes nothing. */
    planDisconnectEverywhere(input?: KithMethodInput<'accounts.planDisconnectEverywhere'>): Promise<KithMethodOutput<'accounts.planDisconnectEverywhere'>>;
    /**
     * Removes every account, its tokens and cache, and ends every script token and browser session
     * at once; then revokes every grant at its provider (queued when it cannot be reached, as
     * `disconnect`). Answers the receipt, which History keeps and updates as the providers confirm.
     */
    disconnectEverywhere(input?: KithMethodInput<'accounts.disconnectEverywhere'>): Promise<KithMethodOutput<'accounts.disconnectEverywhere'>>;
  };
  friends: {
    /**
     * A page of cached people (or entries), sorted and filtered, across all accounts or one;
     * works offline. Carries both counts, letter offsets for "jump to" and, when empty, why.
     * `signal` cancels a search the person has already typed past. With `shape: 'row'`, each
     * item is only what a row of a list shows (`friends.get` reads the rest).
     */
    list(input: KithMethodInput<'friends.list'> & { shape: 'row' }, options?: KithCallOptions): Promise<FriendRowPage>;
    /** Without `shape: 'row'`, each item a Friend with every source. */
    list(input?: KithMethodInput<'friends.list'> & { shape?: 'full' }, options?: KithCallOptions): Promise<FriendPage>;
    /** Either, by the shape given. */
    list(input?: KithMethodInput<'friends.list'>, options?: KithCallOptions): Promise<KithMethodOutput<'friends.list'>>;
    /** One person with every source, by any source's entry id; null once no account holds it. */
    get(input: KithMethodInput<'friends.get'>): Promise<KithMethodOutput<'friends.get'>>;
    /** The people of the filter (all, one account, one provider, a search) as one vCard 4.0 or CSV file. */
    export(input: KithMethodInput<'friends.export'>): Promise<KithMethodOutput<'friends.export'>>;
  };
  sync: {
    /** Syncs one account or all of them now; progress arrives as `syncProgress` events. A failed sync keeps the last good cache. */
    run(input?: KithMethodInput<'sync.run'>): Promise<KithMethodOutput<'sync.run'>>;
  };
  status: {
    /** Protection level, data folder, connectivity and revocations still pending. */
    get(input?: KithMethodInput<'status.get'>): Promise<KithMethodOutput<'status.get'>>;
    /** Stops listing a kept problem (the person has dealt with it); answers the status without it. */
    dismissProblem(input: KithMethodInput<'status.dismissProblem'>): Promise<KithMethodOutput<'status.dismissProblem'>>;
  };
  vault: {
    /** Whether the data key can be had now, and when not, why in words (never a key or a secret). */
    status(input?: KithMethodInput<'vault.status'>): Promise<KithMethodOutput<'vault.status'>>;
    /**
     * Starts over with a new data key, only with `confirm: true` after the person read what
     * happens (VAULT_RESET_STEPS): the old sealed files are renamed aside with a timestamp,
     * never deleted; account records are kept and each is marked "needs reconnecting".
     */
    reset(input: KithMethodInput<'vault.reset'>): Promise<KithMethodOutput<'vault.reset'>>;
    /**
     * Opens a passphrase-protected vault. A wrong passphrase rejects with E_WRONG_PASSPHRASE,
     * saying how long the next try waits (each wrong one doubles it, up to 30 s).
     */
    unlock(input: KithMethodInput<'vault.unlock'>): Promise<KithMethodOutput<'vault.unlock'>>;
    /** Forgets an unlocked passphrase key now (as the idle auto-lock does); other protectors stay open. */
    lock(input?: KithMethodInput<'vault.lock'>): Promise<KithMethodOutput<'vault.lock'>>;
    /**
     * Moves the data key to a passphrase (or changes it), the OS keyring or a key file,
     * rewrapping only the data key, and answers the new protection level. Leaving or changing
     * a passphrase needs the current one (E_WRONG_PASSPHRASE otherwise).
     */
    setProtector(input: KithMethodInput<'vault.setProtector'>): Promise<KithMethodOutput<'vault.setProtector'>>;
    /** The idle auto-lock time and the protectors this Kith can move the key to. */
    settings(input?: KithMethodInput<'vault.settings'>): Promise<KithMethodOutput<'vault.settings'>>;
    /** Sets the minutes without a request after which a passphrase vault locks itself (null: never). */
    setIdleLock(input: KithMethodInput<'vault.setIdleLock'>): Promise<KithMethodOutput<'vault.setIdleLock'>>;
  };
  history: {
    /** Every disconnect's receipt, newest first, with its revocations' progress at the provider. */
    list(input?: KithMethodInput<'history.list'>): Promise<KithMethodOutput<'history.list'>>;
    /** Forgets a settled receipt (E_INVALID_INPUT while a revocation of it is still pending; E_UNKNOWN_ACCOUNT when there is none). */
    dismiss(input: KithMethodInput<'history.dismiss'>): Promise<KithMethodOutput<'history.dismiss'>>;
    /** Asks the providers again now for the receipt's pending revocations; answers the receipt as it then stands. */
    retry(input: KithMethodInput<'history.retry'>): Promise<KithMethodOutput<'history.retry'>>;
  };
  notifications: {
    /** Whether system notifications are on (they are by default). */
    get(input?: KithMethodInput<'notifications.get'>): Promise<KithMethodOutput<'notifications.get'>>;
    /** Turns system notifications on or off; the window's own toasts stay. */
    set(input: KithMethodInput<'notifications.set'>): Promise<KithMethodOutput<'notifications.set'>>;
  };
  connectivity: {
    /**
     * The page saw its network drop or return (the browser's offline/online events). A hint only:
     * Kith asks the providers' hosts itself, says what it found as a `connectivity` event, and
     * syncs when the network is back.
     */
    report(input: KithMethodInput<'connectivity.report'>): Promise<KithMethodOutput<'connectivity.report'>>;
  };
  dataFolder: {
    /**
     * Opens Kith's own data folder (the one `status.get` names) in the system's file manager; takes
     * no path, so no page can have another one opened. `opened: false` when it could not (no file
     * manager, or the shell opens nothing: KITH_BROWSER=none): the page then offers the path to copy.
     */
    open(input?: KithMethodInput<'dataFolder.open'>): Promise<KithMethodOutput<'dataFolder.open'>>;
  };
  tokens: {
    /** Script access tokens (personal tokens), oldest first, with last use and request count. Never a secret. */
    list(input?: KithMethodInput<'tokens.list'>): Promise<KithMethodOutput<'tokens.list'>>;
    /** Makes a script token; the answer's `secret` is the only time it is ever shown. E_UNKNOWN_ACCOUNT for an account Kith does not hold. */
    create(input: KithMethodInput<'tokens.create'>): Promise<KithMethodOutput<'tokens.create'>>;
    /** A new secret for the same token (name, abilities, accounts, log; the same lifetime from now); the old secret stops working. */
    regenerate(input: KithMethodInput<'tokens.regenerate'>): Promise<KithMethodOutput<'tokens.regenerate'>>;
    /** Ends a token at once, in every process. */
    revoke(input: KithMethodInput<'tokens.revoke'>): Promise<KithMethodOutput<'tokens.revoke'>>;
    /** The requests made with one token, newest first, optionally of one status class. */
    log(input: KithMethodInput<'tokens.log'>): Promise<KithMethodOutput<'tokens.log'>>;
  };
  links: {
    /**
     * Opens a friend's email in the mail program (mailto:) or their phone in the phone app (tel:),
     * through Kith's URL gate: one plain address or number, never header fields or dial parameters.
     * E_FORBIDDEN for anything else (a phone with letters or an extension). Kith never logs the value.
     */
    openContact(input: KithMethodInput<'links.openContact'>): Promise<KithMethodOutput<'links.openContact'>>;
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

/**
 * What a shell implements behind the dispatcher: KithApi's methods, each given its
 * input already validated (defaults applied), so the implementation checks nothing
 * twice. Any KithApi fits (a client, a stub), since it accepts more than this.
 */
export type KithHandlers = {
  [G in KithMethodPath<KithMethodName>[0]]: {
    [M in KithMethodName as KithMethodPath<M> extends [G, infer F extends string] ? F : never]: (
      input: KithMethodParsedInput<M>,
    ) => Promise<KithMethodOutput<M>>;
  };
} & Pick<KithApi, 'events'>;

/** True for a name the contract has a method for (never an inherited key such as `constructor`). */
export function isKithMethodName(method: unknown): method is KithMethodName {
  return typeof method === 'string' && Object.hasOwn(kithMethods, method);
}

/** Refuses a name the contract has no method for, as every transport does (E_INVALID_INPUT, the name cut short). */
export function assertKithMethodName(method: unknown): asserts method is KithMethodName {
  if (!isKithMethodName(method)) throw new KithError('E_INVALID_INPUT', `There is no method named "${String(method).slice(0, 60)}".`);
}

/**
 * KithApi's method groups (`accounts.list` -> `{ accounts: { list } }`), one
 * function per `kithMethods` entry, each made by `build`; the caller adds `events`.
 * `contractIsComplete` proves KithApi has exactly those functions.
 */
export function kithMethodGroups(build: (method: KithMethodName) => (input?: unknown, options?: KithCallOptions) => Promise<unknown>): Omit<KithApi, 'events'> {
  const groups: Record<string, Record<string, (input?: unknown, options?: KithCallOptions) => Promise<unknown>>> = {};
  for (const method of Object.keys(kithMethods) as KithMethodName[]) {
    const [group, name] = method.split('.') as [string, string];
    (groups[group] ??= {})[name] = build(method);
  }
  return groups as unknown as Omit<KithApi, 'events'>;
}

/** The function implementing `method` on an API or handlers object, bound to its group; undefined when it has none. */
export function kithMethodOf(api: KithApi | KithHandlers, method: KithMethodName): ((input: unknown) => Promise<unknown>) | undefined {
  const [group, name] = method.split('.') as [string, string];
  const target = (api as unknown as Record<string, Record<string, unknown> | undefined>)[group];
  const fn = target?.[name];
  return typeof fn === 'function' ? (input) => (fn as (input: unknown) => Promise<unknown>).call(target, input) : undefined;
}
