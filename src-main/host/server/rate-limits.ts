// Two limits on the host server. Failed credentials (a bad bearer token, a bad
// or spent launch link) are counted per client address: past a few free
// failures a client is refused, before its next attempt is even checked, for a
// time that doubles with each further failure (RFC 6585 §4: 429 with
// Retry-After), so guessing costs time instead of CPU. And each personal token
// draws from its own token bucket, so one runaway script cannot take the
// server from the page and the other scripts.

export interface LimitSettings {
  /** Failures a client may make per window before it is refused. */
  freeFailures: number;
  failureWindowMs: number;
  /** The first refusal lasts this long; each further failure doubles it, up to maxBlockMs. */
  firstBlockMs: number;
  maxBlockMs: number;
  /** A personal token's burst, and how many requests per second it regains. */
  tokenBurst: number;
  tokenPerSecond: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  freeFailures: 10,
  failureWindowMs: 60_000,
  firstBlockMs: 1_000,
  maxBlockMs: 15 * 60_000,
  // A script reading friend lists needs a few requests a second; a burst covers paging through a large list.
  tokenBurst: 300,
  tokenPerSecond: 50,
};

interface FailureState {
  windowStart: number;
  count: number;
  strikes: number;
  blockedUntil: number;
}

/** Per client: how long it must still wait (ms), and what a failure or a success does to that. */
export class FailedAttemptLimiter {
  readonly #settings: LimitSettings;
  readonly #now: () => number;
  readonly #clients = new Map<string, FailureState>();

  readonly #onFailed: (client: string) => void;

  constructor(settings: LimitSettings, now: () => number = Date.now, onFailed: (client: string) => void = () => {}) {
    this.#settings = settings;
    this.#now = now;
    this.#onFailed = onFailed;
  }

  /** Milliseconds the client must wait before its next attempt is checked; 0 when it may try now. */
  waitMs(client: string): number {
    const state = this.#clients.get(client);
    return state ? Math.max(0, state.blockedUntil - this.#now()) : 0;
  }

  failed(client: string): void {
    this.#onFailed(client);
    const now = this.#now();
    let state = this.#clients.get(client);
    if (!state || (now - state.windowStart > this.#settings.failureWindowMs && now >= state.blockedUntil)) {
      // A new window forgives the count; the refusals keep growing only while every window goes over.
      const strikes = state && state.count > this.#settings.freeFailures ? state.strikes : 0;
      state = { windowStart: now, count: 0, strikes, blockedUntil: 0 };
      this.#clients.set(client, state);
    }
    state.count += 1;
    if (state.count > this.#settings.freeFailures) {
      state.strikes += 1;
      const block = Math.min(this.#settings.firstBlockMs * 2 ** (state.strikes - 1), this.#settings.maxBlockMs);
      state.blockedUntil = now + block;
    }
    if (this.#clients.size > 10_000) this.#forgetOldest();
  }

  #forgetOldest(): void {
    const now = this.#now();
    for (const [client, state] of this.#clients) {
      if (state.blockedUntil <= now) this.#clients.delete(client);
      if (this.#clients.size <= 5_000) return;
    }
  }
}

/** A token bucket per personal token id. */
export class TokenRateLimiter {
  readonly #settings: LimitSettings;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(settings: LimitSettings, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
  }

  /** Takes one request from the token's bucket: 0 when it may go ahead, else the ms until it may. */
  take(id: string): number {
    const now = this.#now();
    const { tokenBurst, tokenPerSecond } = this.#settings;
    const bucket = this.#buckets.get(id) ?? { tokens: tokenBurst, at: now };
    bucket.tokens = Math.min(tokenBurst, bucket.tokens + ((now - bucket.at) / 1000) * tokenPerSecond);
    bucket.at = now;
    this.#buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / tokenPerSecond) * 1000);
  }
}

export interface RequestLimits {
  failures: FailedAttemptLimiter;
  perToken: TokenRateLimiter;
}

export function createRequestLimits(settings: Partial<LimitSettings> = {}, now?: () => number, onFailed?: (client: string) => void): RequestLimits {
  const merged = { ...DEFAULT_LIMITS, ...settings };
  return { failures: new FailedAttemptLimiter(merged, now, onFailed), perToken: new TokenRateLimiter(merged, now) };
}
