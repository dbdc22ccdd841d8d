// What the desktop app shows instead of an error dialog when it cannot start
// for want of configuration (a package built without provider client ids, a
// bad variable): a page in the app's style saying what is missing, in the
// configuration's own words, and the three ways to fix it. Pure; the window
// that shows it is first-run-window.ts.
import type { SmallPage } from '../core/pages/small-page';

/** The problems loadConfig listed ("Kith's configuration has problems:\n- A\n- B"), one per entry. */
export function configProblems(message: string): string[] {
  const listed = message
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2).trim());
  return listed.length > 0 ? listed : [message.trim()];
}

export function firstRunPage(message: string): SmallPage {
  const problems = configProblems(message);
  const missingIds = problems.some((p) => /KITH_(GOOGLE_CLIENT_ID|FACEBOOK_APP_ID) is not set/.test(p));
  return {
    title: missingIds ? 'Set up Kith' : 'Kith’s configuration',
    heading: missingIds ? 'This copy of Kith has no Google or Facebook app to sign in with' : 'Kith’s configuration needs fixing',
    paragraphs: [
      [
        missingIds
          ? 'Kith signs you in to Google and Facebook as an app registered with them, and this copy was built without that app’s ids, so it cannot connect accounts yet. What is missing:'
          : 'Kith cannot start with the settings it was given. What is wrong:',
      ],
      ...problems.map((problem) => [problem]),
      [
        'To fix it, whoever builds Kith sets these variables when packaging it (',
        { command: 'npm run dist' },
        '; the README’s Setting up Google and Setting up Facebook say where to find each id), or you set them in the environment before starting Kith, which also overrides ids built in.',
      ],
      ['To try Kith without registering an app, start the sandbox providers (', { command: 'npm run sandbox' }, ') and start Kith with ', { command: 'KITH_SANDBOX_URL' }, ' set to their address. Close this window when done; nothing was stored.'],
    ],
  };
}
