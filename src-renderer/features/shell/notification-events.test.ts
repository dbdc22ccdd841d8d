import { describe, expect, it } from 'vitest';
import { noticeFor, wantsWebNotification } from './notification-events';

const confirmed = { tag: 'revocation:rcpt_1:acc_1', kind: 'revocation_confirmed' as const, title: 'Facebook confirmed the disconnect', body: 'Kith is removed from Kofi Mensah’s Facebook account.', show: true };

describe('notifications in the window', () => {
  it('always become a toast, one per cause; a lapse or a failure stays until dismissed', () => {
    expect(noticeFor(confirmed)).toEqual({ key: 'notification:revocation:rcpt_1:acc_1', text: 'Facebook confirmed the disconnect. Kith is removed from Kofi Mensah’s Facebook account.', tone: 'success' });
    expect(noticeFor({ ...confirmed, kind: 'grant_lapsing' }).tone).toBe('warning');
    expect(noticeFor({ ...confirmed, kind: 'revocation_failed' }).tone).toBe('warning');
  });

  it('become a browser notification only in the host shell, with the setting on, while the tab is in the background', () => {
    expect(wantsWebNotification(confirmed, 'host', 'hidden')).toBe(true);
    expect(wantsWebNotification(confirmed, 'host', 'visible')).toBe(false);
    expect(wantsWebNotification({ show: false }, 'host', 'hidden')).toBe(false);
    expect(wantsWebNotification(confirmed, 'electron', 'hidden')).toBe(false);
  });
});
