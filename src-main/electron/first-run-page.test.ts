import { describe, expect, it } from 'vitest';
import { KithError } from '../../src-contract/kith-api';
import { loadConfig } from '../core/config';
import { renderSmallPage } from '../core/pages/small-page';
import { configProblems, firstRunPage } from './first-run-page';

function configMessage(env: Record<string, string>): string {
  try {
    loadConfig(env, undefined, { builtIn: {} });
  } catch (error) {
    if (error instanceof KithError) return error.message;
  }
  throw new Error('the configuration was accepted');
}

describe('the first-run page', () => {
  it('says, for a package built without client ids, which ones are missing and how to give them', () => {
    const page = firstRunPage(configMessage({}));
    const html = renderSmallPage(page);
    expect(page.heading).toBe('This copy of Kith has no Google or Facebook app to sign in with');
    expect(html).toContain('KITH_GOOGLE_CLIENT_ID is not set');
    expect(html).toContain('KITH_FACEBOOK_APP_ID is not set');
    expect(html).toContain('<code>npm run dist</code>');
    expect(html).toContain('<code>KITH_SANDBOX_URL</code>');
    // Nothing to run: the page is words and one style.
    expect(html).not.toMatch(/<script|<a |<form/i);
  });

  it('lists another configuration problem in its own words', () => {
    const message = configMessage({ KITH_SANDBOX_URL: 'http://127.0.0.1:4545', KITH_LOGIN_TIMEOUT_MS: 'forever' });
    expect(configProblems(message)).toEqual(['KITH_LOGIN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 1800000.']);
    expect(firstRunPage(message).heading).toBe('Kith’s configuration needs fixing');
  });

  it('shows a message that is not a list whole', () => {
    expect(configProblems('The configuration built into Kith is damaged. Reinstall Kith.')).toEqual(['The configuration built into Kith is damaged. Reinstall Kith.']);
  });
});
