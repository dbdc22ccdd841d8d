// Measures a 50,000-contact friends document through both DocumentStore paths
// (conf, and the async fast path the friends caches use) and through the typed
// layer's zod validation. Run: npx tsx src-main/node/testing/measure-large-document.ts
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { friendsDocument, type FriendsDocument } from '../../core/friends/friends-document';
import { createRecordingLogger } from '../../core/testing/recording-logger';
import type { DocumentStore } from '../../core/ports';
import { TypedDocumentStore } from '../../core/storage/typed-document-store';
import { createConfDocumentStore } from '../conf-document-store';

export interface LargeDocumentFigures {
  contacts: number;
  fileBytes: number;
  confWriteMs: number;
  confReadMs: number;
  fastWriteMs: number;
  fastReadMs: number;
  /** Longest time the event loop was blocked during one write, per path. */
  confWriteMaxStallMs: number;
  fastWriteMaxStallMs: number;
  typedWriteMs: number;
  typedReadMs: number;
}

export function makeFriendsDocument(accountId: string, contacts: number): FriendsDocument {
  return {
    version: 1,
    accountId,
    provider: 'google',
    syncedAt: 1_700_000_000_000,
    friendTotal: contacts,
    sealedSyncToken: null,
    people: Array.from({ length: contacts }, (_, i) => [
      `people/c${(7_000_000_000_000_000_000n + BigInt(i)).toString()}`,
      `Contact Number ${i} Family-Name`,
      `contact.${i}@example.com`,
      i % 3 === 0 ? null : `+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`,
      `https://lh3.googleusercontent.com/cm/contact-${i}-photo=s100`,
    ]),
  };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

/** The median of `runs` timings, after one warm-up run. */
async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(run))[1]);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

async function maxStall(run: () => Promise<unknown>): Promise<number> {
  let stall = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await run();
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  return stall;
}

export async function measureLargeDocument(contacts = 50_000, runs = 5): Promise<LargeDocumentFigures> {
  const root = await mkdtemp(path.join(tmpdir(), 'kith-measure-'));
  try {
    const accountId = 'acc_measure0001';
    const name = `friends-${accountId}`;
    const doc = makeFriendsDocument(accountId, contacts);
    const viaConf: DocumentStore = await createConfDocumentStore({ dir: path.join(root, 'conf'), isLarge: () => false });
    const fast: DocumentStore = await createConfDocumentStore({ dir: path.join(root, 'fast') });
    const typed = new TypedDocumentStore(fast, createRecordingLogger());

    const confWriteMs = await median(runs, () => viaConf.write(name, doc));
    const confReadMs = await median(runs, () => viaConf.read(name));
    const fastWriteMs = await median(runs, () => fast.write(name, doc));
    const fastReadMs = await median(runs, () => fast.read(name));

    const confWriteMaxStallMs = await maxStall(() => viaConf.write(name, doc));
    const fastWriteMaxStallMs = await maxStall(() => fast.write(name, doc));

    const typedWriteMs = await median(runs, () => typed.write(friendsDocument(accountId), doc));
    const typedReadMs = await median(runs, () => typed.read(friendsDocument(accountId)));
    const fileBytes = (await stat(path.join(root, 'fast', `${name}.json`))).size;
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      contacts,
      fileBytes,
      confWriteMs: round(confWriteMs),
      confReadMs: round(confReadMs),
      fastWriteMs: round(fastWriteMs),
      fastReadMs: round(fastReadMs),
      confWriteMaxStallMs: round(confWriteMaxStallMs),
      fastWriteMaxStallMs: round(fastWriteMaxStallMs),
      typedWriteMs: round(typedWriteMs),
      typedReadMs: round(typedReadMs),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureLargeDocument(), null, 2));
}
