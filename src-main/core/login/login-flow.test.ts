import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import type { BrowserOpener } from '../ports';
import type { CodeExchangeParams, ProviderClient } from '../providers/provider';
import { runLogin, type LoginStartInfo } from './login-flow';
import { s256Challenge } from './pkce';

const TOKENS = { accessToken: 'access-1', accessTokenExpiresAt: 1_000, refreshToken: 'refresh-1', scopes: ['email'] };
const IDENTITY = { subject: 'sub-1', displayName: 'Ada', email: 'ada@example.com', avatarUrl: null };

/** A provider whose "consent page" URL carries every parameter, and whose exchange checks PKCE and the nonce. */
function fakeProvider(overrides: Partial<ProviderClient> = {}) {
  const issued = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const exchanges: CodeExchangeParams[] = [];
  const provider: ProviderClient = {
    id: 'google',
    fixedRedirect: null,
    redirectUriFor: (port) => `http://127.0.0.1:${port}/kith/test/callback`,
    authorizationUrl: async (params) => {
      const url = new URL('https://idp.test/auth');
      url.searchParams.set('redirect_uri', params.redirectUri);
      url.searchParams.set('state', params.state);
      url.searchParams.set('code_challenge', params.codeChallenge);
      url.searchParams.set('nonce', params.nonce);
      if (params.loginHint) url.searchParams.set('login_hint', params.loginHint);
      return url.toString();
    },
    async exchangeCode(params) {
      exchanges.push(params);
      const grant = issued.get(params.code);
      if (!grant) throw new KithError('E_PROVIDER', 'unknown code');
      if (s256Challenge(params.codeVerifier) !== grant.challenge) throw new KithError('E_PROVIDER', 'PKCE mismatch');
      if (params.nonce !== grant.nonce || params.redirectUri !== grant.redirectUri) throw new KithError('E_ID_TOKEN_INVALID', 'nonce mismatch');
      return { tokens: TOKENS, identity: IDENTITY };
    },
    refresh: async () => TOKENS,
    revoke: async () => {},
    listFriends: () => {
      throw new Error('unused');
    },
    ...overrides,
  };
  /** The consent page "approving": registers a code for the request and redirects the browser to the loopback server. */
  const consent = (authUrl: string, answer: Record<string, string> | 'approve' = 'approve') => {
    const url = new URL(authUrl);
    const redirectUri = url.searchParams.get('redirect_uri')!;
    const state = url.searchParams.get('state')!;
    let query: Record<string, string>;
    if (answer === 'approve') {
      const code = `code-${issued.size + 1}`;
      issued.set(code, { challenge: url.searchParams.get('code_challenge')!, nonce: url.searchParams.get('nonce')!, redirectUri });
      query = { code, state };
    } else {
      query = { state, ...answer };
    }
    return fetch(`${redirectUri}?${new URLSearchParams(query)}`).then(async (r) => ({ status: r.status, text: await r.text() }));
  };
  return { provider, consent, exchanges };
}

function browserThat(action: (url: string) => Promise<unknown> | void): BrowserOpener & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async open(url) {
      opened.push(url);
      // The consent happens "later", like a person clicking.
      setTimeout(() => void action(url), 5);
    },
  };
}

async function portIsClosed(authUrl: string): Promise<boolean> {
  const redirect = new URL(new URL(authUrl).searchParams.get('redirect_uri')!);
  return fetch(redirect).then(
    () => false,
    () => true,
  );
}

