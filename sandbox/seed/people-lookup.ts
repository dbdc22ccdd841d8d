// Lookups of seeded people: by the stable key a grant holds, or by what a
// person or test typed (login_hint, the consent form, admin calls).
import { FACEBOOK_PEOPLE, GOOGLE_PEOPLE, displayName, type SeededPerson } from './people';

export { displayName, type SeededPerson };

const PEOPLE = { google: GOOGLE_PEOPLE, facebook: FACEBOOK_PEOPLE } as const;

/** The seeded person a grant names; a key that is not seeded is a bug in the sandbox. */
export function findSubject(provider: 'google' | 'facebook', personKey: string): SeededPerson {
  const person = PEOPLE[provider].find((p) => p.key === personKey);
  if (!person) throw new Error(`no seeded ${provider === 'google' ? 'Google' : 'Facebook'} person ${personKey}`);
  return person;
}

export function findGoogleSubject(personKey: string): SeededPerson {
  return findSubject('google', personKey);
}

export function findFacebookSubject(personKey: string): SeededPerson {
  return findSubject('facebook', personKey);
}

/** A seeded person by key, email (any case) or subject; null when there is none. */
export function findPerson(provider: 'google' | 'facebook', keyOrEmail: string): SeededPerson | null {
  const needle = keyOrEmail.toLowerCase();
  return PEOPLE[provider].find((p) => p.key === needle || p.email === needle || p.subject === keyOrEmail) ?? null;
}
