// What every provider call shares: bounded retries with exponential backoff
// and jitter (honouring Retry-After), network failures as E_OFFLINE, and
// bodies that must be JSON. No token, code or verifier ever goes into an
// error message built here: messages name the provider, the operation and
// the HTTP status only.
import { KithError } from '../../../src-contract/kith-api';
import type { Clock, Logger } from '../ports';

export type Sleep = (ms: number) => Promise<void>;

/** What both provider factories accept besides config and fetch. */
export interface ProviderOptions {
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  log?: Logger;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff; doubles each retry (before jitter). */
  baseDelayMs: number;
  /** Cap on one computed backoff. */
  maxDelayMs: number;
  /** Cap on the total time spent waiting between attempts; a Retry-After beyond it ends the retries at once. */
  maxTotalWaitMs: number;
  sleep: Sleep;
  /** [0, 1): the jitter source. */
  random: () => number;
}

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function defaultRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxTotalWaitMs: 30_000, sleep: realSleep, random: Math.random, ...overrides };
}

/** A failure worth trying again (5xx, 429, Facebook throttling); `error` is what the caller gets when retries run out. */
export class TransientFailure extends Error {
  constructor(
    readonly error: KithError,
    /** The provider's Retry-After, in ms, when it gave one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(error.message);
    this.name = 'TransientFailure';
  }
}

/**
 * Runs `operation` until it succeeds, throws something other than a TransientFailure, or
 * the policy's attempts or waiting budget run out (then the last failure's KithError).
 * Backoff is "full jitter" between half and all of base·2^(attempt-1), capped.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, context?: { log?: Logger; what: string }): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (failure) {
      if (!(failure instanceof TransientFailure)) throw failure;
      if (attempt >= policy.maxAttempts) throw failure.error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = failure.retryAfterMs ?? Math.round(backoff * (0.5 + policy.random() * 0.5));
      if (waited + delay > policy.maxTotalWaitMs) throw failure.error;
      context?.log?.warn('Provider call failed for now; retrying', { what: context.what, attempt, delayMs: delay, code: failure.error.code });
      waited += delay;
      await policy.sleep(delay);
    }
  }
}

/** Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse takes far more.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Calls fetch; a failure to connect (or no answer in time) is E_OFFLINE. */
export async function fetchOrOffline(fetchImpl: typeof fetch, url: string, init: RequestInit, what: { provider: string; operation: string; timeoutMs?: number }): Promise<Response> {
  const timeout = AbortSignal.timeout(what.timeoutMs ?? 30_000);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    return await fetchImpl(url, { ...init, signal });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw offline(what.provider, what.operation, timeout.aborted);
  }
}

export function offline(provider: string, operation: string, timedOut = false): KithError {
  return new KithError('E_OFFLINE', timedOut ? `${provider} did not answer in time (${operation}).` : `${provider} cannot be reached (${operation}). Check the internet connection.`);
}

/** Reads a JSON body; anything else (truncated, HTML, empty) is E_PROVIDER saying so. */
export async function readJson(response: Response, what: { provider: string; operation: string }): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new KithError('E_OFFLINE', `The connection to ${what.provider} broke while reading its answer (${what.operation}).`);
  }
  return parseJsonText(text, what);
}

export function parseJsonText(text: string, what: { provider: string; operation: string }): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed(what);
  }
}

export function malformed(what: { provider: string; operation: string }, detail = 'not valid JSON'): KithError {
  return new KithError('E_PROVIDER', `${what.provider} sent an answer Kith cannot read (${what.operation}: ${detail}).`);
}

/** 5xx and 429 are transient; the caller classifies everything else. */
export function transientForStatus(status: number, headers: Headers | null, what: { provider: string; operation: string }, now?: number): TransientFailure | null {
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers?.get('retry-after'), now);
    return new TransientFailure(rateLimited(what, retryAfterMs), retryAfterMs);
  }
  if (status >= 500) {
    return new TransientFailure(new KithError('E_PROVIDER', `${what.provider} is having trouble (HTTP ${status} on ${what.operation}). Try again later.`), parseRetryAfter(headers?.get('retry-after'), now));
  }
  return null;
}

/**
 * A transient failure of an authorization-code exchange, made final. The code is good once
 * (RFC 6749 §4.1.2: a server may revoke every token issued from a code used twice), so Kith never
 * sends it again; the person signs in again and gets a fresh code. Throttling keeps its code.
 */
export function codeExchangeFailure(provider: string, transient: TransientFailure, detail: string): KithError {
  if (transient.error.code === 'E_RATE_LIMITED') return transient.error;
  return new KithError('E_PROVIDER', `${provider} could not complete the sign-in; try again (${detail}).`);
}

/** The policy for a call that must be made once only: the authorization-code exchange. */
export function singleAttempt(policy: RetryPolicy): RetryPolicy {
  return { ...policy, maxAttempts: 1 };
}

export function rateLimited(what: { provider: string; operation: string }, retryAfterMs: number | null = null): KithError {
  const when = retryAfterMs !== null && retryAfterMs > 0 ? ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : ' Try again in a little while.';
  return new KithError('E_RATE_LIMITED', `${what.provider} is limiting how often Kith may call it (${what.operation}).${when}`);
}

/** An OAuth/API error code is a short ASCII token; anything else is not repeated to the person. */
export function safeCode(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : null;
}
