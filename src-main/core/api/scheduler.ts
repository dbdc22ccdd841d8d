// Timers the core can stop on close() and tests can drive without sleeping.
// Kept apart from the Clock port, which only tells the time.
export interface Scheduler {
  /** Runs `task` after `delayMs`; the returned function cancels it. */
  schedule(task: () => void, delayMs: number): () => void;
}

export const realScheduler: Scheduler = {
  schedule(task, delayMs) {
    const timer = setTimeout(task, Math.max(0, delayMs));
    // A pending retry must never keep a CLI process alive on its own.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
