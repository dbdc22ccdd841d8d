// Keeps the renderer's stores current from the API's events: the first load,
// one subscription per event, and a reload when the event stream reconnects
// (events sent while it was down are lost).
import type { AppStores } from './app-stores';

/**
 * Loads the first state and subscribes to every event; returns the function that
 * unsubscribes. Call once per page.
 */
export function startAppStores(stores: AppStores): () => void {
  const { api } = stores;
  const offs = [
    api.events.on('accountsChanged', (list) => {
      stores.accounts.getState().replace(list);
      const selected = stores.friends.getState().accountId;
      if (selected && !list.some((a) => a.id === selected)) stores.friends.getState().setAccount(null);
      else stores.friends.getState().refresh();
    }),
    api.events.on('syncProgress', (progress) => {
      stores.sync.getState().onProgress(progress);
      if (progress.state !== 'running') stores.friends.getState().refresh();
    }),
    api.events.on('connectivity', ({ online }) => stores.status.getState().setOnline(online)),
    api.events.on('loginStarted', (event) => stores.login.getState().onStarted(event)),
    api.events.on('loginEnded', (event) => stores.login.getState().onEnded(event)),
    api.events.on('loginBrowserFailed', (event) => stores.login.getState().onBrowserFailed(event)),
    api.events.on('revocationsChanged', (pending) => stores.status.getState().setPendingRevocations(pending)),
    api.events.on('historyChanged', (receipts) => stores.history.getState().replace(receipts)),
  ];
  void stores.accounts.getState().load();
  void stores.status.getState().load();
  void stores.history.getState().load();
  return () => {
    for (const off of offs) off();
  };
}

/** After the event stream reconnects, events may have been missed: ask again. */
export function reloadAppStores(stores: AppStores): void {
  void stores.accounts.getState().load();
  void stores.status.getState().load();
  void stores.history.getState().load();
  stores.friends.getState().refresh();
}
