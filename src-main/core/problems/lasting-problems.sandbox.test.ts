// Problems that last: found by one process, shown by every later one until the
// person dismisses them; sealed sign-ins whose accounts were lost are listed
// with where to remove Kith; a damaged revocation queue keeps every entry it can
// still read and names the grants it cannot.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revocationsDocument } from '../revocation/revocation-document';
import { TypedDocumentStore } from '../storage/typed-document-store';
import { startKithSandbox, type KithSandbox } from '../testing/kith-sandbox';
import { MemoryDocumentStore } from '../testing/memory-document-store';
import { createRecordingLogger } from '../testing/recording-logger';
import { createSandboxCore, type SandboxCore } from '../testing/sandbox-core';
import { createTestingCipher } from '../testing/testing-cipher';

let env: KithSandbox;
const opened: SandboxCore[] = [];
beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: true });
});
afterAll(async () => {
  await env.close();
});
afterEach(async () => {
  for (const kith of opened.splice(0)) await kith.core.close();
});

/** Another Kith process over the same data folder (the same documents, the same key). */
async function processOver(store: MemoryDocumentStore, cipher = createTestingCipher()) {
  const kith = await createSandboxCore(env, { store, cipher });
  opened.push(kith);
  return kith;
}

describe('problems that last until the person acts', () => {
  it('a damaged account list and the sign-ins it orphaned are shown by every later process until dismissed', async () => {
    const store = new MemoryDocumentStore();
    const cipher = createTestingCipher();
    const first = await processOver(store, cipher);
    const ada = await first.core.accounts.connect({ provider: 'google' });
    await first.core.close();
    store.putRaw('accounts', '{"version":1,"accounts":[{"id":"acc_trunc');

    const second = await processOver(store, cipher);
    const found = (await second.core.status.get({})).storageProblems;
    expect(found.map((p) => p.message).join('\n')).toMatch(/"accounts" data was damaged/);
    const orphaned = found.find((p) => p.document === 'vault');
    expect(orphaned?.message).toContain(`saved sign-in (${ada.id}) whose account record was lost`);
    expect(orphaned?.message).toContain('myaccount.google.com/connections');
    // Nothing sealed was deleted.
    expect(JSON.parse(store.raw('vault')!).entries[ada.id]).toBeTruthy();
    await second.core.close();

    // A later process reads a fresh (empty) account list: only the kept record says what happened.
    const third = await processOver(store, cipher);
    const kept = (await third.core.status.get({})).storageProblems;
    expect(kept.filter((p) => p.id !== undefined)).toHaveLength(2);
    const damaged = kept.find((p) => p.document === 'accounts')!;
    const after = await third.core.status.dismissProblem({ id: damaged.id! });
    expect(after.storageProblems.map((p) => p.document)).toEqual(['vault']);
    await third.core.close();

    const fourth = await processOver(store, cipher);
    expect((await fourth.core.status.get({})).storageProblems.map((p) => p.document)).toEqual(['vault']);
  });
});

describe('a damaged revocation queue', () => {
  const entry = (id: string, provider: string, label: string) =>
    JSON.stringify({ id, provider, subject: `sub-${id}`, accountLabel: label, queuedAt: 1, attempts: 0, lastError: null, nextAttemptAt: null, sealedTokens: 'c2VhbGVk' }, null, '\t');

  it('keeps every entry it can still read and names, with where to remove Kith, the grant it cannot', async () => {
    const store = new MemoryDocumentStore();
    const documents = new TypedDocumentStore(store, createRecordingLogger());
    const whole = entry('rev_0123456789abcdef', 'google', 'ada@example.com');
    const cut = entry('rev_fedcba9876543210', 'facebook', 'Kofi Mensah').slice(0, 140);
    store.putRaw('revocations', `{"version":1,"entries":[${whole},${cut}`);

    const read = await documents.read(revocationsDocument);
    expect(read).toMatchObject({ kind: 'ok', value: { entries: [{ id: 'rev_0123456789abcdef', accountLabel: 'ada@example.com' }] } });
    const [problem] = documents.problems();
    expect(problem?.message).toContain('Kith kept 1 entry it could still read.');
    expect(problem?.message).toContain('A revocation of Kofi Mensah’s Facebook account could not be read back, so Kith cannot send it: remove Kith at facebook.com/settings?tab=applications.');
    // The damaged copy is kept aside, and the kept entry is written back for the queue to retry.
    expect(store.names().some((n) => n.startsWith('revocations.corrupt-'))).toBe(true);
    expect(JSON.parse(store.raw('revocations')!).entries).toHaveLength(1);
  });
});
