// Everything startSandbox() and the CLI accept, with the documented defaults.
import { z } from 'zod';
import { FaultSettingsPatchSchema } from './faults';
import { SANDBOX_CREDENTIALS } from './seed/people';

export const SandboxOptionsSchema = z
  .object({
    /** 0 (default) picks a free port. The sandbox binds 127.0.0.1 only. */
    port: z.number().int().min(0).max(65_535).default(0),
    /** Approve at once for the first seeded person (or the login_hint one), with no page. */
    autoConsent: z.boolean().default(false),
    /** Lifetime of Google access tokens and Facebook short-lived tokens. Google's is 3600 s. */
    accessTokenTtlSeconds: z.number().int().min(1).default(3600),
    /**
     * Google refresh token lifetime; unset (default) means they do not expire. Google gives apps in
     * "Testing" publishing status refresh tokens that expire after 7 days (604800), with
     * `refresh_token_expires_in` in the token response.
     */
    refreshTokenTtlSeconds: z.number().int().min(1).optional(),
    /** Facebook long-lived tokens (fb_exchange_token): about 60 days. */
    longLivedTokenTtlSeconds: z.number().int().min(1).default(60 * 24 * 3600),
    /** Authorization codes; 60 s as the issue specifies. */
    codeTtlSeconds: z.number().int().min(1).default(60),
    /** People sync tokens expire after 7 days, as Google documents. */
    syncTokenTtlSeconds: z.number().int().min(1).default(7 * 24 * 3600),
    /** Contacts for every seeded Google person (default: each person's own count). */
    contacts: z.number().int().min(0).max(1_000_000).optional(),
    /** Friends for every seeded Facebook person (default: each person's own count). */
    friends: z.number().int().min(0).max(1_000_000).optional(),
    /** The Facebook app's registered redirect URIs (Strict Mode: exact match). */
    facebookRedirectUris: z.array(z.url()).min(1).default([...SANDBOX_CREDENTIALS.facebook.defaultRedirectUris]),
    /** Faults active from the start, per provider. */
    faults: z.object({ google: FaultSettingsPatchSchema.optional(), facebook: FaultSettingsPatchSchema.optional() }).strict().default({}),
    /** Seed of the PRNG behind fault rates. */
    faultSeed: z.number().int().default(1),
    /** Serve /__sandbox/* (default true). */
    admin: z.boolean().default(true),
  })
  .strict();

export type SandboxOptionsInput = z.input<typeof SandboxOptionsSchema>;
export type SandboxConfig = z.output<typeof SandboxOptionsSchema>;

/** Settings tests may change at run time through the admin API (PUT /__sandbox/settings takes any part of them). */
export const RuntimeSettingsSchema = z
  .object({
    autoConsent: z.boolean(),
    accessTokenTtlSeconds: z.number().int().min(1),
    /** null: Google refresh tokens do not expire. */
    refreshTokenTtlSeconds: z.number().int().min(1).nullable(),
    longLivedTokenTtlSeconds: z.number().int().min(1),
    codeTtlSeconds: z.number().int().min(1),
    syncTokenTtlSeconds: z.number().int().min(1),
  })
  .strict();
export type RuntimeSettings = z.infer<typeof RuntimeSettingsSchema>;
