import { describe, expect, it } from 'vitest';
import { createNonce, createState, randomToken, sameSecret } from './random-state';

describe('state and nonce', () => {
  it('are 43 URL-safe characters and differ every time', () => {
    const values = new Set<string>();
    for (let i = 0; i < 100; i += 1) {
      const state = createState();
      const nonce = createNonce();
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
      values.add(state).add(nonce);
    }
    expect(values.size).toBe(200);
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => randomToken(() => new Uint8Array(8))).toThrow(RangeError);
  });

  it('compares secrets exactly', () => {
    const state = createState();
    expect(sameSecret(state, state)).toBe(true);
    expect(sameSecret(state, `${state}x`)).toBe(false);
    expect(sameSecret(state, state.slice(0, -1) + (state.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(sameSecret(state, null)).toBe(false);
    expect(sameSecret(state, '')).toBe(false);
  });
});
