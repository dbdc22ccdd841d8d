// Script access tokens as the contract shows them: what the "Script access"
// page and `kith token` list, create and read. A token's secret (kith_p_...)
// appears in exactly one place, the answer to tokens.create or
// tokens.regenerate; the records never carry it, nor its hash.
import { z } from 'zod';
import { AccountIdSchema } from './schemas';

export const ScriptTokenIdSchema = z.string().regex(/^tok_[0-9A-Za-z]{12,32}$/, 'not a Kith access token id');

/** What a token may do. `app` (everything the window can do) is only made on the command line. */
export const ScriptTokenAbilitySchema = z.enum(['accounts:read', 'friends:read', 'app']);
export type ScriptTokenAbility = z.infer<typeof ScriptTokenAbilitySchema>;
/** The abilities a script token may be created with from the page. */
export const ScriptAbilitySchema = z.enum(['accounts:read', 'friends:read']);

const epochMs = z.number().int().nonnegative();

export const ScriptTokenSchema = z
  .object({
    id: ScriptTokenIdSchema,
    name: z.string().min(1).max(100),
    abilities: z.array(ScriptTokenAbilitySchema).min(1),
    /** The only accounts it may read; null: every account. */
    accountIds: z.array(AccountIdSchema).min(1).max(100).nullable(),
    createdAt: epochMs,
    expiresAt: epochMs,
    lastUsedAt: epochMs.nullable(),
    /** Requests the access log holds for it (the newest 10,000 of every token, 30 days at most). */
    requestCount: z.number().int().nonnegative(),
  })
  .strict();
export type ScriptToken = z.infer<typeof ScriptTokenSchema>;

/** The longest a script token may live: a year (366 days, for a leap year). */
export const SCRIPT_TOKEN_MAX_LIFETIME_MS = 366 * 24 * 3600_000;

export const CreateScriptTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    abilities: z.array(ScriptAbilitySchema).min(1).max(2),
    /** Limit it to these accounts; absent: every account, now and later. */
    accountIds: z.array(AccountIdSchema).min(1).max(100).optional(),
    /** When it stops working (ms since the epoch): after now, at most a year away. */
    expiresAt: epochMs,
  })
  .strict();

/** The one answer that carries a secret: shown once, never stored or sent again. */
export const IssuedScriptTokenSchema = z
  .object({
    token: ScriptTokenSchema,
    secret: z.string().regex(/^kith_p_[0-9A-Za-z]{20,80}$/),
  })
  .strict();
export type IssuedScriptToken = z.infer<typeof IssuedScriptTokenSchema>;

export const ScriptTokenRefSchema = z.object({ tokenId: ScriptTokenIdSchema }).strict();

export const AccessLogStatusFilterSchema = z.enum(['2xx', '3xx', '4xx', '5xx']);
export type AccessLogStatusFilter = z.infer<typeof AccessLogStatusFilterSchema>;

export const AccessLogQuerySchema = z
  .object({
    tokenId: ScriptTokenIdSchema,
    status: AccessLogStatusFilterSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const AccessLogEntrySchema = z
  .object({
    at: epochMs,
    method: z.string().regex(/^[A-Z]{3,7}$/),
    /** Path and query; a secret-looking parameter's value reads "redacted". */
    path: z.string().max(2048),
    status: z.number().int().min(100).max(599),
    durationMs: z.number().nonnegative(),
    bytes: z.number().int().nonnegative(),
  })
  .strict();
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

export const AccessLogPageSchema = z.object({ entries: z.array(AccessLogEntrySchema) }).strict();
