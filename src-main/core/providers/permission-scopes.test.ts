import { describe, expect, it } from 'vitest';
import { GOOGLE_SCOPES, FACEBOOK_SCOPES } from '../config/provider-endpoints';
import { missingPermissions, permissionScope } from './permission-scopes';

describe('missingPermissions', () => {
  it('is empty when Google granted the contacts scope, and names friends when it did not', () => {
    expect(missingPermissions('google', GOOGLE_SCOPES)).toEqual([]);
    // What Google answers when the person unticked contacts: the Sign-In scopes only.
    expect(missingPermissions('google', ['openid', 'https://www.googleapis.com/auth/userinfo.email'])).toEqual(['friends']);
  });

  it('reads Facebook user_friends the same way', () => {
    expect(missingPermissions('facebook', FACEBOOK_SCOPES)).toEqual([]);
    expect(missingPermissions('facebook', ['openid', 'public_profile', 'email'])).toEqual(['friends']);
  });

  it('asks for the scope Kith requests at sign-in', () => {
    expect(GOOGLE_SCOPES).toContain(permissionScope('google', 'friends'));
    expect(FACEBOOK_SCOPES).toContain(permissionScope('facebook', 'friends'));
  });
});
