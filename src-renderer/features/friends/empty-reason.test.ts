import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-contract/kith-api';
import { sampleAccount } from '../../../src-contract/testing/stub-kith-api';
import { emptyReason, emptyReasonOf } from './empty-reason';

const account = (patch: Partial<AccountSummary>): AccountSummary => ({ ...sampleAccount, friendCount: 0, ...patch });

describe('why the friend list is empty', () => {
  it('says a search matched no one before anything about the accounts', () => {
    expect(emptyReason([account({ lastSyncedAt: null })], '  zed ')).toEqual({ kind: 'no_match', search: 'zed' });
  });

  it('asks to connect an account when there is none', () => {
    expect(emptyReason([], '')).toEqual({ kind: 'no_accounts' });
  });

  it('tells a declined permission apart from a sync that found nobody', () => {
    const declined = account({ id: 'acc_declined', missingPermissions: ['friends'], lastSyncedAt: 5 });
    expect(emptyReason([declined], '').kind).toBe('permission');
    const nobody = account({ id: 'acc_nobody', lastSyncedAt: 5 });
    expect(emptyReason([nobody], '')).toEqual({ kind: 'synced_empty', accounts: [nobody] });
    // With one account of each, the list is empty because the one that could have people has none.
    expect(emptyReason([declined, nobody], '').kind).toBe('synced_empty');
  });

  it('says an account needs reconnecting when none of the accounts in view can sync', () => {
    const revoked = account({ id: 'acc_revoked', status: 'needs_reconnect', lastSyncedAt: 5 });
    expect(emptyReason([revoked], '')).toEqual({ kind: 'reconnect', accounts: [revoked] });
    const declined = account({ id: 'acc_declined', missingPermissions: ['friends'] });
    expect(emptyReason([revoked, declined], '').kind).toBe('reconnect');
  });

  it('says never synced only while no reachable account has finished a sync', () => {
    const fresh = account({ id: 'acc_fresh', lastSyncedAt: null });
    expect(emptyReason([fresh], '')).toEqual({ kind: 'never_synced', accounts: [fresh] });
    const revoked = account({ id: 'acc_revoked', status: 'needs_reconnect' });
    expect(emptyReason([fresh, revoked], '')).toEqual({ kind: 'never_synced', accounts: [fresh] });
  });

  it('takes the core’s reason when the page gives one, naming its accounts', () => {
    const declined = account({ id: 'acc_declined', missingPermissions: ['friends'] });
    const other = account({ id: 'acc_other00', lastSyncedAt: 5 });
    expect(emptyReasonOf({ reason: 'permission_missing', accountIds: ['acc_declined'] }, [declined, other], '')).toEqual({ kind: 'permission', accounts: [declined] });
    expect(emptyReasonOf({ reason: 'first_sync_running', accountIds: ['acc_other00'] }, [declined, other], '')).toEqual({ kind: 'never_synced', accounts: [other] });
    // A filter that matches no one, with no search typed.
    expect(emptyReasonOf({ reason: 'no_match', accountIds: [] }, [other], '')).toEqual({ kind: 'no_match', search: '' });
  });
});
