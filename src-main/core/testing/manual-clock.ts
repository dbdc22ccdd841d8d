// A clock and scheduler driven by the test: time moves only when told, and
// due timers run in order, so backoff and expiry are tested without sleeping.
import type { Scheduler } from '../api/scheduler';
import type { Clock } from '../ports';

export interface ManualClock extends Clock, Scheduler {
  /** Moves time forward, running every timer that falls due (and awaiting what they started). */
  advance(ms: number): Promise<void>;
  set(now: number): void;
  pendingTimers(): number[];
}

export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; task: () => void }>();
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    set(value) {
      now = value;
    },
    schedule(task, delayMs) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, delayMs), task });
      return () => {
        timers.delete(id);
      };
    },
    pendingTimers() {
      return [...timers.values()].map((t) => t.at).sort((a, b) => a - b);
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await flush();
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].task();
        await flush();
      }
      now = target;
      await flush();
    },
  };
}
