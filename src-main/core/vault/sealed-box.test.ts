import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SealedBox } from './sealed-box';
import { createTestingCipher } from '../testing/testing-cipher';

const Payload = z.object({ provider: z.enum(['google', 'facebook']), token: z.string() }).strict();

describe('SealedBox', () => {
  it('seals a JSON value into a base64 string that hides it, and opens it again', async () => {
    const box = new SealedBox(createTestingCipher());
    const sealed = await box.seal({ provider: 'google', token: '1//revoke-me-0123456789' });
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('revoke-me');
    expect(await box.open(sealed, Payload)).toEqual({ provider: 'google', token: '1//revoke-me-0123456789' });
  });

  it('reports a rotated key so the caller can seal again', async () => {
    const cipher = createTestingCipher();
    const box = new SealedBox(cipher);
    const sealed = await box.seal({ provider: 'facebook', token: 'EAAx' });
    cipher.rotate();
    expect(await box.openDetailed(sealed, Payload)).toMatchObject({ shouldReEncrypt: true });
  });

  it('rejects garbage, tampering and unexpected contents with E_STORAGE', async () => {
    const box = new SealedBox(createTestingCipher());
    await expect(box.open('not base64!', Payload)).rejects.toMatchObject({ code: 'E_STORAGE' });
    await expect(box.open('', Payload)).rejects.toMatchObject({ code: 'E_STORAGE' });
    const sealed = Buffer.from(await box.seal({ provider: 'google', token: 't' }), 'base64');
    sealed[20] = (sealed[20] ?? 0) ^ 0xff;
    await expect(box.open(sealed.toString('base64'), Payload)).rejects.toMatchObject({ code: 'E_STORAGE' });
    const other = await box.seal({ provider: 'myspace', token: 't' });
    await expect(box.open(other, Payload)).rejects.toMatchObject({ code: 'E_STORAGE' });
    await expect(box.seal(undefined)).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });
});
