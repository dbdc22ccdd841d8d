// Turns what a person types into an FTS5 MATCH expression: the words of
// core/friends/search-words.ts, each a prefix ("mensah aiko" finds Aiko
// Mensah; "ai" finds Aiko), all of them AND'ed, the digits of a phone-like
// query OR'ed to that. Case and accents are left to the index's tokenizer
// (unicode61 remove_diacritics 2) so query and index fold the same way.
// FTS5 query syntax: https://www.sqlite.org/fts5.html#full_text_query_syntax
// (strings in double quotes, `*` after a string for a prefix, AND / OR).
import { searchWordsOf } from '../../core/friends/search-words';

const quoted = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * The MATCH expression for `text` restricted by marker tokens (account, provider), or null
 * when the text has no word to search for.
 */
export function searchExpression(text: string, markers: readonly string[]): string | null {
  const { words, digits } = searchWordsOf(text);
  if (words.length === 0) return null;
  let match = words.map((word) => `${quoted(word)}*`).join(' AND ');
  if (digits !== null) match = `(${match}) OR ${quoted(digits)}*`;
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
