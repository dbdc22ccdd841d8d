// POST /control/launch-link: a fresh one-time launch link for `kith open`,
// admitted by the control secret the server wrote to its 0600 server file
// (host/cli/server-file.ts), never by a page's session or a script's token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { kithErrorReply } from './replies';

export const CONTROL_LAUNCH_PATH = '/control/launch-link';

const ControlLaunchInput = z.object({ page: z.boolean().optional() }).strict();

const digest = (text: string) => createHash('sha256').update(text).digest();

export interface ControlSettings {
  secret: string;
  createLaunchUrl(): Promise<string>;
  writeLaunchPage(launchUrl: string): Promise<string>;
}

/** Answers `{ launchUrl }`, and with `{ "page": true }` also `pagePath`: a 0600 page that opens it (see launch-pages.ts). */
export function controlLaunchHandler(control: ControlSettings): (c: Context) => Promise<Response> {
  const expected = digest(`Bearer ${control.secret}`);
  return async (c) => {
    // Compared as digests, in constant time, so neither length nor content leaks.
    if (!timingSafeEqual(digest(c.req.header('authorization') ?? ''), expected)) {
      return kithErrorReply(c, 'E_UNAUTHORIZED', 'This control request is not from this server\'s "kith open".');
    }
    const input = ControlLaunchInput.safeParse(await c.req.json().catch(() => null));
    if (!input.success) return kithErrorReply(c, 'E_INVALID_INPUT', 'Send {} or { "page": true }.');
    const wantsPage = input.data.page === true;
    const launchUrl = await control.createLaunchUrl();
    return c.json(wantsPage ? { launchUrl, pagePath: await control.writeLaunchPage(launchUrl) } : { launchUrl });
  };
}
