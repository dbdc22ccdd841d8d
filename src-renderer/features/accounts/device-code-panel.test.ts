import { describe, expect, it } from 'vitest';
import { countdown, typedAddress } from './device-code-panel';

describe('device code panel words', () => {
  it('shows the page as a person types it', () => {
    expect(typedAddress('https://www.facebook.com/device')).toBe('facebook.com/device');
    expect(typedAddress('http://127.0.0.1:4545/facebook/www/device')).toBe('127.0.0.1:4545/facebook/www/device');
  });

  it('counts down in minutes and seconds, and says nothing is left once the code has expired', () => {
    expect(countdown(1_000 + 420_000, 1_000)).toBe('7:00');
    expect(countdown(10_000, 4_500)).toBe('0:06');
    expect(countdown(10_000, 10_000)).toBeNull();
  });
});
