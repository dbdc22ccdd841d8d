// Plain-text rendering of the contract types for a terminal.
import type { AccountSummary, Friend, KithStatus, PendingRevocation, ReconnectReason } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';

// The commands name providers through this module, like every other word they print.
export { providerName };

export function formatTime(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function timeLeft(ms: number): string {
  const plural = (n: number, unit: string) => `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms <= 0) return 'already';
  if (ms < 3_600_000) return plural(Math.max(1, Math.round(ms / 60_000)), 'minute');
  if (ms < 86_400_000) return plural(Math.round(ms / 3_600_000), 'hour');
  return plural(Math.floor(ms / 86_400_000), 'day');
}

export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function accountLine(a: AccountSummary): string {
  return `${a.id}  ${providerName(a.provider)}  ${a.displayName}${a.email ? ` <${a.email}>` : ''}`;
}

export function accountsTable(accounts: AccountSummary[]): string[] {
  if (accounts.length === 0) return ['No accounts connected. Connect one with "kith connect google" or "kith connect facebook".'];
  return table([
    ['ID', 'PROVIDER', 'NAME', 'EMAIL', 'STATUS', 'FRIENDS', 'ACCESS ENDS', 'LAST SYNC'],
    ...accounts.map((a) => [
      a.id,
      providerName(a.provider),
      a.displayName,
      a.email ?? '-',
      a.status === 'active' ? 'active' : 'needs reconnect',
      a.missingPermissions.includes('friends') ? 'not shared' : a.friendTotal !== null && a.friendTotal !== a.friendCount ? `${a.friendCount} of ${a.friendTotal}` : String(a.friendCount),
      a.reconnectBy === null ? '-' : formatTime(a.reconnectBy),
      formatTime(a.lastSyncedAt),
    ]),
  ]);
}

const REASON_WORDS: Record<ReconnectReason, string> = {
  token_expires: 'the provider gives no longer-lasting access',
  time_limited: 'you chose time-limited access',
  app_in_testing: "the app's Google consent screen is in Testing",
};

/** What the person left unshared, in words, with the command that asks again; null when nothing is missing. */
export function missingPermissionNote(a: AccountSummary): string | null {
  if (!a.missingPermissions.includes('friends')) return null;
  const what = a.provider === 'google' ? 'contacts' : 'friends list';
  return `${a.id}: you didn't share your ${what} with Kith, so it has nothing to sync. To share it, run "kith connect ${a.provider} --reconnect ${a.id}" and allow it.`;
}

export function accountNotes(accounts: AccountSummary[], now: number): string[] {
  const notes: string[] = [];
  for (const a of accounts) {
    if (a.status === 'needs_reconnect') notes.push(`${a.id} needs reconnecting: ${a.statusError?.message ?? ''} Run "kith connect ${a.provider} --reconnect ${a.id}".`);
    else if (a.reconnectBy !== null) {
      const why = a.reconnectReason ? ` (${REASON_WORDS[a.reconnectReason]})` : '';
      notes.push(`${a.id}: Kith's access ends ${formatTime(a.reconnectBy)} (${timeLeft(a.reconnectBy - now)})${why} unless you reconnect.`);
    }
    const missing = missingPermissionNote(a);
    if (missing) notes.push(missing);
    if (a.lastSyncError) notes.push(`${a.id}: last sync failed: ${a.lastSyncError.message}`);
    if (a.provider === 'facebook' && a.friendTotal !== null && a.friendTotal > a.friendCount) {
      notes.push(`${a.id}: Facebook lists only friends who also use Kith: ${a.friendCount} of ${a.friendTotal}.`);
    }
  }
  return notes;
}

export function friendsTable(friends: Friend[]): string[] {
  if (friends.length === 0) return ['No friends match.'];
  return table([['NAME', 'EMAIL', 'PHONE'], ...friends.map((f) => [f.name, f.email ?? '-', f.phone ?? '-'])]);
}

export function revocationLine(r: PendingRevocation): string {
  const next = r.nextAttemptAt === null ? 'now' : formatTime(r.nextAttemptAt);
  return `${providerName(r.provider)} grant of ${r.accountLabel}: queued ${formatTime(r.queuedAt)}, ${r.attempts} attempt(s), next ${next}${r.lastError ? ` (${r.lastError})` : ''}`;
}

export function statusLines(s: KithStatus): string[] {
  return [
    `Protection:   ${s.protection.level} (${s.protection.backend})`,
    ...(s.protection.advice ? [`              ${s.protection.advice}`] : []),
    s.vault.state === 'open' ? 'Vault:        open' : `Vault:        LOCKED (${s.vault.reason ?? 'unknown'}): nothing was deleted or overwritten`,
    ...(s.vault.message ? [`              ${s.vault.message}`] : []),
    `Data folder:  ${s.dataDir}`,
    `Network:      ${s.online ? 'online' : 'offline (as of the last provider call)'}`,
    `Version:      ${s.version} (${s.shell})`,
    s.pendingRevocations.length === 0 ? 'Revocations:  none pending' : `Revocations:  ${s.pendingRevocations.length} pending`,
    ...s.pendingRevocations.map((r) => `  ${revocationLine(r)}`),
    ...(s.storageProblems.length === 0
      ? []
      : [
          'Problems (kept until you dismiss them with "kith status --dismiss <id>"; nothing was deleted):',
          ...s.storageProblems.map((p) => `  ${p.id ? `[${p.id}] ` : ''}${p.message}`),
        ]),
  ];
}
