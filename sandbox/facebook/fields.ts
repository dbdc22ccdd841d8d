// Graph's `fields` parameter: comma-separated, each possibly with modifiers
// such as picture.type(large) or picture.width(200).height(200).
import type { Context } from 'hono';
import { graphError } from './errors';

/** Top-level field names (modifiers and nested selections dropped). */
export function parseFields(raw: string | undefined, defaults: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return defaults;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(' || ch === '{') depth += 1;
    if (ch === ')' || ch === '}') depth -= 1;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  names.push(current);
  return names.map((n) => n.trim().split(/[.({]/)[0] ?? '').filter(Boolean);
}

export function pictureField(url: string): unknown {
  return { data: { height: 50, is_silhouette: false, url, width: 50 } };
}

/** The User fields a request asks for (`defaults` without ?fields), or Graph's 100 for the first one the node lacks. */
export function userFields(c: Context, known: ReadonlySet<string>, defaults: string[]): { ok: true; fields: string[] } | { ok: false; response: Response } {
  const fields = parseFields(c.req.query('fields'), defaults);
  const unknown = fields.find((f) => !known.has(f));
  if (unknown !== undefined) return { ok: false, response: graphError(c, { status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (User)` }) };
  return { ok: true, fields };
}
