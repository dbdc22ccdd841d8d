// The page's own view of the network (the browser's offline/online events),
// forwarded to Kith as a hint (connectivity.report): the core checks the
// providers itself, says what it found as a `connectivity` event, and syncs
// when the network is back. While the page is offline it cannot reach the host
// shell at all, so it says "offline" on its own (the offline toast) until the
// browser says the network is back, then asks for the state again.
import type { AppStores } from './app-stores';

/** What the page listens on: `window` and `navigator.onLine` in the browser. */
export interface PageNetwork {
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  isOnline(): boolean;
}

/** Starts forwarding; returns the function that stops. */
export function watchPageNetwork(stores: AppStores, page: PageNetwork): () => void {
  const report = (online: boolean) => {
    stores.status.getState().setPageOnline(online);
    // Offline, the host shell's request fails with the network: the page already says so itself.
    void stores.api.connectivity.report({ online }).catch(() => undefined);
    if (online) void stores.status.getState().load();
  };
  const offline = () => report(false);
  const online = () => report(true);
  if (!page.isOnline()) stores.status.getState().setPageOnline(false);
  page.target.addEventListener('offline', offline);
  page.target.addEventListener('online', online);
  return () => {
    page.target.removeEventListener('offline', offline);
    page.target.removeEventListener('online', online);
  };
}
