// The friends part of the contract (kith-api.ts): what `friends.list`,
// `friends.get` and `friends.export` take and answer.
//
// Words used here:
// - an *entry* is one contact or friend as one account holds it (a row of
//   one provider's list);
// - a *person* is one or more entries Kith takes for the same human being:
//   a shared email address or phone number (normalised), or, for a Facebook
//   friend (Facebook shares a name and a picture only), the same name as
//   exactly one person of the other accounts. Every entry of a person is one
//   of its `sources`; `sameAs` on each says why it was joined.
// - `view: 'entries'` ("show separately") lists every entry as its own person
//   with one source.
//
// Imported by the renderer too: zod only.
import { z } from 'zod';
import { AccountIdSchema, PermissionSchema, ProviderIdSchema } from './schemas';

const epochMs = z.number().int().nonnegative();

/** `${accountId}:${provider person id}`: one entry, unique across accounts. */
export const FriendEntryIdSchema = z.string().min(1).max(300);

export const FriendSortSchema = z.enum(['first_name', 'last_name', 'recently_changed']);
export type FriendSort = z.infer<typeof FriendSortSchema>;

/** 'people': entries of the same person shown once, with every source; 'entries': each account's entry apart. */
export const FriendViewSchema = z.enum(['people', 'entries']);
export type FriendView = z.infer<typeof FriendViewSchema>;

/** An email address or phone number with the provider's label for it ("work", "Mobile"), if any. */
export const LabelledValueSchema = z
  .object({
    value: z.string(),
    /** As the provider gives it (People's formattedType, else its type); null when none. */
    label: z.string().nullable(),
  })
  .strict();
export type LabelledValue = z.infer<typeof LabelledValueSchema>;

/** A person's email or phone across sources: the value once, with the entries that hold it. */
export const PersonValueSchema = LabelledValueSchema.extend({ sourceIds: z.array(FriendEntryIdSchema).min(1) }).strict();
export type PersonValue = z.infer<typeof PersonValueSchema>;

/** Why an entry was taken for the same person as another of its sources. */
export const SameAsSchema = z
  .object({
    /**
     * 'email' / 'phone': the same address or number (case, spaces and punctuation aside);
     * 'name': a Facebook friend with the same name as one contact of another account;
     * 'facebook_id': the same Facebook friend seen from two Facebook accounts (one app-scoped id).
     */
    kind: z.enum(['email', 'phone', 'name', 'facebook_id']),
    /** The shared address, number, name or id, as this entry holds it. */
    value: z.string(),
    /** The other source it shares it with. */
    withSourceId: FriendEntryIdSchema,
  })
  .strict();
export type SameAs = z.infer<typeof SameAsSchema>;

