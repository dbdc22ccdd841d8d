// One sign-in through the system browser (RFC 8252): PKCE S256, a random
// state and nonce, a one-shot loopback server, the code exchanged and the
// id_token verified by the provider client. On every path out of runLogin
// (success, denial, timeout, cancel, any error) the loopback server stops
// taking codes; it keeps answering for a few minutes (LOOPBACK_LINGER_MS) with
// a page saying the sign-in ended, so a late answer in the browser lands on
// Kith's page rather than a refused connection, and is never exchanged.
import { KithError, toKithError } from '../../../src-contract/errors';
import type { Permission } from '../../../src-contract/kith-api';
import type { BrowserOpener, Clock, Logger } from '../ports';
import type { ProviderClient, ProviderIdentity, TokenSet } from '../providers/provider';
import { providerName as providerNameOf } from '../../../src-contract/provider-names';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { createPkcePair } from './pkce';
import { createNonce, createState } from './random-state';

export const LOGIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface LoginStartInfo {
  /** The consent page, for the person to open by hand if the browser did not open. */
  authUrl: string;
  /** Epoch ms after which the login gives up (E_LOGIN_TIMEOUT). */
  expiresAt: number;
}

export interface RunLoginOptions {
  provider: ProviderClient;
  browser: BrowserOpener;
  /** Called with the URL before the browser is asked to open it, so the caller can show it first. */
  onStarted?: (info: LoginStartInfo) => void;
  /** The system browser could not be opened: the person must open the URL shown by onStarted. */
  onBrowserFailed?: () => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  clock?: Clock;
  randomBytes?: (size: number) => Uint8Array;
  /** Preselects a person on the consent page (Google's login_hint). */
  loginHint?: string;
  /** Asks again for this one permission (AuthorizationParams.permission). */
  permission?: Permission;
  /** How long the ended sign-in's address keeps answering; LOOPBACK_LINGER_MS unless set. */
  lingerMs?: number;
  log?: Logger;
  /**
   * Receives the tokens of a code exchange that was already on the wire when the login was
   * cancelled or timed out. The provider has issued a grant by then; the caller decides
   * whether to revoke it. runLogin still rejects with E_LOGIN_CANCELLED / E_LOGIN_TIMEOUT.
   */
  onAbandoned?: (result: LoginResult) => Promise<void> | void;
}

export interface LoginResult {
  tokens: TokenSet;
  identity: ProviderIdentity;
}

/**
 * Runs one login to completion. Rejects with KithError: E_CONSENT_DENIED, E_LOGIN_TIMEOUT,
 * E_LOGIN_CANCELLED, E_STATE_MISMATCH (only redirects with a foreign state arrived before the
 * timeout), E_OFFLINE, E_ID_TOKEN_INVALID, E_RATE_LIMITED, E_PROVIDER, E_CONFIG (fixed port taken).
 */
