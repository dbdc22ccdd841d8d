// Whether the data folder holds anything sealed with a data key: saved
// sign-ins (vault.json), queued revocations (revocations.json), the friends
// store's sealed key (store-key.json). Data from before key-meta files
// existed has no record of its key; this probe is what keeps Kith from
// making a new key over it.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const SEALED_ENTRIES: Record<string, (value: unknown) => boolean> = {
  'vault.json': (v) => Object.keys((v as { entries?: object } | null)?.entries ?? {}).length > 0,
  'revocations.json': (v) => (((v as { entries?: unknown[] } | null)?.entries ?? []) as unknown[]).length > 0,
};

const SEALED_FILES = ['store-key.json'];

export async function sealedDataExists(dataDir: string): Promise<boolean> {
  for (const [name, hasEntries] of Object.entries(SEALED_ENTRIES)) {
    let text: string;
    try {
      text = await readFile(path.join(dataDir, name), 'utf8');
    } catch {
      continue;
    }
    try {
      if (hasEntries(JSON.parse(text))) return true;
    } catch {
      // Unparseable: it may well hold sealed data; never make a new key over it.
      return true;
    }
  }
  for (const name of SEALED_FILES) {
    if (await stat(path.join(dataDir, name)).then(() => true, () => false)) return true;
  }
  return false;
}
