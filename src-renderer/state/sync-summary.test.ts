import { describe, expect, it } from 'vitest';
import { syncSummary } from './sync-summary';

describe('sync summary', () => {
  it('says how many accounts synced, or why one failed', () => {
    const base = { mode: null, friendCount: 0, syncedAt: null } as const;
    expect(syncSummary([{ ...base, accountId: 'acc_abcdef', ok: true, error: null }], [])).toEqual({ text: 'Synced 1 account.', tone: 'success' });
    const offline = syncSummary([{ ...base, accountId: 'acc_abcdef', ok: false, error: { code: 'E_OFFLINE', message: 'x' } }], []);
    expect(offline?.tone).toBe('error');
    expect(offline?.text).toContain('Check your internet connection');
  });
});
