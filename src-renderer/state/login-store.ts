// The sign-in in progress: which provider, the consent URL the browser was sent to
// (for opening by hand), and how the last attempt ended.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountSummary, KithApi, KithErrorInfo, LoginEnded, LoginStarted, ProviderId } from '../../src-contract/kith-api';
import { isQuietError, toErrorInfo } from '../lib/error-words';

export interface LoginFailure {
  readonly provider: ProviderId;
  readonly error: KithErrorInfo;
}

export interface LoginState {
  /** The provider whose accounts.connect call is running. */
  readonly connecting: ProviderId | null;
  /** Set by the loginStarted event: the browser has been sent to the consent page. */
  readonly started: LoginStarted | null;
  readonly failure: LoginFailure | null;
  connect(provider: ProviderId): Promise<AccountSummary | null>;
  cancel(): Promise<void>;
  onStarted(event: LoginStarted): void;
  onEnded(event: LoginEnded): void;
  dismiss(): void;
}

export type LoginStore = StoreApi<LoginState>;

export function createLoginStore(api: KithApi, onConnected: (account: AccountSummary) => void = () => undefined): LoginStore {
  return createStore<LoginState>()((set, get) => {
    const fail = (provider: ProviderId, error: KithErrorInfo) => {
      set({ connecting: null, started: null, failure: isQuietError(error.code) ? null : { provider, error } });
    };
    return {
      connecting: null,
      started: null,
      failure: null,
      connect: async (provider) => {
        set({ connecting: provider, started: null, failure: null });
        try {
          const account = await api.accounts.connect({ provider });
          set({ connecting: null, started: null });
          onConnected(account);
          return account;
        } catch (error) {
          fail(provider, toErrorInfo(error));
          return null;
        }
      },
      cancel: async () => {
        const { started } = get();
        try {
          await api.accounts.cancelConnect(started ? { loginId: started.loginId } : {});
        } catch (error) {
          const info = toErrorInfo(error);
          set({ failure: { provider: started?.provider ?? get().connecting ?? 'google', error: info } });
        }
      },
      onStarted: (event) => set({ started: event, connecting: event.provider, failure: null }),
      onEnded: (event) => {
        const { started } = get();
        if (started && started.loginId !== event.loginId) return;
        // Another window's (or a reloaded page's) login ends here too, with no promise to settle it.
        if (event.outcome === 'connected') set({ started: null, connecting: null });
        else if (event.error) fail(event.provider, event.error);
        else set({ started: null, connecting: null });
      },
      dismiss: () => set({ failure: null }),
    };
  });
}
