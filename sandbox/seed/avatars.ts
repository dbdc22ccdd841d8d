// Avatars are tiny SVGs the sandbox serves itself (no external fetch), with
// everything needed to draw them in the path, so nothing is stored.
import type { Hono } from 'hono';
import { hueFor, initialsOf } from './names';
import type { SeededPerson } from './people';

export function avatarPath(initials: string, hue: number): string {
  return `/avatars/${hue}/${encodeURIComponent(initials)}.svg`;
}

// The same seeded person is drawn in a different colour at each provider.
const PERSON_HUE_STEP = { google: 40, facebook: 70 } as const;

/** A seeded person's own avatar (consent pages, id_token and userinfo `picture`, Graph /me). */
export function personAvatarPath(provider: 'google' | 'facebook', person: SeededPerson): string {
  return avatarPath(initialsOf(person.givenName, person.familyName), hueFor(person.ordinal * PERSON_HUE_STEP[provider]));
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
