// Request and response shapes of the admin API (/__sandbox/*), shared by the
// server (validation) and admin-client.ts (types).
import { z } from 'zod';
import { FaultKindSchema, FaultSettingsPatchSchema } from './faults';
import { RuntimeSettingsSchema } from './options';

export const ProviderNameSchema = z.enum(['google', 'facebook']);

export const RevokeGrantRequestSchema = z
  .object({
    provider: ProviderNameSchema,
    /** Seeded person's email or key; omitted: every person of that provider. */
    person: z.string().optional(),
    /** How the person ended it; Facebook answers 458 / 460 / 467 accordingly. Default "removed-app". */
    reason: z.enum(['removed-app', 'password-changed', 'logged-out']).default('removed-app'),
  })
  .strict();

export const ExpireTokensRequestSchema = z.object({ provider: ProviderNameSchema.optional() }).strict();

export const ChangeContactsRequestSchema = z
  .object({
    /** Seeded Google person's email or key; default the first (Ada). */
    person: z.string().optional(),
    updated: z.number().int().min(0).max(100_000).default(0),
    deleted: z.number().int().min(0).max(100_000).default(0),
    added: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export const FailNextRequestSchema = z.object({ kind: FaultKindSchema, count: z.number().int().min(1).max(10_000).default(1) }).strict();

export const AdvanceClockRequestSchema = z.object({ seconds: z.number().min(0).max(10 * 365 * 24 * 3600) }).strict();

export const DeviceDecisionRequestSchema = z
  .object({
    /** The user_code; omitted: the newest pending device login. */
    userCode: z.string().min(1).max(32).optional(),
    /** Seeded Facebook person's key or email; default the first (Kofi). */
    person: z.string().optional(),
    decision: z.enum(['allow', 'deny']).default('allow'),
    /** Keep the friends checkbox ticked (default true). */
    friends: z.boolean().default(true),
  })
  .strict();

export const SettingsPatchSchema = RuntimeSettingsSchema.partial().strict();

export { FaultSettingsPatchSchema };
