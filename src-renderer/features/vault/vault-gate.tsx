// What the window shows before the app: nothing until the vault answers, the
// unlock screen while a passphrase is needed (at start or after the idle
// auto-lock), the locked screen when the key cannot be had, else the app.
// Once the vault opens the app's stores load again, since what they asked for
// while it was locked was refused.
import { useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { reloadAppStores } from '../../state/app-store-events';
import { useStores } from '../../state/stores-context';
import { LockedScreen } from './locked-screen';
import { UnlockScreen } from './unlock-screen';
import { createVaultStore } from './vault-store';
import './vault.css';

export function VaultGate({ children }: { children: ReactNode }) {
  const stores = useStores();
  const store = useMemo(() => createVaultStore(stores.api), [stores.api]);
  const vault = useStore(store, (s) => s.vault);
  useEffect(() => {
    const off = stores.api.events.on('vaultChanged', (state) => store.getState().changed(state));
    void store.getState().load();
    return off;
  }, [stores.api, store]);

  const opened = () => reloadAppStores(stores);
  if (!vault) return null;
  if (vault.state === 'open') return <>{children}</>;
  return vault.reason === 'passphrase-required' ? <UnlockScreen store={store} onOpened={opened} /> : <LockedScreen store={store} onOpened={opened} />;
}
