// Avatars are tiny SVGs the sandbox serves itself (no external fetch), with
// everything needed to draw them in the path, so nothing is stored.
import type { Hono } from 'hono';

export function avatarPath(initials: string, hue: number): string {
  return `/avatars/${hue}/${encodeURIComponent(initials)}.svg`;
}

export function avatarSvg(initials: string, hue: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="${initials}">
<rect width="96" height="96" fill="hsl(${hue} 55% 45%)"/>
<text x="48" y="58" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${initials}</text>
</svg>`;
}

export function registerAvatarRoutes(app: Hono): void {
  app.get('/avatars/:hue/:file', (c) => {
    const hue = Number(c.req.param('hue'));
    const match = /^([A-Z]{1,2})\.svg$/.exec(c.req.param('file'));
    if (!Number.isInteger(hue) || hue < 0 || hue > 359 || !match?.[1]) return c.text('Not Found', 404);
    return c.body(avatarSvg(match[1], hue), 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
    });
  });
}
