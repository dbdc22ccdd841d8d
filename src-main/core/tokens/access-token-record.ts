// What Kith keeps about each of its access tokens, and what it shows. The
// token itself is shown once, at issue; only its SHA-256 hash is stored.
import { z } from 'zod';
import { AccountIdSchema } from '../../../src-contract/schemas';
import { ACCESS_TOKEN_TYPES } from './access-token-format';

export const ACCESS_TOKEN_ABILITIES = ['accounts:read', 'friends:read', 'app'] as const;
/** `app` is everything the app's own page may do, and implies every other ability. */
export type AccessTokenAbility = (typeof ACCESS_TOKEN_ABILITIES)[number];

const epochMs = z.number().int().nonnegative();

export const AccessTokenRecordSchema = z
  .object({
    id: z.string().regex(/^tok_[0-9A-Za-z]{12,32}$/),
    name: z.string().min(1).max(100),
    type: z.enum(ACCESS_TOKEN_TYPES),
    abilities: z.array(z.enum(ACCESS_TOKEN_ABILITIES)).min(1),
    createdAt: epochMs,
    expiresAt: epochMs,
    lastUsedAt: epochMs.nullable(),
    /** The only accounts the token may read; absent: every account. Disconnecting the last one revokes the token. */
    accounts: z.array(AccountIdSchema).min(1).max(100).optional(),
  })
  .strict();
export type AccessTokenRecord = z.infer<typeof AccessTokenRecordSchema>;

export const StoredAccessTokenSchema = AccessTokenRecordSchema.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type StoredAccessToken = z.infer<typeof StoredAccessTokenSchema>;

export function toRecord(stored: StoredAccessToken): AccessTokenRecord {
  const { hash: _hash, ...record } = stored;
  return record;
}
