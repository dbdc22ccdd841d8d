// Consumes a friend listing to the end, the way the sync does, so provider
// tests can assert on its batches, outcome, and every upsert and deletion.
import type { FriendBatch, FriendListing } from '../providers/provider';

export async function drain(listing: FriendListing) {
  const batches: FriendBatch[] = [];
  for await (const batch of listing.batches) batches.push(batch);
  return { batches, outcome: await listing.outcome, upserts: batches.flatMap((b) => b.upserts), deletions: batches.flatMap((b) => b.deletions) };
}
