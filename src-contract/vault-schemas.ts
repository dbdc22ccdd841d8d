// The payloads of the vault's own methods: unlocking with a passphrase, moving
// the data key between protectors (passphrase, OS keyring or, in the desktop
// app, Electron's safeStorage, key file), locking,
// and the idle auto-lock setting. A passphrase crosses the boundary only as a
// method's input, never in an answer, an event or an error message.
// Imported by the renderer too: zod only.
import { z } from 'zod';
import { ProtectionSchema, ProtectorSchema, VaultStateSchema } from './schemas';

/** What a person types to unlock; any non-empty text (the KDF does the work, not a rule). */
export const PassphraseSchema = z.string().min(1).max(1024);

/** The shortest passphrase Kith accepts for a new one: NIST SP 800-63B §3.1.1.2 asks for at least 8 characters. */
export const MIN_PASSPHRASE_LENGTH = 8;
export const NewPassphraseSchema = z.string().min(MIN_PASSPHRASE_LENGTH).max(1024);

export const VaultUnlockInputSchema = z.object({ passphrase: PassphraseSchema }).strict();

/**
 * Where the data key goes next. Only the data key is rewrapped; nothing sealed with it
 * changes. Leaving (or changing) a passphrase asks for the current one first.
 */
export const ProtectorChangeSchema = z.discriminatedUnion('protector', [
  z.object({ protector: z.literal('passphrase'), passphrase: NewPassphraseSchema, currentPassphrase: PassphraseSchema.optional() }).strict(),
  z.object({ protector: z.literal('keyring'), currentPassphrase: PassphraseSchema.optional() }).strict(),
  z.object({ protector: z.literal('safe-storage'), currentPassphrase: PassphraseSchema.optional() }).strict(),
  z.object({ protector: z.literal('key-file'), currentPassphrase: PassphraseSchema.optional() }).strict(),
]);
export type ProtectorChange = z.infer<typeof ProtectorChangeSchema>;

export const ProtectorChangeResultSchema = z
  .object({
    vault: VaultStateSchema,
    /** The protection level the data key has now. */
    protection: ProtectionSchema,
  })
  .strict();
export type ProtectorChangeResult = z.infer<typeof ProtectorChangeResultSchema>;

/** Minutes without a request from any window or command before a passphrase vault locks itself; null: never. */
export const IdleLockMinutesSchema = z.number().int().min(1).max(1440).nullable();

export const VaultSettingsInputSchema = z.object({ idleLockMinutes: IdleLockMinutesSchema }).strict();

export const ProtectorChoiceSchema = z
  .object({
    protector: ProtectorSchema,
    /** Whether this Kith can move the key there now (no keyring answers: keyring is not). */
    available: z.boolean(),
    level: z.enum(['strong', 'weak']),
  })
  .strict();
export type ProtectorChoice = z.infer<typeof ProtectorChoiceSchema>;

export const VaultSettingsSchema = z
  .object({
    idleLockMinutes: IdleLockMinutesSchema,
    /** The protectors a person can choose in Settings, the current one included. */
    protectors: z.array(ProtectorChoiceSchema),
  })
  .strict();
export type VaultSettings = z.infer<typeof VaultSettingsSchema>;
