// The store's log, which a full sync leaves unfolded (FriendsStore.checkpoint),
// is folded after the sync has answered, as background work the core waits
// for in idle() — never before the answer, and never left undone.
import { describe, expect, it } from 'vitest';
import type { FriendsDatabase } from '../ports';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createMemoryFriendsDatabase } from '../../node/store/testing/memory-friends-database';
import { createTestCore } from '../testing/test-core';

function foldRecording(steps: string[]): FriendsDatabase {
  const inner = createMemoryFriendsDatabase();
  return {
    ...inner,
    open: async (key) => {
      const opening = await inner.open(key);
      if (opening.kind !== 'open') return opening;
      return { ...opening, store: { ...opening.store, checkpoint: async () => void steps.push('folded') } };
    },
  };
}

describe('after a sync', () => {
  it('folds the store log once the sync has answered, and idle() waits for it', async () => {
    const steps: string[] = [];
    const t = createTestCore({ friendsDatabase: foldRecording(steps), syncAfterConnect: false });
    t.google.upsert(person('c1', 'Amara Castillo'));
    t.login.queue.push({ tokens: t.google.issueTokens({}), identity: identity('ada', 'Ada Lovelace') });
    const account = await t.core.accounts.connect({ provider: 'google' });

    const [result] = await t.core.sync.run({ accountId: account.id });
    steps.push('answered');
    expect(result).toMatchObject({ ok: true, mode: 'full', friendCount: 1 });
    await t.assembled.idle();

    expect(steps).toEqual(['answered', 'folded']);
  });
});
