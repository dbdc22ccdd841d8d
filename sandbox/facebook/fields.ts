// Graph's `fields` parameter: comma-separated, each possibly with modifiers
// such as picture.type(large) or picture.width(200).height(200).

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