/** One entry of a person: where it came from and what that account holds. */
export const FriendSourceSchema = z
  .object({
    id: FriendEntryIdSchema,
    accountId: AccountIdSchema,
    provider: ProviderIdSchema,
    /** The account's person, by name ("Kofi Mensah"), for "also in Kofi Mensah's Facebook". */
    accountName: z.string(),
    /** The account's email, to tell two accounts of one person apart; null when the provider gave none. */
    accountEmail: z.string().nullable(),
    name: z.string(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    /** The primary one first. */
    emails: z.array(LabelledValueSchema),
    phones: z.array(LabelledValueSchema),
    avatarUrl: z.string().nullable(),
    /** The provider's last change to the entry, when it says one (Google does; Facebook does not). */
    updatedAt: epochMs.nullable(),
    /** When the account's last sync completed. */
    lastSyncedAt: epochMs.nullable(),
    /** Null for the person's first source; else why this entry joined the person. */
    sameAs: SameAsSchema.nullable(),
  })
  .strict();
export type FriendSource = z.infer<typeof FriendSourceSchema>;

/**
 * A person (or, with view 'entries', one entry). The first fields are those of its first
 * source (the one sorting first by name), so a row can show it without looking further.
 */
export const FriendSchema = z
  .object({
    /** The first source's entry id; `friends.get` takes it (or any of the sources' ids). */
    id: FriendEntryIdSchema,
    accountId: AccountIdSchema,
    provider: ProviderIdSchema,
    name: z.string(),
    /** The primary email of the first source that has one. */
    email: z.string().nullable(),
    /** The primary phone of the first source that has one. */
    phone: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    /** Every email of every source, each once (the first source's first). */
    emails: z.array(PersonValueSchema),
    phones: z.array(PersonValueSchema),
    /** At least one; the first is the one the fields above come from. */
    sources: z.array(FriendSourceSchema).min(1),
    /** The latest `updatedAt` of its sources. */
    updatedAt: epochMs.nullable(),
  })
  .strict();
export type Friend = z.infer<typeof FriendSchema>;

/**
 * How `friends.list` gives each item: 'full' (a Friend with every source and value, as when
 * the option is left out) or 'row' (a FriendListRow: only what a row of a list shows, about
 * a third of the size; `friends.get` then reads the whole person).
 */
export const FriendShapeSchema = z.enum(['full', 'row']);
export type FriendShape = z.infer<typeof FriendShapeSchema>;

/** One account a person is in, as a row names it ("Kofi Mensah's Facebook"). */
export const FriendRowAccountSchema = z
  .object({
    accountId: AccountIdSchema,
    provider: ProviderIdSchema,
    /** The account's person, by name. */
    accountName: z.string(),
  })
  .strict();
export type FriendRowAccount = z.infer<typeof FriendRowAccountSchema>;

/** A person (or an entry) as a row of a list shows it: `friends.list` with `shape: 'row'`. */
export const FriendListRowSchema = z
  .object({
    /** As Friend's `id`: `friends.get` takes it. */
    id: FriendEntryIdSchema,
    name: z.string(),
    avatarUrl: z.string().nullable(),
    /** The person's first email (Friend's `emails[0]`: `email`, with its label), null when none. */
    primaryEmail: LabelledValueSchema.nullable(),
    /** The person's first phone (Friend's `phones[0]`), null when none. */
    primaryPhone: LabelledValueSchema.nullable(),
    /** Each account holding the person, once, in the order of its sources. */
    accounts: z.array(FriendRowAccountSchema).min(1),
  })
  .strict();
export type FriendListRow = z.infer<typeof FriendListRowSchema>;

/**
 * A person's row: its name, picture, first email and phone, and each account it is in once.
 * The one rule for what `shape: 'row'` keeps of a Friend, for the core and the renderer's fakes.
 */
export function toFriendRow(friend: Friend): FriendListRow {
  const accounts: FriendRowAccount[] = [];
  for (const source of friend.sources) {
    if (!accounts.some((a) => a.accountId === source.accountId)) accounts.push({ accountId: source.accountId, provider: source.provider, accountName: source.accountName });
  }
  const first = (values: readonly PersonValue[]) => (values[0] ? { value: values[0].value, label: values[0].label } : null);
  return { id: friend.id, name: friend.name, avatarUrl: friend.avatarUrl, primaryEmail: first(friend.emails), primaryPhone: first(friend.phones), accounts };
}

export const FriendQuerySchema = z
  .object({
    /** Only entries of this account. */
    accountId: AccountIdSchema.optional(),
    /** Only entries of these accounts (the host server sets it for a script token limited to some accounts). */
    accountIds: z.array(AccountIdSchema).max(100).optional(),
    /** Only entries of this provider's accounts. */
    provider: ProviderIdSchema.optional(),
    /** Word prefixes in any order against names, emails and phones; case and accents ignored. */
    search: z.string().max(200).optional(),
    /** 'last_name' falls back to the name's last word; 'recently_changed' puts entries the provider dates first, newest first. */
    sort: FriendSortSchema.default('first_name'),
    view: FriendViewSchema.default('people'),
    /** The previous page's `nextCursor` (same query): the next page starts after it, whatever changed meanwhile. */
    after: z.string().max(8000).optional(),
    /** Items to skip (after `after`, when given). */
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(200),
    /** Left out: 'full'. No default, so a query without it reaches the core as it always has. */
    shape: FriendShapeSchema.optional(),
  })
  .strict();
export type FriendQuery = z.input<typeof FriendQuerySchema>;

/** Where one account stands, as far as its friends are concerned. */
export const FriendAccountStateSchema = z.enum([
  /** Synced; holds entries. */
  'ready',
  /** Never synced yet, and no sync is running. */
  'never_synced',
  /** Its first sync is running. */
  'first_sync_running',
  /** Synced, and the provider listed no one. */
  'synced_empty',
  /** The person did not share their contacts / friends with Kith (`accounts.requestPermission` asks again). */
  'permission_missing',
  /** The grant was revoked or lapsed; what was synced before is still listed. */
  'needs_reconnect',
]);
export type FriendAccountState = z.infer<typeof FriendAccountStateSchema>;

/**
 * Why a list has no one in it, most actionable first: 'no_accounts' (nothing connected),
 * 'no_match' (the search or filter matches no one while the accounts do hold people), else
 * the accounts' own state (permission_missing, needs_reconnect, first_sync_running,
 * never_synced, synced_empty).
 */
export const FriendEmptyReasonSchema = z.enum([
  'no_accounts',
  'no_match',
  'permission_missing',
  'needs_reconnect',
  'first_sync_running',
  'never_synced',
  'synced_empty',
]);
export type FriendEmptyReason = z.infer<typeof FriendEmptyReasonSchema>;

export const FriendPageSchema = z
  .object({
    items: z.array(FriendSchema),
    offset: z.number().int().nonnegative(),
    /** How many items (people, or entries with view 'entries') match the query, all pages. */
    total: z.number().int().nonnegative(),
    /** Passed back as `after` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    /** The match in both views: "1,204 people (1,310 entries)". */
    counts: z.object({ people: z.number().int().nonnegative(), entries: z.number().int().nonnegative() }).strict(),
    /**
     * For "jump to": the offset (in this query's order, from its start) of the first item of
     * each initial present, A–Z then '#' for the rest. Sent with the first page (no `after`,
     * offset 0) of a name sort; null otherwise.
     */
    letters: z.array(z.object({ letter: z.string().min(1).max(2), offset: z.number().int().nonnegative() }).strict()).nullable(),
    /** Set when `total` is 0: why, and the accounts it is about (the ones to re-ask, reconnect or wait for). */
    empty: z.object({ reason: FriendEmptyReasonSchema, accountIds: z.array(AccountIdSchema) }).strict().nullable(),
    /** Each account the query covers, in connection order, with its state and entries held. */
    accounts: z
      .array(
        z
          .object({
            accountId: AccountIdSchema,
            state: FriendAccountStateSchema,
            entries: z.number().int().nonnegative(),
            missingPermissions: z.array(PermissionSchema),
          })
          .strict(),
      ),
  })
  .strict();
export type FriendPage = z.infer<typeof FriendPageSchema>;

/** `friends.list`'s answer with `shape: 'row'`: the same page, its items rows. */
export const FriendRowPageSchema = FriendPageSchema.extend({ items: z.array(FriendListRowSchema) }).strict();
export type FriendRowPage = z.infer<typeof FriendRowPageSchema>;

/** The schema `friends.list`'s answer is checked against, by the shape asked for. */
export function friendPageSchemaFor(query: { shape?: FriendShape | undefined }): typeof FriendPageSchema | typeof FriendRowPageSchema {
  return query.shape === 'row' ? FriendRowPageSchema : FriendPageSchema;
}

export const FriendGetInputSchema = z
  .object({
    /** Any source's entry id. */
    id: FriendEntryIdSchema,
    view: FriendViewSchema.default('people'),
  })
  .strict();

export const FriendExportFormatSchema = z.enum(['vcf', 'csv']);
export type FriendExportFormat = z.infer<typeof FriendExportFormatSchema>;

export const FriendExportInputSchema = z
  .object({
    /** 'vcf': vCard 4.0 (RFC 6350), which Google Contacts and Thunderbird both import; 'csv': see `csvColumns`. */
    format: FriendExportFormatSchema,
    /**
     * The CSV's header row: 'google' (Google Contacts' own CSV: "First Name", "E-mail 1 - Label",
     * "E-mail 1 - Value", …) or 'thunderbird' (Thunderbird's field names: "First Name",
     * "Primary Email", "Mobile Number", …, which its importer maps without asking). Ignored for vcf.
     */
    csvColumns: z.enum(['google', 'thunderbird']).default('google'),
    accountId: AccountIdSchema.optional(),
    provider: ProviderIdSchema.optional(),
    search: z.string().max(200).optional(),
    view: FriendViewSchema.default('people'),
    sort: FriendSortSchema.default('first_name'),
  })
  .strict();
export type FriendExportInput = z.input<typeof FriendExportInputSchema>;

export const FriendExportSchema = z
  .object({
    format: FriendExportFormatSchema,
    /** A name to save it under ("kith-contacts-2026-12-02.vcf"). */
    filename: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/),
    mimeType: z.enum(['text/vcard', 'text/csv']),
    /** The whole file (CRLF line ends in both formats). */
    text: z.string(),
    /** People (or entries) written. */
    count: z.number().int().nonnegative(),
  })
  .strict();
export type FriendExport = z.infer<typeof FriendExportSchema>;
