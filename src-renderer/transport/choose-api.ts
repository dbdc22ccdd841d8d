// Picks the KithApi for this page: the Electron preload's when it exposed one,
// else the host shell over HTTP (the page's own origin, its session cookie).
import { createKithClient } from '../../src-contract/client';
import { createHttpTransport } from '../../src-contract/http-transport';
import type { FriendQuery, KithApi } from '../../src-contract/kith-api';

export interface ApiHooks {
  onUnauthorized(): void;
  /** The event stream (re)opened: anything that changed before it did was not announced. */
  onEventsOpened(): void;
}

export interface ChosenApi {
  readonly api: KithApi;
  readonly kind: 'electron' | 'host';
}

export async function chooseApi(hooks: ApiHooks): Promise<ChosenApi> {
  if (window.kith) {
    const bridged = window.kith;
    // An AbortSignal cannot cross the context bridge: over IPC a cancelled search runs to its
    // end, and the caller, having given up on it, drops its answer.
    // (Cast: one function stands for each of friends.list's overloads, as the bridge's own does.)
    const list = ((input?: FriendQuery) => bridged.friends.list(input)) as KithApi['friends']['list'];
    const api: KithApi = { ...bridged, friends: { ...bridged.friends, list } };
    return { api, kind: 'electron' };
  }
  const transport = createHttpTransport({
    onUnauthorized: hooks.onUnauthorized,
    onEventsOpen: () => hooks.onEventsOpened(),
  });
  return { api: createKithClient(transport), kind: 'host' };
}
