import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { deferredListing } from './friend-listing';
import type { FriendBatch, FriendSyncOutcome } from './provider';

const batch = (n: number): FriendBatch => ({ upserts: [{ personId: `p${n}`, name: `P${n}`, email: null, phone: null, avatarUrl: null }], deletions: [], total: 2 });

describe('deferredListing', () => {
  it('streams the batches and settles the outcome after the last one', async () => {
    let settled = false;
    const listing = deferredListing(async function* (): AsyncGenerator<FriendBatch, FriendSyncOutcome> {
      yield batch(1);
      yield batch(2);
      return { mode: 'full', nextSyncToken: 'next', friendTotal: null };
    });
    void listing.outcome.then(() => (settled = true));
    const seen: string[] = [];
    for await (const b of listing.batches) {
      seen.push(b.upserts[0]!.personId);
      await Promise.resolve();
      expect(settled).toBe(false);
    }
    expect(seen).toEqual(['p1', 'p2']);
    await expect(listing.outcome).resolves.toEqual({ mode: 'full', nextSyncToken: 'next', friendTotal: null });
  });

  it('rejects the outcome with the error that ended the listing', async () => {
    const listing = deferredListing(async function* (): AsyncGenerator<FriendBatch, FriendSyncOutcome> {
      yield batch(1);
      throw new KithError('E_OFFLINE', 'gone');
    });
    const seen: FriendBatch[] = [];
    await expect(
      (async () => {
        for await (const b of listing.batches) seen.push(b);
      })(),
    ).rejects.toMatchObject({ code: 'E_OFFLINE' });
    expect(seen).toHaveLength(1);
    await expect(listing.outcome).rejects.toMatchObject({ code: 'E_OFFLINE' });
  });

  it('rejects the outcome when iteration is abandoned early', async () => {
    const listing = deferredListing(async function* (): AsyncGenerator<FriendBatch, FriendSyncOutcome> {
      yield batch(1);
      yield batch(2);
      return { mode: 'full', nextSyncToken: null, friendTotal: null };
    });
    for await (const _ of listing.batches) break;
    await expect(listing.outcome).rejects.toThrow(/abandoned/);
  });
});
