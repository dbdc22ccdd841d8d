// A LoginRunner that "consents" with whatever the test queued next, so the
// accounts service is tested without a browser or loopback server.
import { KithError } from '../../../src-contract/kith-api';
import type { LoginRequest, LoginRunner } from '../accounts/login-runner';
import type { ProviderIdentity, TokenSet } from '../providers/provider';

export type QueuedLogin =
  | { tokens: TokenSet; identity: ProviderIdentity }
  | { error: KithError }
  | { hang: true }
  /** Consent given whenever the test resolves this promise (cancelling still rejects at once). */
  | { later: Promise<{ tokens: TokenSet; identity: ProviderIdentity }> }
  /**
   * The redirect with a code has arrived and the exchange resolves with this promise. Like the
   * real runLogin, a cancel or timeOut() meanwhile waits for the exchange, hands its tokens to
   * onAbandoned and then rejects (E_LOGIN_CANCELLED / E_LOGIN_TIMEOUT).
   */
  | { exchanging: Promise<{ tokens: TokenSet; identity: ProviderIdentity }> };

export interface FakeLogin {
  run: LoginRunner;
  queue: QueuedLogin[];
  started: number;
  /** The system browser fails to open for every sign-in from now on. */
  browserFails: boolean;
  /** What each login asked the provider for (who was hinted, which permission), in order. */
  readonly requests: Array<Pick<LoginRequest, 'loginHint' | 'permission'> & { provider: string }>;
  /** Ends the login in progress as its deadline would (only `exchanging` logins listen). */
  timeOut(): void;
}

export function createFakeLogin(now: () => number = Date.now): FakeLogin {
  let deadline = () => {};
  const fake: FakeLogin = {
    queue: [],
    started: 0,
    browserFails: false,
    requests: [],
    timeOut: () => deadline(),
    run: async ({ provider, signal, onStarted, onBrowserFailed, onAbandoned, loginHint, permission }) => {
      fake.started += 1;
      fake.requests.push({ provider: provider.id, loginHint, permission });
      onStarted({ authUrl: `https://${provider.id}.test/consent?n=${fake.started}`, expiresAt: now() + 300_000 });
      if (fake.browserFails) onBrowserFailed?.();
      const next = fake.queue.shift();
      if (!next) throw new KithError('E_CONSENT_DENIED', 'The test queued no login.');
      if ('error' in next) throw next.error;
      if ('exchanging' in next) {
        const ended = new Promise<KithError>((resolve) => {
          deadline = () => resolve(new KithError('E_LOGIN_TIMEOUT', 'The sign-in was not completed in time.'));
          const abort = () => resolve(new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.'));
          if (signal.aborted) abort();
          signal.addEventListener('abort', abort, { once: true });
        });
        const first = await Promise.race([next.exchanging.then((result) => ({ result })), ended.then((error) => ({ error }))]);
        if ('result' in first) return first.result;
        const late = await next.exchanging;
        await onAbandoned(late);
        throw first.error;
      }
      if ('hang' in next || 'later' in next) {
        return new Promise((resolve, reject) => {
          const abort = () => reject(new KithError('E_LOGIN_CANCELLED', 'The sign-in was cancelled.'));
          if (signal.aborted) abort();
          signal.addEventListener('abort', abort, { once: true });
          if ('later' in next) next.later.then(resolve, reject);
        });
      }
      return next;
    },
  };
  return fake;
}

export function identity(subject: string, name = `Person ${subject}`): ProviderIdentity {
  return { subject, displayName: name, email: `${subject}@example.test`, avatarUrl: null };
}
