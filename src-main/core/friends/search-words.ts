// What a person types into the friends search, as words: the one reading of
// the search text that the store's full-text query (node/store/
// search-expression.ts) and the people index's word search
// (friends-word-index.ts) share, so both find the same people. Every word is
// a prefix, all words must match, in any order; a query that looks like a
// phone number also matches its digits run together, so "(555) 010-23" finds
// a number stored as "+1 555 0102 345".

/** Letters, digits, combining marks and private-use characters: what unicode61 keeps inside a token. */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const PHONE_LIKE = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/;

/** Words of the query, at most `maxWords` (a longer query narrows nothing further worth the cost). */
export function queryWords(text: string, maxWords = 12): string[] {
  return (text.match(WORD) ?? []).slice(0, maxWords);
}

export interface SearchWords {
  /** Each must prefix some word of an entry. */
  words: string[];
  /** When the text looks like a phone number of several parts: its digits, an alternative prefix. */
  digits: string | null;
}

export function searchWordsOf(text: string): SearchWords {
  const words = queryWords(text);
  const trimmed = text.trim();
  return { words, digits: words.length > 1 && PHONE_LIKE.test(trimmed) ? trimmed.replace(/\D/g, '') : null };
}
