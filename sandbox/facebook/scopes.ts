// Facebook Login permissions the sandbox knows. `openid` asks for an
// id_token; it is not a permission and never shows in /me/permissions.
export const FACEBOOK_PERMISSIONS: Record<string, string> = {
  public_profile: 'Your name and profile picture',
  email: 'Your email address',
  user_friends: 'Your friends list (friends who also use this app)',
};

/** Facebook accepts comma- or space-separated scopes. */
export function parseFacebookScope(raw: string | undefined): { openid: boolean; permissions: string[]; unknown: string[] } {
  const items = (raw ?? '').split(/[,\s]+/).filter(Boolean);
  const permissions = ['public_profile'];
  const unknown: string[] = [];
  let openid = false;
  for (const item of items) {
    if (item === 'openid') openid = true;
    else if (!(item in FACEBOOK_PERMISSIONS)) unknown.push(item);
    else if (!permissions.includes(item)) permissions.push(item);
  }
  return { openid, permissions, unknown };
}

export const DEFAULT_GRAPH_VERSION = 'v23.0';
/** Hono route fragments: every Graph route exists with a vNN.N segment and without one. */
export const GRAPH_PREFIXES = ['/facebook/graph/:version{v[0-9]+\\.[0-9]+}', '/facebook/graph'] as const;
export const WWW_PREFIXES = ['/facebook/www/:version{v[0-9]+\\.[0-9]+}', '/facebook/www'] as const;
