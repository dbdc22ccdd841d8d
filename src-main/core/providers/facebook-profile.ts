// Who a Facebook user token belongs to and what it may do, read from Graph:
// /me (id, name, email, picture; "User" reference, developers.facebook.com/docs/graph-api/reference/user)
// and /me/permissions, since a person may decline any permission but the
// public profile ("Permissions Reference"). Both sign-in flows use it: the
// Login Dialog's (facebook-provider.ts) and Login for Devices'.
import type { ProviderIdentity } from './provider';
import { FacebookPermissionsSchema, FacebookProfileSchema } from './facebook-schemas';
import type { GraphClient } from './graph-client';
import { nonEmptyString, parseAnswer } from './provider-answer';

const WHAT = { provider: 'Facebook', operation: 'profile' };

export interface FacebookProfile {
  id: string;
  name: string | null;
  email: string | null;
  /** The profile picture, unless it is Facebook's silhouette. */
  avatarUrl: string | null;
}

export async function readFacebookProfile(graph: GraphClient, accessToken: string): Promise<FacebookProfile> {
  const body = await graph.request('GET', '/me', { accessToken, query: { fields: 'id,name,email,picture' }, operation: 'profile' });
  const me = parseAnswer(FacebookProfileSchema, body, WHAT);
  const picture = me.picture?.data;
  return {
    id: me.id,
    name: nonEmptyString(me.name),
    email: nonEmptyString(me.email),
    avatarUrl: picture && picture.is_silhouette !== true ? nonEmptyString(picture.url) : null,
  };
}

/** The permissions the person granted (not those they declined), from Facebook itself. */
export async function grantedFacebookPermissions(graph: GraphClient, accessToken: string): Promise<string[]> {
  const body = await graph.request('GET', '/me/permissions', { accessToken, operation: 'permissions' });
  const { data } = parseAnswer(FacebookPermissionsSchema, body, { provider: 'Facebook', operation: 'permissions' });
  return data.filter((p) => p.status === 'granted').map((p) => p.permission);
}

/** The identity of a profile, with Facebook's fallbacks where /me left a field out. */
export function facebookIdentity(profile: FacebookProfile, fallback: { name?: string | null; email?: string | null; picture?: string | null } = {}): ProviderIdentity {
  return {
    subject: profile.id,
    displayName: profile.name ?? fallback.name ?? 'Facebook account',
    email: profile.email ?? fallback.email ?? null,
    avatarUrl: profile.avatarUrl ?? fallback.picture ?? null,
  };
}
