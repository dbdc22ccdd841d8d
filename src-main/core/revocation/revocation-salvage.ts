// Loading a damaged revocation queue: the damaged copy is moved aside as any
// damaged document is; then every entry that can still be read (whole, and the
// shape the queue expects) is kept and retried as before, and for what cannot
// be read the provider and account it names are listed, with where the person
// removes Kith's access themselves. The person was told "queued": dropping
// entries silently would leave live grants nobody revokes.
import type { z } from 'zod';
import type { Salvaged } from '../storage/typed-document-store';

/**
 * Where a person removes a third-party app's access themselves: Google's "Manage third-party
 * apps & services with access to your account" (support.google.com/accounts/answer/13533235,
 * myaccount.google.com/connections) and Facebook's "Apps and Websites" settings
 * (facebook.com/help/170585223002660, facebook.com/settings?tab=applications).
 */
export const REMOVE_ACCESS_AT = {
  google: 'myaccount.google.com/connections',
  facebook: 'facebook.com/settings?tab=applications',
} as const;

const PROVIDER_NAME = { google: 'Google', facebook: 'Facebook' } as const;

/** The entries of a queue document are flat objects: each one is found whole, or not at all. */
const FLAT_OBJECT = /\{[^{}]*\}/g;

export function salvageRevocations<E extends { provider: 'google' | 'facebook'; accountLabel: string }>(
  entrySchema: z.ZodType<E>,
): (damaged: { value?: unknown; text?: string }) => Salvaged<{ version: 1; entries: E[] }> | null {
  return (damaged) => {
    const candidates: unknown[] = [];
    const leftovers: string[] = [];
    if (damaged.value !== undefined) {
      const entries = (damaged.value as { entries?: unknown } | null)?.entries;
      if (Array.isArray(entries)) candidates.push(...entries);
    } else if (damaged.text !== undefined) {
      let last = 0;
      for (const match of damaged.text.matchAll(FLAT_OBJECT)) {
        leftovers.push(damaged.text.slice(last, match.index));
        last = match.index + match[0].length;
        try {
          candidates.push(JSON.parse(match[0]));
        } catch {
          leftovers.push(match[0]);
        }
      }
      leftovers.push(damaged.text.slice(last));
    }
    const kept: E[] = [];
    const lostLabels: { provider: 'google' | 'facebook'; label: string | null }[] = [];
    for (const candidate of candidates) {
      const parsed = entrySchema.safeParse(candidate);
      if (parsed.success) kept.push(parsed.data);
      else lostLabels.push(...namedGrants(JSON.stringify(candidate)));
    }
    for (const piece of leftovers) lostLabels.push(...namedGrants(piece));
    if (kept.length === 0 && lostLabels.length === 0) return null;
    const lost = lostLabels.map(({ provider, label }) =>
      `A revocation of ${label ? `${label}’s ${PROVIDER_NAME[provider]} account` : `a ${PROVIDER_NAME[provider]} account`} could not be read back, so Kith cannot send it: remove Kith at ${REMOVE_ACCESS_AT[provider]}.`,
    );
    return { value: { version: 1, entries: kept }, recovered: kept.length, lost: lost.slice(0, 10) };
  };
}

/** The provider and account label a damaged fragment still names (field names and values only, never the sealed tokens). */
function namedGrants(fragment: string): { provider: 'google' | 'facebook'; label: string | null }[] {
  const found: { provider: 'google' | 'facebook'; label: string | null }[] = [];
  for (const match of fragment.matchAll(/"provider"\s*:\s*"(google|facebook)"(?:[^{}]*?"accountLabel"\s*:\s*"([^"\\]{1,200})")?/g)) {
    found.push({ provider: match[1] as 'google' | 'facebook', label: match[2] ?? null });
  }
  return found;
}
