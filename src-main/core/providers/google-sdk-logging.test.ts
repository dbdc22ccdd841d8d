// google-auth-library logs every request URL and response body to stderr when
// GOOGLE_SDK_NODE_LOGGING is set (a documented debugging switch), bypassing Kith's
// redacting logger: token responses and the revoke URL carry secrets.
import { afterAll, expect, it, vi } from 'vitest';

const previous = process.env.GOOGLE_SDK_NODE_LOGGING;
// Read once, when google-auth-library is first loaded: set it before importing the provider.
process.env.GOOGLE_SDK_NODE_LOGGING = '*';
afterAll(() => {
  if (previous === undefined) delete process.env.GOOGLE_SDK_NODE_LOGGING;
  else process.env.GOOGLE_SDK_NODE_LOGGING = previous;
});

it('never lets google-auth-library print tokens, even with GOOGLE_SDK_NODE_LOGGING set', async () => {
  const { loadConfig } = await import('../config/load-config');
  const { createGoogleProvider } = await import('./google-provider');
  const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:9' });
  const fetchImpl = (async (url: string) =>
    url.startsWith(config.google.revokeUrl)
      ? Response.json({})
      : Response.json({ access_token: 'ya29.NEW-ACCESS-secret', expires_in: 3599, refresh_token: '1//ROTATED-REFRESH-secret' })) as unknown as typeof fetch;
  const printed: string[] = [];
  const spies = (['error', 'log', 'warn', 'info', 'debug'] as const).map((name) =>
    vi.spyOn(console, name).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
  );
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (printed.push(String(chunk)), true));
  try {
    const provider = createGoogleProvider(config, fetchImpl);
    await provider.refresh({ accessToken: 'old', accessTokenExpiresAt: 0, refreshToken: '1//OLD-REFRESH-secret', scopes: [] });
    await provider.revoke({ accessToken: 'old', accessTokenExpiresAt: 0, refreshToken: '1//OLD-REFRESH-secret', scopes: [] });
  } finally {
    for (const spy of spies) spy.mockRestore();
    stderr.mockRestore();
  }
  expect(printed.join('\n')).not.toMatch(/secret/);
});
