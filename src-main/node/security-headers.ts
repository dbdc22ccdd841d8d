// Headers on every response. The Content-Security-Policy lets the page load
// only its own scripts and styles, talk only to its own origin, and show
// avatars from the providers' (or the sandbox's) image hosts.

/** Where real providers serve profile pictures. */
export const PROVIDER_AVATAR_ORIGINS = ['https://*.googleusercontent.com', 'https://*.fbcdn.net', 'https://platform-lookaside.fbsbx.com'];

/** What the page may fetch: its own origin (the host server's API), or nothing (Electron's page talks over IPC only). */
export type ConnectSource = "'self'" | "'none'";

export function contentSecurityPolicy(imageOrigins: readonly string[], connectSrc: ConnectSource = "'self'"): string {
  const images = ["'self'", 'data:', ...imageOrigins.filter((origin) => /^https?:\/\/[^\s;,']+$/.test(origin))];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images.join(' ')}`,
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(imageOrigins: readonly string[], connectSrc: ConnectSource = "'self'"): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(imageOrigins, connectSrc),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
