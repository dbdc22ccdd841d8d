// The Friends page's Email and Call: the value as the person saw it becomes a
// mailto: or tel: URL that passes the external-URL gate's contact rules, and
// the shell's opener (shell.openExternal, xdg-open, ...) hands it to the mail
// or phone app. The opener runs the gate again on its side, so no other path
// can smuggle another scheme through it.
import type { ContactLink } from '../../../src-contract/kith-api';
import { contactUrl } from '../login/external-url-gate';
import type { BrowserOpener } from '../ports';

export async function openContactLink(opener: BrowserOpener, link: ContactLink): Promise<void> {
  await opener.open(contactUrl(link.kind, link.value).href);
}
