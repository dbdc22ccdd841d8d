// The one line shown after "Sync now": how many accounts synced, or why the
// first failure failed, in the words the rest of the UI uses for that error.
import type { AccountSummary, SyncResult } from '../../src-contract/kith-api';
import { errorWords } from '../lib/error-words';
import { pluralize } from '../lib/format';
import { accountWithProvider } from './accounts-store';

export function syncSummary(results: readonly SyncResult[], accounts: readonly AccountSummary[]): { text: string; tone: 'success' | 'error' } | null {
  if (results.length === 0) return null;
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return { text: `Synced ${pluralize(results.length, 'account')}.`, tone: 'success' };
  const first = failed[0];
  const account = accounts.find((a) => a.id === first?.accountId);
  const words = first?.error ? errorWords(first.error, { provider: account?.provider ?? null, action: 'sync' }) : null;
  const who = account ? accountWithProvider(account) : 'an account';
  return { text: `Could not sync ${who}.${words ? ` ${words}` : ''}`, tone: 'error' };
}
