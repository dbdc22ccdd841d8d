// Turns what a person types into an FTS5 MATCH expression: every word is a
// prefix ("mensah aiko" finds Aiko Mensah; "ai" finds Aiko), all words must
// match, in any order. Case and accents are left to the index's tokenizer
// (unicode61 remove_diacritics 2) so query and index fold the same way.
// A query that looks like a phone number also matches its digits run
// together, so "(555) 010-23" finds a number stored as "+1 555 0102 345".
// FTS5 query syntax: https://www.sqlite.org/fts5.html#full_text_query_syntax
// (strings in double quotes, `*` after a string for a prefix, AND / OR).

/** Letters, digits, combining marks and private-use characters: what unicode61 keeps inside a token. */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const PHONE_LIKE = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/;

/** Words of the query, at most `maxWords` (a longer query narrows nothing further worth the cost). */
export function queryWords(text: string, maxWords = 12): string[] {
  return (text.match(WORD) ?? []).slice(0, maxWords);
}

const quoted = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * The MATCH expression for `text` restricted by marker tokens (account, provider), or null
 * when the text has no word to search for.
 */
export function searchExpression(text: string, markers: readonly string[]): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  let match = words.map((word) => `${quoted(word)}*`).join(' AND ');
  const trimmed = text.trim();
  if (words.length > 1 && PHONE_LIKE.test(trimmed)) {
    match = `(${match}) OR ${quoted(trimmed.replace(/\D/g, ''))}*`;
  }
  return markerExpression(markers, match);
}

/** Only the markers (a filtered list with no search text). */
export function markerExpression(markers: readonly string[], match: string | null = null): string | null {
  const parts = markers.map(quoted);
  if (match) parts.push(parts.length > 0 ? `(${match})` : match);
  return parts.length > 0 ? parts.join(' AND ') : null;
}

export const accountMarker = (accountNo: number) => `#a${accountNo}`;
export const providerMarker = (provider: string) => `#p${provider}`;
