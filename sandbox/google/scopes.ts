// The Google scopes the sandbox knows, described in the words Google's
// consent screen uses. "email" and "profile" are aliases Google expands to
// the userinfo URLs in the token response's `scope`.
const AUTH = 'https://www.googleapis.com/auth/';

export const GOOGLE_SCOPES: Record<string, { canonical: string; words: string }> = {
  openid: { canonical: 'openid', words: 'Associate you with your personal info on Google' },
  email: { canonical: `${AUTH}userinfo.email`, words: 'See your primary Google Account email address' },
  [`${AUTH}userinfo.email`]: { canonical: `${AUTH}userinfo.email`, words: 'See your primary Google Account email address' },
  profile: { canonical: `${AUTH}userinfo.profile`, words: "See your personal info, including any personal info you've made publicly available" },
  [`${AUTH}userinfo.profile`]: { canonical: `${AUTH}userinfo.profile`, words: "See your personal info, including any personal info you've made publicly available" },
  [`${AUTH}contacts.readonly`]: { canonical: `${AUTH}contacts.readonly`, words: 'See and download your contacts' },
  [`${AUTH}contacts`]: { canonical: `${AUTH}contacts`, words: 'See, edit, download, and permanently delete your contacts' },
};

export const EMAIL_SCOPE = `${AUTH}userinfo.email`;
export const PROFILE_SCOPE = `${AUTH}userinfo.profile`;
export const CONTACTS_SCOPES = [`${AUTH}contacts.readonly`, `${AUTH}contacts`];

/** Splits a space-delimited scope (RFC 6749 §3.3) into canonical scopes, or reports the unknown ones. */
export function parseGoogleScope(raw: string): { scopes: string[]; unknown: string[] } {
  const scopes: string[] = [];
  const unknown: string[] = [];
  for (const item of raw.split(' ').filter((s) => s !== '')) {
    const known = GOOGLE_SCOPES[item];
    if (!known) unknown.push(item);
    else if (!scopes.includes(known.canonical)) scopes.push(known.canonical);
  }
  return { scopes, unknown };
}

export function scopeWords(canonical: string): string {
  return GOOGLE_SCOPES[canonical]?.words ?? canonical;
}

/**
 * Google's Sign-In scopes ("How to handle granular permissions"): consented to as a whole, before the
 * granular screen; every other scope gets its own checkbox there and may be left unticked.
 */
export const SIGN_IN_SCOPES: readonly string[] = ['openid', EMAIL_SCOPE, PROFILE_SCOPE];

export function isSignInScope(canonical: string): boolean {
  return SIGN_IN_SCOPES.includes(canonical);
}
