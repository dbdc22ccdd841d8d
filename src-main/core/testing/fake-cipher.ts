// A reversible stand-in for the real ciphers: the output never contains the
// plaintext verbatim (bytes are XOR-ed), so "no token on disk" checks are meaningful.
import type { Cipher, Protection } from '../ports';

const MAGIC = 0x5a;

export function createFakeCipher(protection: Protection = { level: 'strong', backend: 'test cipher', advice: null }): Cipher & { decrypts: number } {
  const cipher = {
    decrypts: 0,
    async encrypt(plaintext: string) {
      const bytes = new TextEncoder().encode(plaintext);
      return bytes.map((b) => b ^ MAGIC);
    },
    async decrypt(ciphertext: Uint8Array) {
      cipher.decrypts += 1;
      return { plaintext: new TextDecoder().decode(ciphertext.map((b) => b ^ MAGIC)), shouldReEncrypt: false };
    },
    async protection() {
      return protection;
    },
  };
  return cipher;
}
