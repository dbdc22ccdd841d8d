// google-auth-library and @googleapis/people make their HTTP calls through a
// gaxios instance. This one sends them through the fetch Kith was given (so
// tests and the sandbox see every call) and turns gaxios' own retries off:
// provider-http.ts retries, with bounds and an injectable sleep, and never
// replays a one-time authorization code on its own.
import type { gaxios } from 'google-auth-library';

type Gaxios = InstanceType<typeof gaxios.Gaxios>;

/** The standard fetch arguments only; gaxios passes its whole config object as `init`. */
export function adaptFetch(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => {
    const url = input instanceof URL ? input.toString() : input;
    const { method, headers, body, signal, redirect } = (init ?? {}) as RequestInit;
    const standard: RequestInit = { method, headers, body, signal, redirect };
    // Node's fetch needs duplex for stream bodies; gaxios only sends strings and forms here.
    return fetchImpl(url, standard);
  };
}

/** Async: google-auth-library loads on the first Google call (see google-provider.ts). */
export async function createGaxiosTransport(fetchImpl: typeof fetch, timeoutMs = 30_000): Promise<Gaxios> {
  const { gaxios } = await import('google-auth-library');
  const transport = new gaxios.Gaxios({ fetchImplementation: adaptFetch(fetchImpl), timeout: timeoutMs });
  transport.interceptors.request.add({
    resolved: async (config) => {
      config.retry = false;
      delete config.retryConfig;
      return config;
    },
  });
  return transport;
}
