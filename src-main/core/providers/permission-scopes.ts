// Which provider scope stands for each Kith permission, and what a granted scope
// list leaves out. Both providers let a person sign in while declining to share
// their friends: Google's consent is granular, a checkbox per non-Sign-In scope
// ("How to handle granular permissions",
// developers.google.com/identity/protocols/oauth2/resources/granular-permissions:
// "the application must check what scopes are granted"), and Facebook's Login
// Dialog lets a person decline any permission but public_profile ("Handling
// Declined Permissions", developers.facebook.com/docs/facebook-login/guides/permissions/handle-declined).
import { KithError, type Permission, type ProviderId } from '../../../src-contract/kith-api';

export const GOOGLE_CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';
export const FACEBOOK_FRIENDS_PERMISSION = 'user_friends';

const scopeOf: Record<ProviderId, Record<Permission, string>> = {
  google: { friends: GOOGLE_CONTACTS_SCOPE },
  facebook: { friends: FACEBOOK_FRIENDS_PERMISSION },
};

export function permissionScope(provider: ProviderId, permission: Permission): string {
  return scopeOf[provider][permission];
}

/** The permissions whose scope is not in `granted` (what the provider last said it granted). */
export function missingPermissions(provider: ProviderId, granted: readonly string[]): Permission[] {
  const have = new Set(granted);
  return (Object.keys(scopeOf[provider]) as Permission[]).filter((permission) => !have.has(scopeOf[provider][permission]));
}

/**
 * The provider refused a call because the token lacks the permission's scope (People's 403
 * ACCESS_TOKEN_SCOPE_INSUFFICIENT: the person withdrew it since Kith last asked). Not a failure
 * of the sync: the account's scopes are corrected and the sync is skipped, as for one never granted.
 */
export class PermissionNotGranted extends KithError {
  constructor(readonly permission: Permission) {
    super('E_PROVIDER', 'You did not share this with Kith.');
  }
}
