import { describe, expect, it } from 'vitest';
import { GOOGLE_CONTACTS_SCOPE } from '../providers/permission-scopes';
import { accountStanding, emptyReason, type AccountFacts } from './empty-state';

const google = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  accountId: 'acc_google1',
  provider: 'google',
  scopes: ['openid', GOOGLE_CONTACTS_SCOPE],
  status: 'active',
  lastSyncedAt: 1_700_000_000_000,
  syncing: false,
  entries: 0,
  ...over,
});

describe('why the Friends list is empty', () => {
  it('tells each account state apart', () => {
    expect(accountStanding(google({ lastSyncedAt: null })).state).toBe('never_synced');
    expect(accountStanding(google({ lastSyncedAt: null, syncing: true })).state).toBe('first_sync_running');
    expect(accountStanding(google()).state).toBe('synced_empty');
    expect(accountStanding(google({ entries: 3 })).state).toBe('ready');
    expect(accountStanding(google({ status: 'needs_reconnect', entries: 3 })).state).toBe('needs_reconnect');
    const declined = accountStanding({ ...google(), accountId: 'acc_fb00001', provider: 'facebook', scopes: ['public_profile'] });
    expect(declined).toMatchObject({ state: 'permission_missing', missingPermissions: ['friends'] });
  });

  it('puts the account that can be fixed by asking again first, and names it', () => {
    const accounts = [
      accountStanding(google({ lastSyncedAt: null })),
      accountStanding({ ...google(), accountId: 'acc_fb00001', provider: 'facebook', scopes: ['public_profile'] }),
    ];
    expect(emptyReason(accounts, 0)).toEqual({ reason: 'permission_missing', accountIds: ['acc_fb00001'] });
  });

  it('says no match when the accounts hold people and the search found none', () => {
    expect(emptyReason([accountStanding(google({ entries: 40 })), accountStanding(google({ accountId: 'acc_google2' }))], 0)).toEqual({ reason: 'no_match', accountIds: [] });
    expect(emptyReason([accountStanding(google({ entries: 40 }))], 12)).toBeNull();
    expect(emptyReason([], 0)).toEqual({ reason: 'no_accounts', accountIds: [] });
    expect(emptyReason([accountStanding(google())], 0)).toEqual({ reason: 'synced_empty', accountIds: ['acc_google1'] });
  });
});
