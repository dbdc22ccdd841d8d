import { describe, expect, it } from 'vitest';
import { sampleAccount } from '../../src-contract/testing/stub-kith-api';
import { accountStanding } from './account-standing';

const now = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

describe('accountStanding', () => {
  it('says connected, with nothing to do, for a healthy account', () => {
    expect(accountStanding(sampleAccount, now)).toEqual({ label: 'Connected', tone: 'ok', action: null });
  });

  it('says "needs reconnecting" with Reconnect for a revoked grant, before anything else', () => {
    const revoked = { ...sampleAccount, status: 'needs_reconnect' as const, missingPermissions: ['friends' as const], statusError: { code: 'E_GRANT_REVOKED' as const, message: 'x' } };
    expect(accountStanding(revoked, now)).toEqual({ label: 'Needs reconnecting', tone: 'bad', action: { kind: 'reconnect', label: 'Reconnect' } });
  });

  it('warns before access ends, and says when it has', () => {
    expect(accountStanding({ ...sampleAccount, reconnectBy: now + 2 * DAY, reconnectReason: 'token_expires' }, now)).toMatchObject({ tone: 'warn', action: { kind: 'reconnect' } });
    expect(accountStanding({ ...sampleAccount, reconnectBy: now - 1, reconnectReason: 'token_expires' }, now)).toMatchObject({ label: 'Access ended', tone: 'bad' });
    expect(accountStanding({ ...sampleAccount, reconnectBy: now + 60 * DAY, reconnectReason: 'token_expires' }, now).label).toBe('Connected');
  });

  it('offers to share what the person kept back, in the provider’s words', () => {
    expect(accountStanding({ ...sampleAccount, missingPermissions: ['friends'] }, now)).toEqual({
      label: 'Contacts not shared',
      tone: 'warn',
      action: { kind: 'share-friends', label: 'Share contacts' },
    });
    expect(accountStanding({ ...sampleAccount, provider: 'facebook', missingPermissions: ['friends'] }, now).action).toEqual({ kind: 'share-friends', label: 'Share friends list' });
  });

  it('says a failed sync, except an offline one while the offline notice says it', () => {
    const failed = { ...sampleAccount, lastSyncError: { code: 'E_PROVIDER' as const, message: 'x' } };
    expect(accountStanding(failed, now)).toEqual({ label: 'Last sync failed', tone: 'warn', action: { kind: 'sync', label: 'Sync now' } });
    const offline = { ...sampleAccount, lastSyncError: { code: 'E_OFFLINE' as const, message: 'x' } };
    expect(accountStanding(offline, now, { offline: true }).label).toBe('Connected');
  });
});
