// Picks the KithApi for this page: the Electron preload's when it exposed one, the
// in-memory fake for `?fake=1` in a dev build only, else the host shell over HTTP.
import type { KithApi } from '../../src-contract/kith-api';
import { createKithClient } from '../../src-contract/client';
import { createHttpTransport } from '../../src-contract/http-transport';

export interface ApiHooks {
  onUnauthorized(): void;
  /** The event stream (re)opened: anything that changed before it did was not announced. */
  onEventsOpened(): void;
}

export interface ChosenApi {
  readonly api: KithApi;
  readonly kind: 'electron' | 'host' | 'fake';
}

export async function chooseApi(hooks: ApiHooks): Promise<ChosenApi> {
  if (window.kith) return { api: window.kith, kind: 'electron' };
  // import.meta.env.DEV is false in `vite build`, so the fake is not even in the bundle.
  if (import.meta.env.DEV && new URLSearchParams(window.location.search).get('fake') === '1') {
    const { FakeKithApi, fakeOptionsFromQuery } = await import('../dev/fake-kith-api');
    const fake = new FakeKithApi(fakeOptionsFromQuery(window.location.search));
    // A handle for screenshots and manual poking in devtools (dev + ?fake=1 only).
    (window as unknown as { __kithFake?: unknown }).__kithFake = fake;
    return { api: fake, kind: 'fake' };
  }
  const transport = createHttpTransport({
    onUnauthorized: hooks.onUnauthorized,
    onEventsOpen: () => hooks.onEventsOpened(),
  });
  return { api: createKithClient(transport), kind: 'host' };
}
