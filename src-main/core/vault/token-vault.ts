// One encrypted blob per account: the TokenSet is serialised to JSON, sealed
// through the Cipher port and kept as base64 in the 'vault' document. Nothing
// here is ever logged or put into an error message but the account id.
// Every change is a read-modify-write under the document's exclusive lock
// (in this process and across processes), so no update is lost.
import { z } from 'zod';
import { AccountIdSchema, KithError } from '../../../src-contract/kith-api';
import type { Cipher, Logger } from '../ports';
import type { TokenSet } from '../providers/provider';
import { defineDocument, type TypedDocumentStore } from '../storage/typed-document-store';
import { SealedBox } from './sealed-box';
import { isVaultLocked } from './vault-locked';

export const TokenSetSchema = z
  .object({
    accessToken: z.string(),
    accessTokenExpiresAt: z.number().int().nullable(),
    refreshToken: z.string().nullable(),
    refreshTokenExpiresAt: z.number().int().nullable().optional(),
    scopes: z.array(z.string()),
  })
  .strict() satisfies z.ZodType<TokenSet>;

export const VaultDocument = defineDocument(
  'vault',
  z
    .object({
      version: z.literal(1),
      /** accountId -> base64 ciphertext of the account's TokenSet JSON. */
      entries: z.record(AccountIdSchema, z.string().min(1)),
    })
    .strict(),
);
type VaultContents = z.infer<typeof VaultDocument.schema>;

export interface TokenVaultOptions {
  documents: TypedDocumentStore;
  cipher: Cipher;
  log: Logger;
}

export class TokenVault {
  readonly #documents: TypedDocumentStore;
  readonly #box: SealedBox;
  readonly #log: Logger;

  constructor(options: TokenVaultOptions) {
    this.#documents = options.documents;
    this.#box = new SealedBox(options.cipher);
    this.#log = options.log;
  }

  /** The account's tokens, or null when none are stored. Rejects with E_STORAGE when the blob cannot be decrypted. */
  async get(accountId: string): Promise<TokenSet | null> {
    const { entries } = await this.#load();
    const sealed = Object.hasOwn(entries, accountId) ? entries[accountId] : undefined;
    if (sealed === undefined) return null;
    let opened;
    try {
      opened = await this.#box.openDetailed(sealed, TokenSetSchema);
    } catch (error) {
      // Locked is not damaged: the entry is fine, the key is away; say so, and change nothing.
      if (isVaultLocked(error)) throw error;
      this.#log.error('vault entry could not be opened', { accountId, code: error instanceof KithError ? error.code : 'unknown' });
      throw new KithError('E_STORAGE', `Kith could not decrypt the saved sign-in for account ${accountId}; reconnect the account to sign in again.`);
    }
    if (opened.shouldReEncrypt) await this.#reEncrypt(accountId, sealed, opened.value);
    return opened.value;
  }

  async put(accountId: string, tokens: TokenSet): Promise<void> {
    assertAccountId(accountId);
    // Sealed before the lock is taken: encryption (safeStorage, a keyring) need not hold up other writers.
    const sealed = await this.#box.seal(TokenSetSchema.parse(tokens));
    await this.#documents.update(VaultDocument, emptyVault, (contents) => {
      contents.entries[accountId] = sealed;
      return { result: undefined, changed: true };
    });
  }

  /** Removes the account's tokens (nothing happens when there are none). */
  async delete(accountId: string): Promise<void> {
    await this.#documents.update(VaultDocument, emptyVault, (contents) => {
      if (!Object.hasOwn(contents.entries, accountId)) return { result: undefined, changed: false };
      delete contents.entries[accountId];
      return { result: undefined, changed: true };
    });
  }

  async has(accountId: string): Promise<boolean> {
    return Object.hasOwn((await this.#load()).entries, accountId);
  }

  async accountIds(): Promise<string[]> {
    return Object.keys((await this.#load()).entries);
  }

  /**
   * Reads every entry once, so each one the cipher asks to be re-encrypted (an older key,
   * another cipher's seal) is sealed again now. Before the data key moves to a passphrase,
   * nothing should still depend on the store it leaves. An entry that cannot be read is left
   * as it is (get has logged why).
   */
  async resealAll(): Promise<void> {
    for (const accountId of await this.accountIds()) {
      await this.get(accountId).catch((error: unknown) => {
        if (isVaultLocked(error)) throw error;
      });
    }
  }

  async #reEncrypt(accountId: string, previous: string, tokens: TokenSet): Promise<void> {
    try {
      await this.#documents.update(VaultDocument, emptyVault, async (contents) => {
        // A put that landed meanwhile is newer than what we decrypted: keep it.
        if (contents.entries[accountId] !== previous) return { result: undefined, changed: false };
        contents.entries[accountId] = await this.#box.seal(tokens);
        return { result: undefined, changed: true };
      });
      this.#log.info('vault entry re-encrypted with the current key', { accountId });
    } catch (error) {
      // The old ciphertext still decrypts; try again on the next read.
      this.#log.warn('vault entry could not be re-encrypted', { accountId, code: error instanceof KithError ? error.code : 'unknown' });
    }
  }

  async #load(): Promise<VaultContents> {
    const { value } = await this.#documents.readOr(VaultDocument, emptyVault);
    return value;
  }
}

function emptyVault(): VaultContents {
  return { version: 1, entries: {} };
}

function assertAccountId(accountId: string): void {
  if (!AccountIdSchema.safeParse(accountId).success) throw new KithError('E_INVALID_INPUT', 'Not a Kith account id.');
}
