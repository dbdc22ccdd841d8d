// Everything startSandbox() and the CLI accept, with the documented defaults.
import { z } from 'zod';
import { FaultSettingsPatchSchema } from './faults';
import { SANDBOX_CREDENTIALS } from './seed/people';

export const FacebookAppModeSchema = z.enum(['development', 'live']);
export type FacebookAppMode = z.infer<typeof FacebookAppModeSchema>;

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
    /**
     * Facebook app mode. "development" (default) accepts http redirect URIs on localhost / 127.0.0.1,
     * "live" refuses every http one (Facebook Login's "Enforce HTTPS", on since 2018).
     */
    facebookAppMode: FacebookAppModeSchema.default('development'),
    /** The app's client token (App settings > Advanced), embedded in apps for Login for Devices. */
    facebookClientToken: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).default(SANDBOX_CREDENTIALS.facebook.clientToken),
    /** Login for Devices: lifetime of a device code (the guide's example answers expires_in 420). */
    facebookDeviceCodeTtlSeconds: z.number().int().min(1).default(420),
    /** Login for Devices: the poll interval the sandbox announces and enforces (Facebook's is 5 s). */
    facebookDevicePollIntervalSeconds: z.number().int().min(1).default(5),
    /** Login for Devices: lifetime of the user token login_status returns (a long-lived token, ~60 days). */
    facebookDeviceTokenTtlSeconds: z.number().int().min(1).default(60 * 24 * 3600),
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
    /**
     * Whom auto-consent signs in (key or email), overriding login_hint: a test of "reconnect Alan,
     * pick Ada". null: the login_hint person, else the first seeded one.
     */
    autoConsentPerson: z.string().min(1).nullable(),
    /** Scopes (Google) or permissions (Facebook) auto-consent leaves unticked, e.g. contacts.readonly, user_friends. */
    autoConsentDecline: z.array(z.string().min(1)).max(20),
    accessTokenTtlSeconds: z.number().int().min(1),
    /** null: Google refresh tokens do not expire. */
    refreshTokenTtlSeconds: z.number().int().min(1).nullable(),
    longLivedTokenTtlSeconds: z.number().int().min(1),
    codeTtlSeconds: z.number().int().min(1),
    syncTokenTtlSeconds: z.number().int().min(1),
    facebookAppMode: FacebookAppModeSchema,
    facebookDeviceCodeTtlSeconds: z.number().int().min(1),
    facebookDevicePollIntervalSeconds: z.number().int().min(1),
    facebookDeviceTokenTtlSeconds: z.number().int().min(1),
  })
  .strict();
export type RuntimeSettings = z.infer<typeof RuntimeSettingsSchema>;
