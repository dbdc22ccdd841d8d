// A friends cache of 50,000 contacts must round-trip whole and quickly. Prints
// the figures (see measure-large-document.ts for the full comparison).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfDocumentStore } from './conf-document-store';
import { makeFriendsDocument, measureLargeDocument } from './testing/measure-large-document';

describe('a 50,000-contact friends document', () => {
  it('round-trips intact through the store', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kith-large-'));
    try {
      const store = await createConfDocumentStore({ dir: root });
      const doc = makeFriendsDocument('acc_large00001', 50_000);
      await store.write('friends-acc_large00001', doc);
      const read = await store.read('friends-acc_large00001');
      expect(read.kind).toBe('ok');
      expect((read as { value: typeof doc }).value).toEqual(doc);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('is written and read in well under a second each, as compact JSON', async () => {
    const figures = await measureLargeDocument(50_000, 1);
    console.log(`50k-contact document: ${JSON.stringify(figures)}`);
    // Compact JSON: conf's default tab-indented format would be ~30% bigger.
    expect(figures.fileBytes).toBeLessThan(10_000_000);
    // Generous bounds: the machine is shared; typical figures are 50-150 ms.
    expect(figures.fastWriteMs).toBeLessThan(2_000);
    expect(figures.fastReadMs).toBeLessThan(2_000);
    expect(figures.typedReadMs).toBeLessThan(3_000);
  }, 120_000);
});
