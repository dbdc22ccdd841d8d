// Removes anything that looks like a secret from text and structured log data
// before it is written. A second line of defence: callers must not log
// secrets in the first place, but a provider error body or a URL can carry one.
export const REDACTED = '[redacted]';

// Query and form parameters whose values are secrets (RFC 6749 §4.1.2, §4.1.3,
// §5.1; RFC 7636 §4.5; Facebook's fb_exchange_token).
const SECRET_PARAMS = [
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'client_secret',
  'token',
  'fb_exchange_token',
  'input_token',
  'assertion',
  'password',
];
const SECRET_PARAM = new RegExp(`([?&#;\\s"'(]|^)((?:${SECRET_PARAMS.join('|')}))=([^&#\\s"',;)]+)`, 'gi');
// The same names as JSON members, as in a token endpoint's response body.
const SECRET_MEMBER = new RegExp(`"(${SECRET_PARAMS.join('|')}|accessToken|refreshToken|idToken|codeVerifier|clientSecret)"(\\s*:\\s*)"[^"]*"`, 'gi');

// The token fields as util.inspect, YAML-ish or `key=value` text writes them:
// `refresh_token: 'abc'`, `{ accessToken: "ya29…" }`, `id_token=abc`, key quoted or not,
// value in ', " or ` quotes (with escapes inside) or bare. null/undefined are no secret.
const SECRET_FIELD_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'code_verifier',
  'client_secret',
  'accessToken',
  'refreshToken',
  'idToken',
  'codeVerifier',
  'clientSecret',
];
const QUOTED = (q: string) => `${q}(?:[^${q}\\\\]|\\\\.)*${q}`;
const SECRET_FIELD = new RegExp(
  `(^|[^0-9A-Za-z_$])(["'\`]?)(${SECRET_FIELD_NAMES.join('|')})\\2(\\s*[:=]\\s*)` +
    `(${QUOTED("'")}|${QUOTED('"')}|${QUOTED('`')}|(?!null\\b|undefined\\b|\\[redacted\\])[^\\s,;&#)}\\]'"\`]+)`,
  'gi',
);

function redactField(_match: string, before: string, quote: string, name: string, separator: string, value: string): string {
  const valueQuote = /^['"`]/.test(value) ? value[0]! : '';
  return `${before}${quote}${name}${quote}${separator}${valueQuote}${REDACTED}${valueQuote}`;
}

const PATTERNS: RegExp[] = [
  // Kith's own access tokens (core/tokens/access-token-format.ts).
  /\bkith_[a-z]_[0-9A-Za-z]{8,}/g,
  // Google OAuth access tokens and refresh tokens.
  /\bya29\.[0-9A-Za-z._-]+/g,
  /(?<![0-9A-Za-z])1\/\/[0-9A-Za-z._-]{10,}/g,
  // Google authorization codes.
  /(?<![0-9A-Za-z/])4\/0[0-9A-Za-z_-]{10,}/g,
  // Google desktop client secrets.
  /\bGOCSPX-[0-9A-Za-z_-]+/g,
  // Facebook user/app access tokens start with EAA.
  /\bEAA[0-9A-Za-z]{20,}/g,
  // JWTs (id_tokens): three base64url segments, the first a JSON header.
  /\beyJ[0-9A-Za-z_-]{5,}\.[0-9A-Za-z_-]{5,}\.[0-9A-Za-z_-]*/g,
  // Authorization headers.
  /\b(Bearer|Basic)\s+[0-9A-Za-z._~+/=-]{8,}/gi,
];

const HEX_RUN = /\b[0-9a-fA-F]{32,}\b/g;
const BASE64_RUN = /[0-9A-Za-z+/_=-]{40,}/g;
// Ids Kith shows on purpose (accounts, access token records) are not secrets.
const PUBLIC_ID = /^(acc|tok|rev)_/;

/** True for a long run that mixes cases and digits like random data, but not for a path. */
function looksRandom(run: string): boolean {
  if (PUBLIC_ID.test(run)) return false;
  if (!/[0-9]/.test(run) || !/[a-z]/.test(run) || !/[A-Z]/.test(run)) return false;
  if (run.startsWith('/')) return false;
  const longestSegment = Math.max(...run.split('/').map((segment) => segment.length));
  return longestSegment >= 24;
}

export function redactText(text: string): string {
  let out = text.replace(SECRET_PARAM, (_match, before: string, name: string) => `${before}${name}=${REDACTED}`);
  out = out.replace(SECRET_MEMBER, (_match, name: string, colon: string) => `"${name}"${colon}"${REDACTED}"`);
  out = out.replace(SECRET_FIELD, redactField);
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match: string) => (/^(Bearer|Basic)\s/i.test(match) ? `${match.split(/\s+/)[0]} ${REDACTED}` : REDACTED));
  }
  out = out.replace(HEX_RUN, REDACTED);
  out = out.replace(BASE64_RUN, (run) => (looksRandom(run) ? REDACTED : run));
  return out;
}

// Field names whose string values are secrets whatever they look like.
const SECRET_KEY = /(token|secret|password|passwd|verifier|authorization|cookie|credential|api_?key|private_?key|^code$|^key$|ciphertext|sealed)/i;

/** `code: 'E_OFFLINE'` or `code: 'ENOENT'` is an error code, not an OAuth authorization code (those are mixed case). */
function isErrorCode(key: string, value: unknown): boolean {
  return key.toLowerCase() === 'code' && typeof value === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(value);
}

/** Deep copy of `value` with secrets removed; cycles and depth are bounded. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
  }
  if (seen.has(value) || depth > 6) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    return { name: value.name, message: redactText(value.message), ...(code ? { code: String(code) } : {}) };
  }
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && field !== null && field !== undefined && typeof field !== 'number' && typeof field !== 'boolean' && !isErrorCode(key, field)) {
      out[key] = REDACTED;
    } else {
      out[key] = redactValue(field, depth + 1, seen);
    }
  }
  return out;
}
