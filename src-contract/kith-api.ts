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
  DisconnectResultSchema,
  KithStatusSchema,
  LoginEndedSchema,
  LoginStartedSchema,
  PendingRevocationSchema,
  PermissionSchema,
  ProviderIdSchema,
  ContactLinkSchema,
  ReconnectResultSchema,
  SyncProgressSchema,
  SyncResultSchema,
} from './schemas';
import { FriendExportInputSchema, FriendExportSchema, FriendGetInputSchema, FriendPageSchema, FriendQuerySchema, FriendSchema } from './friends-schemas';

export * from './schemas';
export * from './friends-schemas';
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
  'friends.list': { input: FriendQuerySchema, output: FriendPageSchema },
  'friends.get': { input: FriendGetInputSchema, output: FriendSchema.nullable() },
  'friends.export': { input: FriendExportInputSchema, output: FriendExportSchema },
  'sync.run': { input: z.object({ accountId: AccountIdSchema.optional() }).strict(), output: z.array(SyncResultSchema) },
  'status.get': { input: noInput, output: KithStatusSchema },
  'links.openContact': { input: ContactLinkSchema, output: z.null() },
} as const;
export type KithMethodName = keyof typeof kithMethods;
export type KithMethodInput<M extends KithMethodName> = z.input<(typeof kithMethods)[M]['input']>;
export type KithMethodOutput<M extends KithMethodName> = z.infer<(typeof kithMethods)[M]['output']>;
/** An input after the dispatcher parsed it: defaults applied, nothing unknown left. */
export type KithMethodParsedInput<M extends KithMethodName> = z.output<(typeof kithMethods)[M]['input']>;

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
  };
  friends: {
    /**
     * A page of cached people (or entries), sorted and filtered, across all accounts or one;
     * works offline. Carries both counts, letter offsets for "jump to" and, when empty, why.
     */
    list(input?: KithMethodInput<'friends.list'>): Promise<KithMethodOutput<'friends.list'>>;
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
export function kithMethodGroups(build: (method: KithMethodName) => (input?: unknown) => Promise<unknown>): Omit<KithApi, 'events'> {
  const groups: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
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
