// Lookups of seeded people by their stable key, for code that holds a grant.
import { FACEBOOK_PEOPLE, GOOGLE_PEOPLE, displayName, type SeededPerson } from './people';

export { displayName, type SeededPerson };

export function findGoogleSubject(personKey: string): SeededPerson {
  const person = GOOGLE_PEOPLE.find((p) => p.key === personKey);
  if (!person) throw new Error(`no seeded Google person ${personKey}`);
  return person;
}

export function findFacebookSubject(personKey: string): SeededPerson {
  const person = FACEBOOK_PEOPLE.find((p) => p.key === personKey);
  if (!person) throw new Error(`no seeded Facebook person ${personKey}`);
  return person;
}
