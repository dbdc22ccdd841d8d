// Calls to Facebook's Graph API: bearer token in the Authorization header
// (never in a URL Kith builds), JSON answers, retries for throttling and
// outages, every failure as a KithError.
import type { Logger } from '../ports';
import { graphFailure } from './facebook-errors';
import { fetchOrOffline, malformed, readJson, singleAttempt, withRetries, type RetryPolicy } from './provider-http';

export interface GraphClient {
  request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: {
      accessToken?: string;
      query?: Record<string, string>;
      form?: Record<string, string>;
      operation: string;
      onFailure?: (status: number, headers: Headers, body: unknown, operation: string) => ReturnType<typeof graphFailure>;
      /** Make the request once, whatever the answer: for a one-time authorization code. */
      once?: boolean;
    },
  ): Promise<unknown>;
}

export function createGraphClient(graphUrl: string, fetchImpl: typeof fetch, retry: RetryPolicy, log?: Logger): GraphClient {
  return {
    request(method, path, { accessToken, query, form, operation, onFailure = graphFailure, once = false }) {
      const url = new URL(`${graphUrl}${path}`);
      for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (accessToken) headers.authorization = `Bearer ${accessToken}`;
      const what = { provider: 'Facebook', operation };
      return withRetries(
        async () => {
          const response = await fetchOrOffline(
            fetchImpl,
            url.toString(),
            { method, headers, ...(form ? { body: new URLSearchParams(form) } : {}) },
            what,
          );
          const body = await readJson(response, what).catch((error: unknown) => {
            // A non-JSON error page from an outage is still an outage.
            if (response.status >= 500) return null;
            throw error;
          });
          if (response.ok) {
            if (typeof body !== 'object' || body === null) throw malformed(what, 'not a JSON object');
            return body;
          }
          throw onFailure(response.status, response.headers, body, operation);
        },
        once ? singleAttempt(retry) : retry,
        { log, what: `facebook ${operation}` },
      );
    },
  };
}
