// Fault switches, per provider, so a test can break Google and leave Facebook
// alone. Rates draw from a seeded PRNG (same seed, same sequence); `next`
// counters fail exactly the next N API requests, for tests that must not be
// probabilistic. Faults apply to the API endpoints (token, revoke, userinfo,
// People, Graph), not to consent pages, discovery, JWKS or avatars.
import { z } from 'zod';
import { createPrng } from './util/random';
import type { ProviderName } from './state/grants';

export const FacebookThrottleCodeSchema = z.union([z.literal(4), z.literal(17), z.literal(32), z.literal(613)]);
export type FacebookThrottleCode = z.infer<typeof FacebookThrottleCodeSchema>;

export const FaultKindSchema = z.enum(['server-error', 'rate-limit', 'malformed']);
export type FaultKind = z.infer<typeof FaultKindSchema>;

const rate = z.number().min(0).max(1);

export const FaultSettingsSchema = z
  .object({
    /** Added before every API answer. */
    latencyMs: z.number().int().min(0).max(120_000),
    /** Share of API requests answered with a 5xx. */
    serverErrorRate: rate,
    /** Share answered with Google's 429 + Retry-After, or Facebook's throttling error (HTTP 400/403). */
    rateLimitRate: rate,
    /** Share answered 200 with a truncated JSON body. */
    malformedRate: rate,
    /** Google's Retry-After, in seconds. */
    retryAfterSeconds: z.number().int().min(0).max(86_400),
    /** Which Facebook throttling code to send. */
    throttleCode: FacebookThrottleCodeSchema,
    /** Fail exactly the next N API requests of this kind (checked before the rates). */
    next: z.object({ 'server-error': z.number().int().min(0), 'rate-limit': z.number().int().min(0), malformed: z.number().int().min(0) }).strict(),
  })
  .strict();
export type FaultSettings = z.infer<typeof FaultSettingsSchema>;

export const FaultSettingsPatchSchema = FaultSettingsSchema.omit({ next: true }).partial().strict();
export type FaultSettingsPatch = z.infer<typeof FaultSettingsPatchSchema>;

export function defaultFaultSettings(): FaultSettings {
  return {
    latencyMs: 0,
    serverErrorRate: 0,
    rateLimitRate: 0,
    malformedRate: 0,
    retryAfterSeconds: 30,
    throttleCode: 4,
    next: { 'server-error': 0, 'rate-limit': 0, malformed: 0 },
  };
}

export class FaultController {
  private settings: Record<ProviderName, FaultSettings>;
  private random: () => number;

  constructor(
    private readonly initial: Partial<Record<ProviderName, FaultSettingsPatch>>,
    private readonly seed: number,
  ) {
    this.settings = this.fresh();
    this.random = createPrng(seed);
  }

  get(provider: ProviderName): FaultSettings {
    return structuredClone(this.settings[provider]);
  }

  all(): Record<ProviderName, FaultSettings> {
    return { google: this.get('google'), facebook: this.get('facebook') };
  }

  update(provider: ProviderName, patch: FaultSettingsPatch): FaultSettings {
    this.settings[provider] = { ...this.settings[provider], ...patch };
    return this.get(provider);
  }

  failNext(provider: ProviderName, kind: FaultKind, count: number): FaultSettings {
    this.settings[provider].next[kind] += count;
    return this.get(provider);
  }

  /** Back to the settings the sandbox started with. */
  reset(): void {
    this.settings = this.fresh();
    this.random = createPrng(this.seed);
  }

  /** Clears every fault, including the ones given at startup. */
  clear(provider?: ProviderName): void {
    for (const name of provider ? [provider] : (['google', 'facebook'] as const)) this.settings[name] = defaultFaultSettings();
  }

  /** Decides the fault (if any) for one API request. */
  draw(provider: ProviderName): FaultKind | null {
    const s = this.settings[provider];
    for (const kind of FaultKindSchema.options) {
      if (s.next[kind] > 0) {
        s.next[kind] -= 1;
        return kind;
      }
    }
    if (s.serverErrorRate > 0 && this.random() < s.serverErrorRate) return 'server-error';
    if (s.rateLimitRate > 0 && this.random() < s.rateLimitRate) return 'rate-limit';
    if (s.malformedRate > 0 && this.random() < s.malformedRate) return 'malformed';
    return null;
  }

  private fresh(): Record<ProviderName, FaultSettings> {
    return {
      google: { ...defaultFaultSettings(), ...this.initial.google },
      facebook: { ...defaultFaultSettings(), ...this.initial.facebook },
    };
  }
}
