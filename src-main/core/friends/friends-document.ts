// The offline cache of one account's friends, in the 'friends-<accountId>'
// document. People are stored as tuples (one copy of the list, no repeated
// keys: 50,000 contacts stay a few MB). The People sync token is sealed with
// the Cipher: it is not a credential, but it never needs to leave the core.
import { z } from 'zod';
import { defineDocument } from '../storage/typed-document-store';
import { AccountIdSchema, ProviderIdSchema } from '../../../src-contract/kith-api';

export const PersonTupleSchema = z.tuple([z.string(), z.string(), z.string().nullable(), z.string().nullable(), z.string().nullable()]);
/** [personId, name, email, phone, avatarUrl] */
export type PersonTuple = z.infer<typeof PersonTupleSchema>;

export const FriendsDocumentSchema = z
  .object({
    version: z.literal(1),
    accountId: AccountIdSchema,
    provider: ProviderIdSchema,
    /** The last sync that completed; the cache is exactly what it returned. */
    syncedAt: z.number().int().nonnegative(),
    friendTotal: z.number().int().nonnegative().nullable(),
    /** base64 of the Cipher's output, or null (Facebook, or no incremental sync possible). */
    sealedSyncToken: z.string().nullable(),
    people: z.array(PersonTupleSchema),
  })
  .strict();
export type FriendsDocument = z.infer<typeof FriendsDocumentSchema>;

export const friendsDocument = (accountId: string) => defineDocument(`friends-${accountId}`, FriendsDocumentSchema);
