// The "choose who signs in" radio list both consent pages show. The markup is
// what testing/consent.ts and the e2e specs find the people by.
import { personAvatarPath } from '../seed/avatars';
import { displayName, type SeededPerson } from '../seed/people';
import { escapeHtml } from './html';

export function personRadios(provider: 'google' | 'facebook', people: readonly SeededPerson[], checked: SeededPerson | undefined): string {
  return people
    .map(
      (person) => `<label><input type="radio" name="person" value="${escapeHtml(person.key)}"${person === checked ? ' checked' : ''}>
<img alt="" width="32" height="32" src="${personAvatarPath(provider, person)}">
${escapeHtml(displayName(person))} (${escapeHtml(person.email)})</label>`,
    )
    .join('\n');
}
