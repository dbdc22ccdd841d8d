import { describe, expect, it } from 'vitest';
import { createEventHub } from '../api/event-hub';
import { createConnectivity } from '../friends/connectivity';
import { TypedDocumentStore } from '../storage/typed-document-store';
import { accountRecord } from '../testing/account-fixture';
import { createFakeProvider } from '../testing/fake-provider';
import { createManualClock } from '../testing/manual-clock';
import { MemoryDocumentStore } from '../testing/memory-document-store';
import { createMemoryVault } from '../testing/memory-vault';
import { createRecordingLogger } from '../testing/recording-logger';
import { createAccountRepository } from './account-repository';
import { createProviderTokens } from './provider-tokens';

function setup() {
  const clock = createManualClock();
  const log = createRecordingLogger();
  const repo = createAccountRepository(new TypedDocumentStore(new MemoryDocumentStore(), log));
  const vault = createMemoryVault();
  const google = createFakeProvider('google', clock);
  const tokens = createProviderTokens({
    repo,
    vault,
    providers: { google },
    clock,
    log,
    connectivity: createConnectivity(createEventHub(log)),
    googleAppInTesting: false,
    onAccountChanged: () => {},
  });
  return { clock, repo, vault, google, tokens };
}

const record = (id: string) => accountRecord({ id, subject: id, displayName: id });

describe('refresh single flight', () => {
  it('runs one refresh for 50 concurrent callers of one account, one per account across accounts', async () => {
    const s = setup();
    for (const id of ['acc_aaaaaaaa', 'acc_bbbbbbbb']) {
      await s.repo.put(record(id));
      await s.vault.put(id, { ...s.google.issueTokens({ expiresInMs: 60_000 }) });
    }
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = s.google.refreshImpl;
    s.google.refreshImpl = async (t) => {
      await gate;
      return base(t);
    };
    const callers = Array.from({ length: 50 }, (_, i) => s.tokens.accessToken(i % 2 ? 'acc_aaaaaaaa' : 'acc_bbbbbbbb'));
    await new Promise((r) => setImmediate(r));
    release();
    const results = await Promise.all(callers);
    expect(s.google.calls.refresh).toBe(2);
    expect(new Set(results).size).toBe(2);
    expect(results[1]).toBe(s.vault.entries.get('acc_aaaaaaaa')!.accessToken);
  });

  it('a caller that read the old tokens just before a refresh finished does not refresh again with them', async () => {
    const s = setup();
    await s.repo.put(record('acc_aaaaaaaa'));
    await s.vault.put('acc_aaaaaaaa', s.google.issueTokens({ expiresInMs: 60_000 }));
    const first = await s.tokens.accessToken('acc_aaaaaaaa');
    const second = await s.tokens.accessToken('acc_aaaaaaaa');
    expect(second).toBe(first);
    expect(s.google.calls.refresh).toBe(1);
  });

  it('rejects with E_UNKNOWN_ACCOUNT for an account it does not know', async () => {
    const s = setup();
    await expect(s.tokens.accessToken('acc_zzzzzzzz')).rejects.toMatchObject({ code: 'E_UNKNOWN_ACCOUNT' });
  });
});
