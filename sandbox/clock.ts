// The sandbox's notion of "now": an injectable base clock plus an offset that
// tests move forward (codes expiring after 60 s, tokens after an hour, sync
// tokens after 7 days) without sleeping.
export interface SandboxClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Moves the sandbox's time forward (never backward). */
  advance(ms: number): void;
  /** How far the sandbox's time is ahead of the base clock. */
  readonly offsetMs: number;
  reset(): void;
}

export function createSandboxClock(base: () => number = Date.now): SandboxClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms: number) {
      if (!(ms >= 0)) throw new RangeError('the sandbox clock only moves forward');
      offset += ms;
    },
    get offsetMs() {
      return offset;
    },
    reset() {
      offset = 0;
    },
  };
}
