// Graph takes its parameters from the query string and, on POST, from a form
// or JSON body (Facebook's SDKs send forms; generic HTTP clients often JSON).
import type { Context } from 'hono';

export async function graphParams(c: Context): Promise<Record<string, string>> {
  const params: Record<string, string> = { ...c.req.query() };
  if (c.req.method !== 'POST') return params;
  const type = (c.req.header('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(await c.req.text())) params[key] = value;
  } else if (type.startsWith('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return params;
    }
    if (typeof body === 'object' && body !== null) {
      for (const [key, value] of Object.entries(body)) if (typeof value === 'string' || typeof value === 'number') params[key] = String(value);
    }
  }
  return params;
}
