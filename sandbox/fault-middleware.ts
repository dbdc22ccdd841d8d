// Applies the provider's fault switches to one API route, answering in that
// provider's own words: Google with 5xx / 429 + Retry-After in the
// googleapis.com envelope, Facebook with code 1/2 (HTTP 500) or a throttling
// code (HTTP 400/403, never 429) and a saturated X-App-Usage header.
import type { MiddlewareHandler } from 'hono';
import type { SandboxContext } from './context';
import type { ProviderName } from './state/grants';
import { googleApiErrorBody } from './google/errors';
import { graphErrorBody, THROTTLE_MESSAGES } from './facebook/errors';

export function faultMiddleware(context: SandboxContext, provider: ProviderName): MiddlewareHandler {
  return async (c, next) => {
    const settings = context.faults.get(provider);
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    const fault = context.faults.draw(provider);
    if (fault === 'server-error') {
      if (provider === 'google') {
        return c.json(googleApiErrorBody({ status: 503, rpcStatus: 'UNAVAILABLE', message: 'The service is currently unavailable.' }), 503);
      }
      return c.json(graphErrorBody({ status: 500, code: 2, message: 'An unexpected error has occurred. Please retry your request later.', isTransient: true }), 500);
    }
    if (fault === 'rate-limit') {
      if (provider === 'google') {
        c.header('Retry-After', String(settings.retryAfterSeconds));
        return c.json(
          googleApiErrorBody({
            status: 429,
            rpcStatus: 'RESOURCE_EXHAUSTED',
            message: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'.",
            reason: 'RATE_LIMIT_EXCEEDED',
          }),
          429,
        );
      }
      const throttle = THROTTLE_MESSAGES[settings.throttleCode];
      c.header('X-App-Usage', JSON.stringify({ call_count: 100, total_cputime: 100, total_time: 100 }));
      return c.json(graphErrorBody({ status: throttle.status, code: settings.throttleCode, message: throttle.message, isTransient: true }), throttle.status);
    }
    await next();
    if (fault === 'malformed') {
      const text = await c.res.clone().text();
      const headers = new Headers(c.res.headers);
      headers.set('Content-Type', 'application/json; charset=UTF-8');
      headers.delete('Content-Length');
      // Cut mid-document: a client that trusts the status alone will choke on this.
      c.res = new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))) || '{', { status: 200, headers });
    }
  };
}
