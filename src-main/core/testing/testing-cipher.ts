// FOR TESTS ONLY: a reversible Cipher that is not plaintext (XOR with a fixed
// key behind a marker) and detects tampering (CRC32). It protects nothing; it
// exists so tests can check that plaintext never reaches the store and can
// simulate a key rotation (`rotate()` makes older ciphertexts ask to be
// re-encrypted, as safeStorage does).
import { crc32 } from 'node:zlib';
import { KithError } from '../../../src-contract/kith-api';
import type { Cipher, Protection } from '../ports';

const MARKER = new TextEncoder().encode('TEST-ONLY-CIPHER:');
const KEY = new TextEncoder().encode('not-a-secret-test-key');

export interface TestingCipher extends Cipher {
  /** Starts a new key generation; ciphertexts from older ones decrypt with shouldReEncrypt. */
  rotate(): void;
  readonly generation: number;
  encryptCalls: number;
  decryptCalls: number;
}

export function createTestingCipher(protection: Protection = { level: 'strong', backend: 'test cipher', advice: null }): TestingCipher {
  const state = { generation: 1, encryptCalls: 0, decryptCalls: 0 };
  const xor = (bytes: Uint8Array, generation: number) => bytes.map((byte, i) => byte ^ (KEY[i % KEY.length] ?? 0) ^ generation);
  return {
    get generation() {
      return state.generation;
    },
    get encryptCalls() {
      return state.encryptCalls;
    },
    set encryptCalls(value) {
      state.encryptCalls = value;
    },
    get decryptCalls() {
      return state.decryptCalls;
    },
    set decryptCalls(value) {
      state.decryptCalls = value;
    },
    rotate() {
      state.generation += 1;
    },
    async encrypt(plaintext) {
      state.encryptCalls += 1;
      const body = xor(new TextEncoder().encode(plaintext), state.generation);
      const out = new Uint8Array(MARKER.length + 1 + body.length + 4);
      out.set(MARKER, 0);
      out[MARKER.length] = state.generation;
      out.set(body, MARKER.length + 1);
      new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)));
      return out;
    },
    async decrypt(ciphertext) {
      state.decryptCalls += 1;
      const head = ciphertext.subarray(0, MARKER.length);
      const view = new DataView(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
      if (
        ciphertext.length < MARKER.length + 5 ||
        !head.every((byte, i) => byte === MARKER[i]) ||
        view.getUint32(ciphertext.length - 4) !== crc32(ciphertext.subarray(0, ciphertext.length - 4))
      ) {
        throw new KithError('E_STORAGE', 'The encrypted data was damaged or changed and cannot be decrypted.');
      }
      const generation = ciphertext[MARKER.length] ?? 0;
      const body = ciphertext.subarray(MARKER.length + 1, ciphertext.length - 4);
      return { plaintext: new TextDecoder().decode(xor(body, generation)), shouldReEncrypt: generation !== state.generation };
    },
    async protection() {
      return protection;
    },
  };
}
