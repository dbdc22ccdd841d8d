import { describe, expect, it } from 'vitest';
import { KithStatusSchema } from '../../../src-contract/kith-api';
import { createTestCore } from '../testing/test-core';

describe('status.storageProblems', () => {
  it('reports a damaged accounts file, moved aside, without its contents', async () => {
    const t = createTestCore();
    t.store.putRaw('accounts', '{"accounts": [ this is not json, secret-looking-value');
    const status = KithStatusSchema.parse(await t.core.status.get({}));
    expect(status.storageProblems).toHaveLength(1);
    expect(status.storageProblems[0]!.document).toBe('accounts');
    expect(status.storageProblems[0]!.message).toMatch(/damaged.*moved aside to .*accounts\.corrupt/);
    expect(status.storageProblems[0]!.message).not.toContain('secret-looking-value');
    // Kith carries on with an empty list rather than failing.
    expect(await t.core.accounts.list({})).toEqual([]);
  });

  it('is empty when every file reads cleanly', async () => {
    const t = createTestCore();
    expect((await t.core.status.get({})).storageProblems).toEqual([]);
  });
});
