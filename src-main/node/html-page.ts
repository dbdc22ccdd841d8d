// Small pages Kith's HTTP servers answer with themselves (a spent launch link, the app
// not built), drawn by the same renderer as the sign-in tab's pages so all of them look
// like Kith. Each carries its own Content-Security-Policy, which allows its one inline
// style and nothing else.
import { renderSmallPage, SMALL_PAGE_CSP, type SmallPage } from '../core/pages/small-page';

export type { SmallPage } from '../core/pages/small-page';

export function htmlPageResponse(page: SmallPage, status: number): Response {
  return new Response(renderSmallPage(page), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': SMALL_PAGE_CSP },
  });
}
