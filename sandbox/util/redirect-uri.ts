// Redirect URI rules differ by provider: Google's desktop clients follow
// RFC 8252 §7.3 (loopback IP literal, any port), Facebook's Strict Mode
// compares the whole URI with the app's registered list.

/** RFC 8252 §7.3 + §8.3: http on 127.0.0.1 or [::1], any port; "localhost" is NOT RECOMMENDED, so refused. */
export function isLoopbackRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  if (url.hash !== '' || url.username !== '' || url.password !== '') return false;
  return url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** Appends query parameters to a redirect URI, keeping any it already has (RFC 6749 §3.1.2). */
export function withQuery(redirectUri: string, params: Record<string, string | undefined>, fragment?: string): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  if (fragment !== undefined) url.hash = fragment;
  return url.toString();
}
