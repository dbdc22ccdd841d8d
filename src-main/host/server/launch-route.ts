// The launch link trade: the one-time launch token from the printed URL is
// exchanged for a session token in an HttpOnly, SameSite=Strict cookie, then
// the browser is sent to `/`, so the token leaves the address bar.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { KithError } from '../../../src-contract/kith-api';
import type { HostTokenService } from './access-tokens';
import { clientOf, SESSION_COOKIE, tooManyReply, verifyCredential } from './authenticate';
import type { RequestLimits } from './rate-limits';
import { htmlPageResponse } from '../../node/html-page';

export async function handleLaunch(c: Context, tokens: HostTokenService, sessionTtlMs: number, limits: RequestLimits): Promise<Response> {
  // The token works once: a HEAD (link checkers) or a speculative prefetch must not spend it.
  const purpose = c.req.header('sec-purpose') ?? '';
  if (c.req.method !== 'GET' || (purpose.includes('prefetch') && !purpose.includes('prerender'))) {
    return c.body(null, 405, { allow: 'GET' });
  }
  const client = clientOf(c);
  const wait = limits.failures.waitMs(client);
  if (wait > 0) return tooManyReply(c, wait, 'Too many invalid launch links; wait before trying again.');
  try {
    // The service spends a launch token on its first verification: a link works once.
    await verifyCredential(tokens, c.req.query('token') ?? '', 'app', ['launch']);
  } catch (error) {
    if (!(error instanceof KithError)) throw error;
    // Opening a spent link again in a browser that is already signed in just shows the app.
    const session = getCookie(c, SESSION_COOKIE);
    if (session && (await verifyCredential(tokens, session, 'app', ['session']).then(() => true, () => false))) return c.redirect('/', 303);
    limits.failures.failed(client);
    return htmlPageResponse(
      {
        title: 'This link has been used',
        heading: 'This launch link has already been used or has expired',
        paragraphs: [
          ['Each link that kith serve prints opens Kith once, and only for a few minutes, so a link from your history or another tab cannot open it again.'],
          [
            'To get a new link while kith serve runs, run ',
            { command: 'npx kith open' },
            ' in another terminal. It opens a fresh link in your browser (add --print to print it instead). If you started the demo, run ',
            { command: 'npm run demo' },
            ' again instead.',
          ],
        ],
      },
      401,
    );
  }

  const { token } = await tokens.issue({ type: 'session', name: 'browser session', abilities: ['app'], ttlMs: sessionTtlMs });
  // No `Secure`: the server is plain http on 127.0.0.1, where a Secure cookie would not be stored by every browser.
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: Math.floor(sessionTtlMs / 1000) });
  return c.redirect('/', 303);
}
