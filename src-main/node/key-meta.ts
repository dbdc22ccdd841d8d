// A small file beside the data (vault.keymeta) that says which protector sealed
// the data key and with which key id and backend — never the key. It is what
// lets Kith tell "the key is gone or changed" from "there never was a key", so
// a missing key file or keyring entry is never silently replaced by a new key.
// Earlier versions wrote only vault.keyring (where the key lives and its id);
// it is read as a keyring entry of the default account.
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { parseJsonOrNull } from './parse-json-or-null';

export const KEY_META_NAME = 'vault.keymeta';
export const LEGACY_KEY_MARKER_NAME = 'vault.keyring';
export const DEFAULT_KEYRING_ACCOUNT = 'vault-key';

export const ScryptParamsSchema = z
  .object({
    name: z.literal('scrypt'),
    /** CPU/memory cost (a power of two), block size and parallelism, as RFC 7914 §2 names them. */
    N: z.number().int().min(1024),
    r: z.number().int().min(1),
    p: z.number().int().min(1),
    /** base64 of 16 or more random bytes. */
    salt: z.string().min(16),
  })
  .strict();
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

const keyId = z.string().regex(/^[a-f0-9]{16}$/);

export const KeyMetaSchema = z.discriminatedUnion('protector', [
  z
    .object({
      version: z.literal(1),
      protector: z.literal('key-file'),
      keyId,
      createdAt: z.number().int(),
      /** The person moved the key to the file on purpose: a keyring that answers later does not take it over. */
      chosen: z.literal(true).optional(),
    })
    .strict(),
  z
    .object({
      version: z.literal(1),
      protector: z.literal('keyring'),
      keyId,
      /** The keyring's label when the key was put there ("OS keyring (Secret Service)"). */
      backend: z.string(),
      /** The keyring entry's account name; a start-over uses a new one, so an old entry is never overwritten. */
      account: z.string().min(1),
      createdAt: z.number().int(),
    })
    .strict(),
  z
    .object({
      version: z.literal(1),
      protector: z.literal('passphrase'),
      keyId,
      kdf: ScryptParamsSchema,
      /** base64 of the data key sealed (AES-256-GCM) with the key scrypt derives from the passphrase. */
      wrapped: z.string().min(1),
      createdAt: z.number().int(),
    })
    .strict(),
]);
export type KeyMeta = z.infer<typeof KeyMetaSchema>;

const LegacyMarkerSchema = z.object({ location: z.literal('keyring'), backend: z.string(), keyId }).strict();

export type KeyMetaRead = { kind: 'none' } | { kind: 'ok'; meta: KeyMeta } | { kind: 'damaged' };

export async function readKeyMeta(dataDir: string): Promise<KeyMetaRead> {
  const text = await readOptional(path.join(dataDir, KEY_META_NAME));
  if (text !== null) {
    const parsed = KeyMetaSchema.safeParse(parseJsonOrNull(text));
    return parsed.success ? { kind: 'ok', meta: parsed.data } : { kind: 'damaged' };
  }
  const legacy = await readOptional(path.join(dataDir, LEGACY_KEY_MARKER_NAME));
  if (legacy === null) return { kind: 'none' };
  const parsed = LegacyMarkerSchema.safeParse(parseJsonOrNull(legacy));
  if (!parsed.success) return { kind: 'none' }; // earlier versions treated an unreadable marker as absent
  return { kind: 'ok', meta: { version: 1, protector: 'keyring', keyId: parsed.data.keyId, backend: parsed.data.backend, account: DEFAULT_KEYRING_ACCOUNT, createdAt: 0 } };
}

export async function writeKeyMeta(dataDir: string, meta: KeyMeta): Promise<void> {
  await writeFileAtomic(path.join(dataDir, KEY_META_NAME), `${JSON.stringify(KeyMetaSchema.parse(meta))}\n`, 0o600);
}

/** Renames the meta files aside (start over); returns the new names. */
export async function moveKeyMetaAside(dataDir: string, stamp: string): Promise<string[]> {
  const moved: string[] = [];
  for (const name of [KEY_META_NAME, LEGACY_KEY_MARKER_NAME]) {
    const target = `${name}.old-${stamp}`;
    try {
      await rename(path.join(dataDir, name), path.join(dataDir, target));
      moved.push(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return moved;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
