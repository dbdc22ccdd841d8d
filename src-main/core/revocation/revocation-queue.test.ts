import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { KithError } from '../../../src-contract/kith-api';
import { createEventHub } from '../api/event-hub';
import { createConnectivity } from '../friends/connectivity';
import { TypedDocumentStore } from '../storage/typed-document-store';
import { createTestingCipher } from '../testing/testing-cipher';
import { createFakeProvider } from '../testing/fake-provider';
import { createManualClock } from '../testing/manual-clock';
import { MemoryDocumentStore } from '../testing/memory-document-store';
import { createRecordingLogger } from '../testing/recording-logger';
import { createRevocationQueue } from './revocation-queue';

function setup() {
  const clock = createManualClock();
  const log = createRecordingLogger();
  const events = createEventHub(log);
  const cipher = createTestingCipher();
  // Unsealing can be made to wait, to stand for an attempt between reading its entry and the wire.
  let gate: Promise<void> | null = null;
  const slowCipher = {
    ...cipher,
    decrypt: async (ciphertext: Uint8Array) => {
      if (gate) await gate;
      return cipher.decrypt(ciphertext);
    },
  };
  const google = createFakeProvider('google', clock);
  const facebook = createFakeProvider('facebook', clock);
  const store = new MemoryDocumentStore();
  const queue = createRevocationQueue({
    documents: new TypedDocumentStore(store, log, { now: clock.now }),
    cipher: slowCipher,
    providers: { google, facebook },
    connectivity: createConnectivity(events),
    events,
    clock,
    scheduler: clock,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  });
  const closeGate = () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    return () => {
      gate = null;
      open();
    };
  };
  return { clock, cipher, store, google, facebook, queue, closeGate };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('revocation queue', () => {
  it('seals again what the cipher asks to (before a key move), and the revocation still lands with the same tokens', async () => {
    const { cipher, store, google, queue } = setup();
    const tokens = google.issueTokens();
    const id = await queue.enqueue({ provider: 'google', subject: 's1', accountLabel: 'Ann', tokens });
    const sealed = () => (JSON.parse(store.raw('revocations')!) as { entries: { sealedTokens: string }[] }).entries[0]!.sealedTokens;
    const before = sealed();
    cipher.rotate();
    await queue.resealAll();
    expect(sealed()).not.toBe(before);
    expect((await cipher.decrypt(new Uint8Array(Buffer.from(sealed(), 'base64')))).shouldReEncrypt).toBe(false);
    // Nothing left to seal again: the entry is not rewritten.
    const after = sealed();
    await queue.resealAll();
    expect(sealed()).toBe(after);
    expect(await queue.attempt(id)).toBe(true);
    expect(google.calls.revoke).toEqual([tokens]);
  });

  it('does not send an attempt whose entry was forgotten while it was getting ready', async () => {
    const { google, queue, closeGate } = setup();
    const id = await queue.enqueue({ provider: 'google', subject: 's1', accountLabel: 'Ann', tokens: google.issueTokens() });
    const openGate = closeGate();
    const attempt = queue.attempt(id);
    await settle();
    await queue.forget('google', 's1');
    openGate();
    expect(await attempt).toBe(true);
    expect(google.calls.revoke).toEqual([]);
  });

  it('hold waits for the provider\'s attempt on the wire, not for another provider\'s', async () => {
    const { google, facebook, queue } = setup();
    let landGoogle!: () => void;
    google.revokeImpl = () => new Promise<void>((resolve) => (landGoogle = resolve));
    facebook.revokeImpl = () => new Promise<void>(() => {});
    const g = await queue.enqueue({ provider: 'google', subject: 'g', accountLabel: 'G', tokens: google.issueTokens() });
    const f = await queue.enqueue({ provider: 'facebook', subject: 'f', accountLabel: 'F', tokens: facebook.issueTokens() });
    void queue.attempt(g);
    void queue.attempt(f);
    await settle();
    expect([google.calls.revoke.length, facebook.calls.revoke.length]).toEqual([1, 1]);
    let held = false;
    const holding = queue.hold('google').then((release) => {
      held = true;
      return release;
    });
    await settle();
    expect(held).toBe(false);
    landGoogle();
    // Resolves although Facebook's attempt is still hanging.
    (await holding)();
    expect(held).toBe(true);
  });

  it('a held provider starts no attempt; release sends what fell due meanwhile', async () => {
    const { google, facebook, queue } = setup();
    const release = await queue.hold('google');
    const g = await queue.enqueue({ provider: 'google', subject: 'g', accountLabel: 'G', tokens: google.issueTokens() });
    const f = await queue.enqueue({ provider: 'facebook', subject: 'f', accountLabel: 'F', tokens: facebook.issueTokens() });
    expect(await queue.attempt(g)).toBe(false);
    expect(await queue.attempt(f)).toBe(true);
    expect(google.calls.revoke).toEqual([]);
    expect(facebook.calls.revoke).toHaveLength(1);
    release();
    release();
    await settle();
    expect(google.calls.revoke).toHaveLength(1);
    expect(await queue.pending()).toEqual([]);
  });

  it('keeps holding until every hold of the provider is released', async () => {
    const { google, queue } = setup();
    google.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Google could not be reached.'));
    const first = await queue.hold('google');
    const second = await queue.hold('google');
    const g = await queue.enqueue({ provider: 'google', subject: 'g', accountLabel: 'G', tokens: google.issueTokens() });
    await queue.attempt(g);
    first();
    await settle();
    expect(google.calls.revoke).toEqual([]);
    second();
    await settle();
    expect(google.calls.revoke).toHaveLength(1);
  });
});
