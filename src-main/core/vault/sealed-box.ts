// Seals any JSON value with the Cipher port into a string that can sit in a
// document (base64 ciphertext), and opens it again through a schema. The
// token vault and the revocation queue keep their secrets this way, so no
// secret is ever written in plaintext.
import type { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';
import type { Cipher } from '../ports';

export interface Opened<T> {
  value: T;
  /** The cipher rotated its key: seal the value again and store the new string. */
  shouldReEncrypt: boolean;
}

export class SealedBox {
  readonly #cipher: Cipher;

  constructor(cipher: Cipher) {
    this.#cipher = cipher;
  }

  async seal(value: unknown): Promise<string> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new KithError('E_INTERNAL', 'Only JSON values can be sealed.');
    const ciphertext = await this.#cipher.encrypt(json);
    return Buffer.from(ciphertext).toString('base64');
  }

  /** Opens a sealed string; rejects with E_STORAGE when it cannot be decrypted or does not match `schema`. */
  async open<T>(sealed: string, schema: z.ZodType<T>): Promise<T> {
    return (await this.openDetailed(sealed, schema)).value;
  }

  async openDetailed<T>(sealed: string, schema: z.ZodType<T>): Promise<Opened<T>> {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(sealed) || sealed.length === 0) {
      throw new KithError('E_STORAGE', 'Kith found encrypted data that is not in the expected format.');
    }
    let decrypted: { plaintext: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.#cipher.decrypt(new Uint8Array(Buffer.from(sealed, 'base64')));
    } catch (error) {
      if (error instanceof KithError) throw error;
      throw new KithError('E_STORAGE', 'Kith could not decrypt its stored data; it may have been changed or encrypted with another key.');
    }
    let json: unknown;
    try {
      json = JSON.parse(decrypted.plaintext);
    } catch {
      throw new KithError('E_STORAGE', 'Kith decrypted its stored data but it was not readable.');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new KithError('E_STORAGE', 'Kith decrypted its stored data but it did not have the expected contents.');
    return { value: parsed.data, shouldReEncrypt: decrypted.shouldReEncrypt };
  }
}
