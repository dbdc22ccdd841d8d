// Reads an application/x-www-form-urlencoded (or JSON) body into strings.
// RFC 6749 §3.2: token endpoint parameters are form-encoded; a repeated
// parameter makes the request invalid.
import type { Context } from 'hono';

export type FormResult = { ok: true; params: Record<string, string> } | { ok: false; reason: string };

export async function readParams(c: Context): Promise<FormResult> {
  const type = (c.req.header('Content-Type') ?? '').toLowerCase();
  const params: Record<string, string> = {};
  if (type.startsWith('application/json')) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return { ok: false, reason: 'Invalid JSON payload received.' };
    }
    if (typeof body !== 'object' || body === null) return { ok: false, reason: 'Invalid JSON payload received.' };
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') params[key] = value;
    return { ok: true, params };
  }
  const text = type.startsWith('application/x-www-form-urlencoded') ? await c.req.text() : '';
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (seen.has(key)) return { ok: false, reason: `Duplicate parameter: ${key}` };
    seen.add(key);
    params[key] = value;
  }
  return { ok: true, params };
}

/** HTTP Basic client credentials (RFC 6749 §2.3.1), form-decoded. */
export function basicCredentials(c: Context): { id: string; secret: string } | null {
  const header = c.req.header('Authorization');
  if (!header?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}
