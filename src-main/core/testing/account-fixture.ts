// A valid AccountRecord for tests that need one without going through a login.
import type { AccountRecord } from '../accounts/account-record';

export function accountRecord(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: 'acc_aaaaaaaa',
    provider: 'google',
    subject: 's',
    displayName: 'x',
    email: null,
    avatarUrl: null,
    scopes: [],
    status: 'active',
    statusError: null,
    connectedAt: 0,
    reconnectBy: null,
    reconnectReason: null,
    accessTokenExpiresAt: null,
    refreshTokenIssuedAt: null,
    refreshTokenExpiresAt: null,
    lastSyncedAt: null,
    lastSyncError: null,
    friendCount: 0,
    friendTotal: null,
    ...overrides,
  };
}
