// Whom --auto-consent signs in, and what it leaves unticked. A test can make it
// pick someone other than the login_hint person (the person chose another
// account at the provider) or decline one scope, with no consent page.
import type { SandboxContext } from '../context';
import { FACEBOOK_PEOPLE, GOOGLE_PEOPLE, type SeededPerson } from '../seed/people';
import { findPerson } from '../seed/people-lookup';

export function autoConsentPerson(context: SandboxContext, provider: 'google' | 'facebook', loginHint: string | null): SeededPerson | null {
  const chosen = context.settings.autoConsentPerson;
  const first = provider === 'google' ? GOOGLE_PEOPLE[0] : FACEBOOK_PEOPLE[0];
  return (chosen ? findPerson(provider, chosen) : null) ?? (loginHint ? findPerson(provider, loginHint) : null) ?? first ?? null;
}

/** True when auto-consent should leave this scope or permission unticked (full URL or its last segment). */
export function autoConsentDeclines(context: SandboxContext, scope: string): boolean {
  return context.settings.autoConsentDecline.some((d) => d === scope || scope.endsWith(`/${d}`));
}
