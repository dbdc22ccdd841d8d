import { describe, expect, it } from 'vitest';
import { deviceLoginFailureWords, retryLabel } from './device-login-words';

describe('device login failure words', () => {
  it('says the code expired, or that the person said no, and offers a new code', () => {
    expect(deviceLoginFailureWords({ code: 'E_LOGIN_TIMEOUT', message: 'x' }, 'facebook')).toBe(
      'The code expired before it was confirmed at Facebook, so nothing was connected. Get a new code when you are ready.',
    );
    expect(deviceLoginFailureWords({ code: 'E_CONSENT_DENIED', message: 'x' }, 'facebook')).toContain('You chose not to allow Kith at Facebook');
    expect(retryLabel(true)).toBe('Get a new code');
    expect(retryLabel(undefined)).toBe('Try again');
  });

  it('reads other endings as any sign-in does', () => {
    expect(deviceLoginFailureWords({ code: 'E_OFFLINE', message: 'x' }, 'facebook')).toBe('Kith cannot reach Facebook. Check your internet connection and try again.');
    expect(deviceLoginFailureWords({ code: 'E_LOGIN_CANCELLED', message: 'x' }, 'facebook')).toBeNull();
  });
});
