// What `kith connect facebook` prints for Facebook's Login for Devices.
import { describe, expect, it } from 'vitest';
import { deviceLines } from './connect';

describe('deviceLines', () => {
  it('shows the code on a line of its own, the page as a person types it, and the page with the code in it on a line of its own', () => {
    const now = Date.UTC(2026, 5, 1, 12, 0);
    const lines = deviceLines(
      {
        loginId: 'login_x',
        provider: 'facebook',
        authUrl: 'https://www.facebook.com/device?user_code=KX7Q2M9B',
        expiresAt: now + 7 * 60_000,
        device: { userCode: 'KX7Q2M9B', verificationUri: 'https://www.facebook.com/device' },
      },
      now,
    );
    expect(lines).toEqual([
      'To connect Facebook, go to facebook.com/device and enter this code:',
      '',
      '    KX7Q2M9B',
      '',
      'Or open this address, which has the code filled in:',
      'https://www.facebook.com/device?user_code=KX7Q2M9B',
      'The code expires in 7 minutes. Waiting for you to confirm it at Facebook (Ctrl-C cancels)...',
    ]);
  });
});
