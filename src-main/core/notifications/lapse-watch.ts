// Warns before a grant lapses (AccountSummary.reconnectBy: a Facebook token's
// end, a time-limited Google grant, a Google app in Testing): once when three
// days are left and again on the last day, each at most once per grant end
// (remembered on disk, so a restart does not repeat it). Checked at start,
// when the accounts change, and every hour while Kith runs.
import type { AccountRepository } from '../accounts/account-repository';
import type { Scheduler } from '../api/scheduler';
import type { Clock, Logger } from '../ports';
import type { NotificationSettingsStore } from './notification-settings';
import { lapseNotification, type NotificationContent } from './notification-words';

const HOUR = 3_600_000;
/** How long before the end each warning comes, widest first; a warning's stage is its index. */
export const LAPSE_WARNINGS_MS = [72 * HOUR, 24 * HOUR] as const;
const CHECK_EVERY_MS = HOUR;

export interface LapseWatchDeps {
  repo: Pick<AccountRepository, 'all'>;
  settings: NotificationSettingsStore;
  clock: Clock;
  scheduler: Scheduler;
  log: Logger;
  notify(content: NotificationContent): void;
}

export interface LapseWatch {
  start(): void;
  check(): Promise<void>;
  stop(): void;
}

export function createLapseWatch(deps: LapseWatchDeps): LapseWatch {
  let cancel: (() => void) | null = null;
  let stopped = false;
  const check = async () => {
    const now = deps.clock.now();
    for (const account of await deps.repo.all()) {
      const end = account.reconnectBy;
      if (end === null || end <= now) continue;
      let stage = -1;
      LAPSE_WARNINGS_MS.forEach((ahead, index) => {
        if (end - now <= ahead) stage = index;
      });
      if (stage === -1) continue;
      if (await deps.settings.claimLapseWarning(account.id, end, stage)) deps.notify(lapseNotification(account, end, now));
    }
  };
  const safeCheck = () => check().catch((error: unknown) => deps.log.warn('could not check for grants about to lapse', { error: error instanceof Error ? error.name : 'unknown' }));
  const loop = () => {
    if (stopped) return;
    cancel = deps.scheduler.schedule(() => {
      void safeCheck().finally(loop);
    }, CHECK_EVERY_MS);
  };
  return {
    start() {
      void safeCheck();
      loop();
    },
    check,
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
