// A clean-up once the work has stopped: `kith serve` calls `touch()` when a call
// starts or ends and when the core reports progress, and a moment after the last
// of it (nothing running, the core's background work settled) the clean-up runs,
// once. Nothing is scheduled while the process is idle: the timer is armed only
// by work and is unref'd, so it never keeps the process alive nor wakes it for
// nothing.
import type { Scheduler } from '../../core/api/scheduler';

export interface IdleCleanupOptions {
  /** How long after the last work the clean-up runs. */
  quietMs: number;
  scheduler: Scheduler;
  /** Settles once the work started in the background so far has (the core's idle()). */
  settled(): Promise<void>;
  cleanUp(): Promise<void> | void;
}

export interface IdleCleanup {
  /** Work happened: the clean-up waits for a quiet spell after it. */
  touch(): void;
  /** Marks `work` as running until it settles (no clean-up meanwhile), then touches. */
  during<T>(work: () => Promise<T>): Promise<T>;
  stop(): void;
}

export function createIdleCleanup(options: IdleCleanupOptions): IdleCleanup {
  let running = 0;
  /** Moves on with each touch: a clean-up whose wait saw it move leaves the next quiet spell to do it. */
  let generation = 0;
  let cancel: (() => void) | null = null;
  let stopped = false;

  const quietSpellEnded = async (seen: number) => {
    cancel = null;
    await options.settled();
    if (stopped || running > 0 || generation !== seen) return;
    await options.cleanUp();
  };

  const touch = () => {
    if (stopped) return;
    generation++;
    cancel?.();
    const seen = generation;
    // A failed clean-up costs only memory; the next quiet spell tries again.
    cancel = options.scheduler.schedule(() => void quietSpellEnded(seen).catch(() => undefined), options.quietMs);
  };

  return {
    touch,
    async during(work) {
      running++;
      touch();
      try {
        return await work();
      } finally {
        running--;
        touch();
      }
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}

/** Several clean-ups as one: each call and touch is work for every one, and each keeps its own quiet spell. */
export function idleCleanups(...all: readonly IdleCleanup[]): IdleCleanup {
  return {
    touch: () => all.forEach((c) => c.touch()),
    during<T>(work: () => Promise<T>): Promise<T> {
      const wrapped = all.reduceRight<() => Promise<T>>((inner, c) => () => c.during(inner), work);
      return wrapped();
    },
    stop: () => all.forEach((c) => c.stop()),
  };
}
