import { useEffect } from 'react';
import { useAppStore, useStores } from './state/stores-context';
import { runningSyncs } from './state/sync-store';
import { AccountsPage } from './features/accounts/accounts-page';
import { FriendsPage } from './features/friends/friends-page';
import { ScriptAccessPage } from './features/scripts/script-access-page';
import { SettingsPage } from './features/settings/settings-page';
import { MainNav } from './features/shell/main-nav';
import { Notices } from './features/shell/notices';
import { SessionEnded } from './features/shell/session-ended';
import { useHashRoute } from './features/shell/use-hash-route';
import { startAppStores } from './state/app-store-events';
import { useNotificationEvents } from './features/shell/notification-events';
import { VaultGate } from './features/vault/vault-gate';

export function App() {
  const stores = useStores();
  const route = useHashRoute();
  const sessionEnded = useAppStore('status', (s) => s.sessionEnded);
  const syncing = useAppStore('sync', (s) => runningSyncs(s.progress).length > 0);

  useEffect(() => startAppStores(stores), [stores]);
  useNotificationEvents();
  useEffect(() => {
    document.title = `${route === 'scripts' ? 'Script access' : `${route.charAt(0).toUpperCase()}${route.slice(1)}`} · Kith`;
  }, [route]);

  if (sessionEnded) return <SessionEnded />;

  return (
    <VaultGate>
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">K</span>
          <span className="brand-name">Kith</span>
        </div>
        <MainNav route={route} />
        {syncing ? (
          <span className="header-sync" aria-hidden="true">
            <span className="spinner" /> Syncing
          </span>
        ) : null}
      </header>
      <main id="main" className={`app-main app-main-${route}`}>
        {route === 'accounts' ? <AccountsPage /> : route === 'friends' ? <FriendsPage /> : route === 'scripts' ? <ScriptAccessPage /> : <SettingsPage />}
      </main>
      <Notices />
    </div>
    </VaultGate>
  );
}
