// Work the core starts on its own behalf that no caller awaits (the first sync
// after a connect): a failure is logged by its code only, and close() gives
// what is still running a short grace period instead of cutting it off or
// waiting for it without end.
import type { Logger } from '../ports';
import { toCoreError } from './core-error';

export interface BackgroundTasks {
  run(task: Promise<unknown>): void;
  /** Resolves when every task has settled, or after `graceMs`, whichever comes first. */
  settle(graceMs: number): Promise<void>;
}

export function createBackgroundTasks(log: Logger): BackgroundTasks {
  const running = new Set<Promise<unknown>>();
  return {
    run(task) {
      const tracked = task.catch((error: unknown) => log.warn('background task failed', { code: toCoreError(error).code }));
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
    },
    async settle(graceMs) {
      // unref: the grace period must never keep a CLI process alive on its own.
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
