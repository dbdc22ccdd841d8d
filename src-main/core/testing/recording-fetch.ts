// Test helper only: a fetch that records every request Kith makes (URL,
// method, form body) and may rewrite the authorization server's token answer
// before Kith reads it: an attacker in the path, or a server gone wrong,
// handing Kith an id_token it must refuse. Everything else goes to the real
// server over real HTTP.
export interface RecordedRequest {
  url: string;
  method: string;
  /** The form body as sent (URLSearchParams or string), parsed; empty for none. */
  form: URLSearchParams;
  /** Whether an Authorization header was sent (client_secret_basic would use one). */
  authorization: boolean;
  /** The answer as the server sent it: status and body (parsed JSON, else the text; null without a body). */
  answer: Promise<{ status: number; body: unknown }>;
}

export type TokenAnswer = Record<string, unknown>;

export interface RecordingFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Requests whose URL (without query) is `url`. */
  to(url: string): RecordedRequest[];
  /** Rewrites every successful answer of the token endpoint (tokenUrl) until reset with null. */
  rewriteTokenAnswer: ((answer: TokenAnswer) => TokenAnswer | Promise<TokenAnswer>) | null;
}

export function createRecordingFetch(tokenUrl: string | null = null, base: typeof fetch = globalThis.fetch): RecordingFetch {
  const recorder: RecordingFetch = {
    requests: [],
    rewriteTokenAnswer: null,
    to: (url) => recorder.requests.filter((r) => r.url.split('?')[0] === url),
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
      const body = init?.body;
      const form = body instanceof URLSearchParams ? new URLSearchParams(body) : typeof body === 'string' ? new URLSearchParams(body) : new URLSearchParams();
      const authorization = new Headers(init?.headers).has('authorization');
      const response = await base(input, init);
      recorder.requests.push({ url, method: (init?.method ?? 'GET').toUpperCase(), form, authorization, answer: bodyOf(response.clone()) });
      const rewrite = recorder.rewriteTokenAnswer;
      if (!rewrite || url !== tokenUrl || !response.ok) return response;
      const altered = await rewrite((await response.json()) as TokenAnswer);
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(altered), { status: response.status, headers });
    },
  };
  return recorder;
}

async function bodyOf(response: Response): Promise<{ status: number; body: unknown }> {
  const text = await response.text();
  if (text === '') return { status: response.status, body: null };
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}
