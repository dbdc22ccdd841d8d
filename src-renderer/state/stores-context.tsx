// React access to the AppStores of this page.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppStores } from './app-stores';

const StoresContext = createContext<AppStores | null>(null);

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside StoresProvider');
  return stores;
}

type StoreState<K extends keyof AppStores> = AppStores[K] extends StoreApi<infer S> ? S : never;

/** Selects from one store: `useAppStore('accounts', (s) => s.accounts)`. */
export function useAppStore<K extends Exclude<keyof AppStores, 'api'>, T>(key: K, selector: (state: StoreState<K>) => T): T {
  const store = useStores()[key] as unknown as StoreApi<StoreState<K>>;
  return useStore<StoreApi<StoreState<K>>, T>(store, selector);
}
