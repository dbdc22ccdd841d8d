// Entry point: choose the API (Electron preload, or the host server over HTTP),
// create the stores for it and render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { reloadAppStores } from './state/app-store-events';
import { createAppStores, type AppStores } from './state/app-stores';
import { watchPageNetwork } from './state/page-network';
import { StoresProvider } from './state/stores-context';
import { chooseApi } from './transport/choose-api';
import { applyTheme, browserStorage, readTheme } from './ui/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/ui.css';
import './styles/features.css';

// Before anything renders, so the first paint already has the chosen theme.
applyTheme(readTheme(browserStorage()), document.documentElement);

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  // The transport may report a lost session before the stores exist; remember it.
  let stores: AppStores | null = null;
  let sessionEnded = false;
  const { api } = await chooseApi({
    onUnauthorized: () => {
      sessionEnded = true;
      stores?.status.getState().endSession();
    },
    // The first load races the stream's opening, and a reconnect may have missed events: ask again.
    onEventsOpened: () => {
      if (stores) reloadAppStores(stores);
    },
  });
  stores = createAppStores(api);
  if (sessionEnded) stores.status.getState().endSession();
  watchPageNetwork(stores, { target: window, isOnline: () => navigator.onLine });
  createRoot(container).render(
    <StrictMode>
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </StrictMode>,
  );
}

void start();
