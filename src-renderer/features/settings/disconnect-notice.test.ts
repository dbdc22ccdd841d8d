import { describe, expect, it } from 'vitest';
import { disconnectNotice } from './disconnect-notice';

const google = { provider: 'google' as const, displayName: 'Ada', email: 'ada@example.test' };
const facebook = { provider: 'facebook' as const, displayName: 'Bo', email: null };

describe('the notice after a disconnect', () => {
  it('says the provider confirmed the revocation, or that Kith keeps trying', () => {
    expect(disconnectNotice(google, { revocation: 'revoked' })).toEqual({
      text: 'Disconnected Ada (Google). Google confirmed Kith’s access is revoked.',
      tone: 'success',
    });
    expect(disconnectNotice(facebook, { revocation: 'queued' }).text).toBe(
      'Disconnected Bo (Facebook). Kith could not reach Facebook yet and will keep trying to revoke its access.',
    );
  });

  it('says plainly when Kith could not revoke, and where the person removes Kith themselves; it stays until dismissed', () => {
    const atGoogle = disconnectNotice(google, { revocation: 'not_possible' });
    expect(atGoogle.text).toBe(
      'Disconnected Ada (Google). Kith could not read its saved sign-in, so it could not revoke its access at Google: ' +
        'remove Kith under your Google Account’s third-party access (myaccount.google.com/connections).',
    );
    expect(atGoogle.tone).toBe('warning');
    expect(atGoogle.text).not.toContain('confirmed');
    expect(disconnectNotice(facebook, { revocation: 'not_possible' }).text).toBe(
      'Disconnected Bo (Facebook). Kith could not read its saved sign-in, so it could not revoke its access at Facebook: ' +
        'remove Kith in Facebook’s Apps and Websites settings.',
    );
  });
});
