// The non-secret record Kith keeps per connected account, in the 'accounts'
// document. Tokens live only in the vault; this file never holds one.
import { z } from 'zod';
import { defineDocument } from '../storage/typed-document-store';
import { AccountIdSchema, AccountStatusSchema, KithErrorSchema, ProviderIdSchema, ReconnectReasonSchema } from '../../../src-contract/kith-api';

const epochMs = z.number().int().nonnegative();

export const AccountRecordSchema = z
  .object({
    id: AccountIdSchema,
    provider: ProviderIdSchema,
    /** Google `sub` / Facebook user id. With the provider, who the account is. */
    subject: z.string().min(1),
    displayName: z.string(),
    email: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    /** The scopes the provider last said it granted: never a merge that would claim access withdrawn since. */
    scopes: z.array(z.string()),
    status: AccountStatusSchema,
    statusError: KithErrorSchema.nullable(),
    connectedAt: epochMs,
    reconnectBy: epochMs.nullable(),
    reconnectReason: ReconnectReasonSchema.nullable().default(null),
    /** When the current access token expires (not secret), to turn Facebook accounts "needs reconnect" in time. */
    accessTokenExpiresAt: epochMs.nullable(),
    /** When the newest refresh token was issued, for Google "Testing" apps' 7-day lifetime. */
    refreshTokenIssuedAt: epochMs.nullable(),
    /** When the grant ends, as the provider said (Google's refresh_token_expires_in); null when it said none. */
    refreshTokenExpiresAt: epochMs.nullable().default(null),
    lastSyncedAt: epochMs.nullable(),
    lastSyncError: KithErrorSchema.nullable(),
    /** Friends held in the offline cache, kept here so listing accounts never loads a cache. */
    friendCount: z.number().int().nonnegative(),
    friendTotal: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type AccountRecord = z.infer<typeof AccountRecordSchema>;

export const AccountsDocumentSchema = z.object({ version: z.literal(1), accounts: z.array(AccountRecordSchema) }).strict();
export type AccountsDocument = z.infer<typeof AccountsDocumentSchema>;

export const accountsDocument = defineDocument('accounts', AccountsDocumentSchema);
