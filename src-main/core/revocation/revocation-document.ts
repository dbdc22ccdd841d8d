// The revocation queue on disk: tokens waiting to be revoked, each entry's
// tokens sealed by the Cipher. Only the revocation queue reads this document.
import { z } from 'zod';
import { defineDocument } from '../storage/typed-document-store';
import { KithErrorCodeSchema, ProviderIdSchema } from '../../../src-contract/kith-api';
import { salvageRevocations } from './revocation-salvage';

const epochMs = z.number().int().nonnegative();

export const RevocationEntrySchema = z
  .object({
    id: z.string().regex(/^rev_[a-f0-9]{8,64}$/),
    provider: ProviderIdSchema,
    /** Whose grant it was, so a reconnect of the same person can forget it (revoking then would end the new grant). */
    subject: z.string(),
    accountLabel: z.string(),
    queuedAt: epochMs,
    attempts: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    /** The last failure's code, for words in the receipt (absent in entries of earlier versions). */
    lastErrorCode: KithErrorCodeSchema.nullable().optional(),
    /** Failures the provider answered (not network ones), towards giving up (give-up.ts). */
    answeredFailures: z.number().int().nonnegative().optional(),
    nextAttemptAt: epochMs.nullable(),
    /** base64 of the Cipher's output for the JSON TokenSet. */
    sealedTokens: z.string(),
  })
  .strict();
export type RevocationEntry = z.infer<typeof RevocationEntrySchema>;

export const RevocationDocumentSchema = z.object({ version: z.literal(1), entries: z.array(RevocationEntrySchema) }).strict();

export const revocationsDocument = defineDocument('revocations', RevocationDocumentSchema, { salvage: salvageRevocations(RevocationEntrySchema) });
