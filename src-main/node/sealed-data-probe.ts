// Whether the data folder holds anything sealed with a data key: saved
// sign-ins (vault.json), queued revocations (revocations.json), the friends
// store's sealed key (store-key.json). Data from before key-meta files
// existed has no record of its key; this probe is what keeps Kith from
// making a new key over it. Blobs another cipher still reads (the Electron
// shell's safeStorage seals from before it had a data key) can be left out.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The sealed strings (base64) each document keeps. */
const SEALED_STRINGS: Record<string, (value: unknown) => unknown[]> = {
  'vault.json': (v) => Object.values((v as { entries?: object } | null)?.entries ?? {}),
  'revocations.json': (v) => (((v as { entries?: unknown[] } | null)?.entries ?? []) as { sealedTokens?: unknown }[]).map((e) => e?.sealedTokens),
  'store-key.json': (v) => [(v as { sealedKey?: unknown } | null)?.sealedKey ?? ''],
};

/**
 * `readableWithoutKey` says which blobs need no data key (they are read another way);
 * those alone never count as sealed data.
 */
export async function sealedDataExists(dataDir: string, readableWithoutKey?: (blob: Uint8Array) => boolean): Promise<boolean> {
  for (const [name, sealedStrings] of Object.entries(SEALED_STRINGS)) {
    let text: string;
    try {
      text = await readFile(path.join(dataDir, name), 'utf8');
    } catch {
      continue;
    }
    let strings: unknown[];
    try {
      strings = sealedStrings(JSON.parse(text));
    } catch {
      // Unparseable: it may well hold sealed data; never make a new key over it.
      return true;
    }
    if (!readableWithoutKey) {
      if (strings.length > 0) return true;
      continue;
    }
    // Anything that is not a plain sealed string is of unknown making: it counts.
    if (strings.some((sealed) => typeof sealed !== 'string' || sealed === '' || !readableWithoutKey(new Uint8Array(Buffer.from(sealed, 'base64'))))) return true;
  }
  return false;
}
