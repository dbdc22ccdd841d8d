// What the "disconnect everywhere" confirmation lists, in plain words: every
// grant at its provider, every cache here, every script token and session.
import type { DisconnectEverywherePlan, KithStatus } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { accountLabel } from '../../state/accounts-store';
import { formatDate, pluralize } from '../../lib/format';

export interface EverywhereLines {
  providers: string[];
  here: string[];
  scripts: string[];
  sessions: string | null;
}

export function everywhereLines(plan: DisconnectEverywherePlan, shell: KithStatus['shell'] | null): EverywhereLines {
  const providers = plan.accounts.map((a) =>
    a.provider === 'google'
      ? `Google: Kith’s access to ${accountLabel(a)}’s account is revoked on every device.`
      : `Facebook: Kith is removed from ${accountLabel(a)}’s apps.`,
  );
  const here = plan.accounts.map((a) => `${accountLabel(a)} (${providerName(a.provider)}): the saved sign-in and ${pluralize(a.cachedFriends, 'cached friend')}.`);
  const scripts = plan.scriptTokens.map((t) => `${t.name} (would have expired ${formatDate(t.expiresAt)})`);
  const sessions =
    plan.sessions === 0
      ? null
      : shell === 'host'
        ? `${pluralize(plan.sessions, 'browser session')} of kith serve, this window’s included: afterwards, open a new link from kith serve to come back.`
        : `${pluralize(plan.sessions, 'browser session')} of kith serve.`;
  return { providers, here, scripts, sessions };
}