describe('runLogin', () => {
  it('shows the URL first, opens the browser, exchanges the code with PKCE and takes no second code', async () => {
    const { provider, consent, exchanges } = fakeProvider();
    const events: string[] = [];
    let tab: Promise<{ status: number; text: string }> | undefined;
    const browser = browserThat((url) => {
      tab = consent(url);
    });
    const originalOpen = browser.open.bind(browser);
    browser.open = async (url) => {
      events.push('open');
      return originalOpen(url);
    };
    let started: LoginStartInfo | undefined;
    const result = await runLogin({
      provider,
      browser,
      clock: { now: () => 1_000_000 },
      timeoutMs: 10_000,
      loginHint: 'ada@example.com',
      onStarted: (info) => {
        events.push('started');
        started = info;
      },
    });
    expect(result).toEqual({ tokens: TOKENS, identity: IDENTITY });
    expect(events).toEqual(['started', 'open']);
    expect(started).toEqual({ authUrl: browser.opened[0], expiresAt: 1_010_000 });
    const authUrl = new URL(started!.authUrl);
    expect(authUrl.searchParams.get('login_hint')).toBe('ada@example.com');
    expect(authUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kith\/test\/callback$/);
    expect(authUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(authUrl.toString()).not.toContain(exchanges[0]!.codeVerifier);
    const page = await tab!;
    expect(page.text).toContain('Kith is connected');
    const late = await consent(started!.authUrl);
    expect(late).toMatchObject({ status: 410, text: expect.stringContaining('This sign-in already finished') });
    expect(exchanges).toHaveLength(1);
  });

  it('rejects E_CONSENT_DENIED when the person declines', async () => {
    const { provider, consent } = fakeProvider();
    const browser = browserThat((url) => consent(url, { error: 'access_denied' }));
    const error = await runLogin({ provider, browser, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_CONSENT_DENIED' });
    expect((await consent(browser.opened[0]!)).text).toContain('This sign-in has ended');
  });

  it('rejects E_PROVIDER when the provider redirects with another error', async () => {
    const { provider, consent } = fakeProvider();
    const browser = browserThat((url) => consent(url, { error: 'temporarily_unavailable' }));
    await expect(runLogin({ provider, browser, timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'E_PROVIDER' });
  });

  it('times out with E_LOGIN_TIMEOUT, and a consent given after that is shown Kith\'s page and never exchanged', async () => {
    const { provider, consent, exchanges } = fakeProvider();
    const browser = browserThat(() => {});
    const error = await runLogin({ provider, browser, timeoutMs: 80 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_LOGIN_TIMEOUT' });
    const late = await consent(browser.opened[0]!);
    expect(late).toMatchObject({ status: 410, text: expect.stringContaining('This sign-in timed out') });
    expect(exchanges).toHaveLength(0);
  });

  it('stops listening at once when asked to linger for 0 ms', async () => {
    const { provider } = fakeProvider();
    const browser = browserThat(() => {});
    await expect(runLogin({ provider, browser, timeoutMs: 50, lingerMs: 0 })).rejects.toMatchObject({ code: 'E_LOGIN_TIMEOUT' });
    expect(await portIsClosed(browser.opened[0]!)).toBe(true);
  });

  it('ignores a redirect with a foreign state and says so when the right one never comes', async () => {
    const { provider } = fakeProvider();
    let page: Promise<{ status: number; text: string }> | undefined;
    const browser = browserThat((url) => {
      const redirect = new URL(url).searchParams.get('redirect_uri')!;
      page = fetch(`${redirect}?code=forged&state=someone-elses`).then(async (r) => ({ status: r.status, text: await r.text() }));
    });
    const error = await runLogin({ provider, browser, timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_STATE_MISMATCH' });
    expect((await page!).status).toBe(400);
  });

  it('still accepts the genuine redirect after a foreign one', async () => {
    const { provider, consent } = fakeProvider();
    const browser = browserThat(async (url) => {
      const redirect = new URL(url).searchParams.get('redirect_uri')!;
      await fetch(`${redirect}?code=forged&state=someone-elses`);
      await consent(url);
    });
    await expect(runLogin({ provider, browser, timeoutMs: 10_000 })).resolves.toMatchObject({ identity: IDENTITY });
  });

  it('is cancelled through the signal, and a late consent is shown it was cancelled, never exchanged', async () => {
    const { provider, consent, exchanges } = fakeProvider();
    const controller = new AbortController();
    const browser = browserThat(() => controller.abort());
    const error = await runLogin({ provider, browser, signal: controller.signal, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    const late = await consent(browser.opened[0]!);
    expect(late).toMatchObject({ status: 410, text: expect.stringContaining('This sign-in was cancelled') });
    expect(exchanges).toHaveLength(0);
  });

  it('notices a cancel that lands while the loopback server is starting', async () => {
    const controller = new AbortController();
    const { provider } = fakeProvider();
    const base = provider.authorizationUrl;
    provider.authorizationUrl = (params) => {
      controller.abort();
      return base(params);
    };
    const started = Date.now();
    const error = await runLogin({ provider, browser: browserThat(() => {}), signal: controller.signal, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  describe('ended while the code is being exchanged', () => {
    /** A provider whose token endpoint answers only when the test says so. */
    function slowProvider() {
      const base = fakeProvider();
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      let exchangeStarted!: () => void;
      const started = new Promise<void>((resolve) => (exchangeStarted = resolve));
      const exchangeCode = base.provider.exchangeCode;
      base.provider.exchangeCode = async (params) => {
        exchangeStarted();
        await answered;
        return exchangeCode(params);
      };
      return { ...base, answer, started };
    }

    it('lets the exchange finish after a cancel and hands its tokens over to be revoked', async () => {
      const { provider, consent, answer, started } = slowProvider();
      const controller = new AbortController();
      const abandoned: unknown[] = [];
      const browser = browserThat((url) => void consent(url));
      const login = runLogin({ provider, browser, signal: controller.signal, timeoutMs: 10_000, onAbandoned: (late) => void abandoned.push(late) });
      await started;
      controller.abort();
      setTimeout(answer, 20);
      const error = await login.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_LOGIN_CANCELLED' });
      expect(abandoned).toEqual([{ tokens: TOKENS, identity: IDENTITY }]);
      expect((await consent(browser.opened[0]!)).text).toContain('This sign-in was cancelled');
    });

    it('does the same when the login times out during the exchange', async () => {
      const { provider, consent, answer, started } = slowProvider();
      const abandoned: unknown[] = [];
      const browser = browserThat((url) => void consent(url));
      const login = runLogin({ provider, browser, timeoutMs: 150, onAbandoned: (late) => void abandoned.push(late) });
      await started;
      setTimeout(answer, 300);
      await expect(login).rejects.toMatchObject({ code: 'E_LOGIN_TIMEOUT' });
      expect(abandoned).toEqual([{ tokens: TOKENS, identity: IDENTITY }]);
    });

    it('hands nothing over when that exchange fails', async () => {
      const { provider, consent } = fakeProvider();
      let fail!: () => void;
      const failed = new Promise<void>((resolve) => (fail = resolve));
      let exchangeStarted!: () => void;
      const exchanging = new Promise<void>((resolve) => (exchangeStarted = resolve));
      provider.exchangeCode = async () => {
        exchangeStarted();
        await failed;
        throw new KithError('E_OFFLINE', 'Google cannot be reached.');
      };
      const controller = new AbortController();
      const onAbandoned = vi.fn();
      const login = runLogin({ provider, browser: browserThat((url) => void consent(url)), signal: controller.signal, timeoutMs: 10_000, onAbandoned });
      await exchanging;
      controller.abort();
      setTimeout(fail, 20);
      await expect(login).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
      expect(onAbandoned).not.toHaveBeenCalled();
    });
  });

  it('does not start at all when already cancelled', async () => {
    const { provider } = fakeProvider();
    const browser = browserThat(() => {});
    const controller = new AbortController();
    controller.abort();
    await expect(runLogin({ provider, browser, signal: controller.signal })).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    expect(browser.opened).toEqual([]);
  });

  it.each([
    [new KithError('E_OFFLINE', 'Google cannot be reached.'), 'E_OFFLINE'],
    [new KithError('E_ID_TOKEN_INVALID', 'The id_token nonce does not match.'), 'E_ID_TOKEN_INVALID'],
    [new Error('token endpoint said access_token=ya29.secret'), 'E_PROVIDER'],
  ])('passes on exchange failures as KithErrors (%s)', async (thrown, code) => {
    const { provider, consent } = fakeProvider({
      exchangeCode: async () => {
        throw thrown;
      },
    });
    let tab: Promise<{ status: number; text: string }> | undefined;
    const browser = browserThat((url) => {
      tab = consent(url);
    });
    const error = (await runLogin({ provider, browser, timeoutMs: 10_000 }).catch((e: unknown) => e)) as KithError;
    expect(error).toBeInstanceOf(KithError);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('ya29.secret');
    const page = await tab!;
    expect(page.text).toContain('could not finish');
    expect(page.text).not.toContain('ya29.secret');
  });

  it('keeps waiting when the browser cannot be opened, so the URL can be opened by hand', async () => {
    const { provider, consent } = fakeProvider();
    const warn = vi.fn();
    const browserFailed = vi.fn();
    const browser: BrowserOpener = { open: async () => Promise.reject(new Error('no browser')) };
    const result = await runLogin({
      provider,
      browser,
      timeoutMs: 10_000,
      log: { info: () => {}, warn, error: () => {} },
      onStarted: ({ authUrl }) => void setTimeout(() => void consent(authUrl), 5),
      onBrowserFailed: browserFailed,
    });
    expect(result.identity).toEqual(IDENTITY);
    expect(warn).toHaveBeenCalledOnce();
    // The window is told, so it can say the browser did not open and show the link.
    expect(browserFailed).toHaveBeenCalledOnce();
  });

  it("listens on the provider's fixed port and path", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const { provider, consent } = fakeProvider({
      id: 'facebook',
      fixedRedirect: { port, path: '/kith/facebook/callback' },
      redirectUriFor: () => `http://localhost:${port}/kith/facebook/callback`,
    });
    const browser = browserThat((url) => consent(url));
    await expect(runLogin({ provider, browser, timeoutMs: 10_000 })).resolves.toMatchObject({ tokens: TOKENS });
    expect(new URL(browser.opened[0]!).searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/kith/facebook/callback`);
  });
});
