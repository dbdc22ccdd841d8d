// What a person's answer on a Facebook consent page (the login dialog or the
// device page) does to the app's grant.
import type { SandboxContext } from '../context';
import { SANDBOX_CREDENTIALS, type SeededPerson } from '../seed/people';
import type { Grant } from '../state/grants';

export function applyFacebookConsent(
  context: SandboxContext,
  person: SeededPerson,
  permissions: readonly string[],
  answer: { friendsGranted: boolean; rerequest: boolean },
): Grant {
  const appId = SANDBOX_CREDENTIALS.facebook.appId;
  const grant = context.grants.activeGrant('facebook', person.key, appId) ?? context.grants.createGrant('facebook', person.key, appId);
  for (const permission of permissions) {
    // Facebook's "Handling Declined Permissions": once declined, the dialog does not ask
    // again unless the app re-asks with auth_type=rerequest.
    const stillDeclined = grant.declined.has(permission) && !answer.rerequest;
    const declined = stillDeclined || (permission === 'user_friends' && !answer.friendsGranted);
    if (declined) {
      grant.scopes.delete(permission);
      grant.declined.add(permission);
    } else {
      grant.scopes.add(permission);
      grant.declined.delete(permission);
    }
  }
  return grant;
}
