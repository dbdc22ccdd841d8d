// Disconnect receipts on disk: what each disconnect deleted here and what
// became of its revocations at the providers, kept until the person dismisses
// them. A document rather than a table of the SQLite store, because a receipt
// matters most when that database cannot be opened: a disconnect with an
// unreadable key still removes the account, and its receipt ("Kith could not
// revoke; remove it at Google yourself") must be kept all the same. The file
// holds names and emails, as the accounts document does; never a token.
import { z } from 'zod';
import { DisconnectReceiptSchema, ReceiptAccountSchema, ReceiptRevocationSchema } from '../../../src-contract/kith-api';
import { defineDocument } from '../storage/typed-document-store';

const StoredRevocationSchema = ReceiptRevocationSchema.pick({ state: true, settledAt: true, problem: true })
  .extend({
    /** The revocation queue's entry while it is pending; the queue says how the attempts go. */
    revocationId: z.string().nullable(),
  })
  .strict();

export const StoredReceiptAccountSchema = ReceiptAccountSchema.omit({ revocation: true }).extend({ revocation: StoredRevocationSchema }).strict();
export type StoredReceiptAccount = z.infer<typeof StoredReceiptAccountSchema>;

export const StoredReceiptSchema = DisconnectReceiptSchema.omit({ accounts: true, settled: true })
  .extend({ accounts: z.array(StoredReceiptAccountSchema) })
  .strict();
export type StoredReceipt = z.infer<typeof StoredReceiptSchema>;

export const receiptsDocument = defineDocument(
  'disconnect-receipts',
  z.object({ version: z.literal(1), receipts: z.array(StoredReceiptSchema) }).strict(),
);