export async function runLogin(options: RunLoginOptions): Promise<LoginResult> {
  const { provider, browser, signal, log } = options;
  const providerName = providerNameOf(provider.id);
  const timeoutMs = options.timeoutMs ?? LOGIN_TIMEOUT_MS;
  const clock = options.clock ?? Date;
  if (signal?.aborted) throw cancelled(providerName);

  const pkce = createPkcePair(options.randomBytes);
  const state = createState(options.randomBytes);
  const nonce = createNonce(options.randomBytes);
  const fixed = provider.fixedRedirect;
  const server = await startLoopbackServer({
    path: fixed?.path ?? new URL(provider.redirectUriFor(0)).pathname,
    port: fixed?.port ?? 0,
    expectedState: state,
    providerName,
    lingerMs: options.lingerMs,
  });

  const stops: Array<() => void> = [];
  try {
    const redirectUri = provider.redirectUriFor(server.port);
    const authUrl = await provider.authorizationUrl({
      redirectUri,
      state,
      codeChallenge: pkce.challenge,
      nonce,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      ...(options.permission ? { permission: options.permission } : {}),
    });
    const ended = endings(server, providerName, timeoutMs, signal, stops);
    options.onStarted?.({ authUrl, expiresAt: clock.now() + timeoutMs });
    // A browser that fails to open is not fatal: the person can open the URL shown by onStarted.
    browser.open(authUrl).catch((error: unknown) => {
      log?.warn('The system browser did not open the consent page; it can be opened by hand.', {
        provider: provider.id,
        reason: error instanceof KithError ? error.code : 'open failed',
      });
      if (!signal?.aborted) options.onBrowserFailed?.();
    });

    // Set before the race settles (this handler runs first), so the catch below knows
    // whether the login ended by timeout/cancel or by the exchange failing.
    let endedBy: unknown = null;
    const ending = ended.catch((error: unknown) => {
      endedBy = error;
      throw error;
    });
    let exchanging = false;
    const exchanged = server.redirect.then(({ code }) => {
      // A code that arrives after the login ended is never exchanged: no tokens, nothing to revoke.
      if (endedBy !== null) throw endedBy;
      exchanging = true;
      return provider.exchangeCode({ code, codeVerifier: pkce.verifier, redirectUri, nonce });
    });
    exchanged.catch(() => {});
    let result: LoginResult;
    try {
      result = await Promise.race([exchanged, ending]);
    } catch (raw) {
      const error = asLoginError(raw, providerName);
      await server.close({ ok: false, error });
      // The code was already being exchanged: the provider issues a grant whatever Kith does
      // now, so the exchange finishes and its tokens go to the caller (to revoke), not nowhere.
      if (raw === endedBy && exchanging) await handOverAbandoned(exchanged, options.onAbandoned, log, provider.id);
      throw error;
    }
    await server.close({ ok: true });
    return result;
  } catch (raw) {
    const error = asLoginError(raw, providerName);
    await server.close({ ok: false, error }); // idempotent: a no-op when the race's catch closed it
    throw error;
  } finally {
    for (const stop of stops) stop();
  }
}

async function handOverAbandoned(
  exchanged: Promise<LoginResult>,
  onAbandoned: RunLoginOptions['onAbandoned'],
  log: Logger | undefined,
  provider: ProviderClient['id'],
): Promise<void> {
  let late: LoginResult;
  try {
    late = await exchanged;
  } catch {
    return; // The exchange failed: no tokens were issued to Kith.
  }
  if (!onAbandoned) {
    log?.warn('a sign-in ended while its code was being exchanged; nobody takes the tokens to revoke them', { provider });
    return;
  }
  try {
    await onAbandoned(late);
  } catch (error) {
    log?.error('could not hand over the tokens of an ended sign-in', { provider, code: asLoginError(error, provider).code });
  }
}

/** A promise that only ever rejects: at the deadline or when the signal aborts. */
function endings(server: LoopbackServer, providerName: string, timeoutMs: number, signal: AbortSignal | undefined, stops: Array<() => void>): Promise<never> {
  return new Promise<never>((_, reject) => {
    const timer = setTimeout(() => {
      reject(
        server.rejectedStateCount > 0
          ? new KithError(
              'E_STATE_MISMATCH',
              `The ${providerName} sign-in answer that reached Kith belonged to a different sign-in attempt (an older tab?), and the right one did not arrive in time. Please start again.`,
            )
          : new KithError('E_LOGIN_TIMEOUT', `The ${providerName} sign-in was not completed within ${Math.round(timeoutMs / 60_000) || 1} minute(s). Please start again.`),
      );
    }, timeoutMs);
    stops.push(() => clearTimeout(timer));
    if (signal) {
      const onAbort = () => reject(cancelled(providerName));
      // Aborted while the loopback server was starting: the event has already fired.
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      stops.push(() => signal.removeEventListener('abort', onAbort));
    }
  });
}

function cancelled(providerName: string): KithError {
  return new KithError('E_LOGIN_CANCELLED', `The ${providerName} sign-in was cancelled.`);
}

/** Kith errors pass through; anything else becomes E_PROVIDER without its message, which could hold a secret. */
function asLoginError(raw: unknown, providerName: string): KithError {
  return toKithError(raw, { fallback: () => new KithError('E_PROVIDER', `Kith could not finish the ${providerName} sign-in because of an unexpected error.`) });
}
