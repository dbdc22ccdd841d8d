// The sign-in in progress: which provider, the consent URL the browser was sent to
// (for opening by hand), and how the last attempt ended. A reconnect (or a re-ask
// for a permission) answered by someone else leaves `otherPerson` set until the
// person chooses: add them as an account, try again, or drop the sign-in.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AccountId,
  AccountSummary,
  KithApi,
  KithErrorInfo,
  LoginEnded,
  LoginStarted,
  OtherPersonSignedIn,
  Permission,
  ProviderId,
  ReconnectResult,
} from '../../src-contract/kith-api';
import { isQuietError, toErrorInfo } from '../lib/error-words';

export interface LoginFailure {
  readonly provider: ProviderId;
  readonly error: KithErrorInfo;
  /** The sign-in had shown a code to confirm (a device login): trying again means a new code. */
  readonly withCode?: boolean;
}

export interface LoginState {
  /** The provider whose accounts.connect call is running. */
  readonly connecting: ProviderId | null;
  /** Set by the loginStarted event: the browser has been sent to the consent page. */
  readonly started: LoginStarted | null;
  /** True when the system browser could not be opened for the sign-in in `started` (loginBrowserFailed). */
  readonly browserFailed: boolean;
  readonly failure: LoginFailure | null;
  /** The account whose reconnect (or permission re-ask) is running. */
  readonly reconnecting: AccountId | null;
  /** Someone other than the account's person answered a reconnect; their sign-in waits for a choice. */
  readonly otherPerson: OtherPersonSignedIn | null;
  connect(provider: ProviderId): Promise<AccountSummary | null>;
  /** Signs the account's person in again (the provider is told who is expected). */
  reconnect(accountId: AccountId, provider: ProviderId): Promise<void>;
  /** Asks the account's person again for a permission they did not share. */
  requestPermission(accountId: AccountId, provider: ProviderId, permission: Permission): Promise<void>;
  /** Answers `otherPerson`: 'add' them as a new account, 'retry' the reconnect, or 'discard' the sign-in. */
  resolveOtherPerson(choice: 'add' | 'retry' | 'discard'): Promise<void>;
  cancel(): Promise<void>;
  onStarted(event: LoginStarted): void;
  onBrowserFailed(event: { loginId: string }): void;
  onEnded(event: LoginEnded): void;
  dismiss(): void;
}

export type LoginStore = StoreApi<LoginState>;

export function createLoginStore(api: KithApi, onConnected: (account: AccountSummary) => void = () => undefined): LoginStore {
  return createStore<LoginState>()((set, get) => {
    // Whether the sign-in in progress showed a code; kept apart from `started`, which the first of
    // the two endings (the loginEnded event, the call's rejection) clears.
    let codeShown = false;
    const fail = (provider: ProviderId, error: KithErrorInfo) => {
      set({ connecting: null, started: null, failure: isQuietError(error.code) ? null : { provider, error, ...(codeShown ? { withCode: true } : {}) } });
    };
    // What the last reconnect asked for, so "Try again" asks the same.
    let lastReconnect: { accountId: AccountId; provider: ProviderId; permission: Permission | null } | null = null;
    const signInAgain = async (target: NonNullable<typeof lastReconnect>) => {
      lastReconnect = target;
      codeShown = false;
      set({ connecting: target.provider, reconnecting: target.accountId, started: null, failure: null, otherPerson: null });
      try {
        const result: ReconnectResult = target.permission
          ? await api.accounts.requestPermission({ accountId: target.accountId, permission: target.permission })
          : await api.accounts.reconnect({ accountId: target.accountId });
        set({ connecting: null, reconnecting: null, started: null, otherPerson: result.outcome === 'other_person' ? result : null });
        if (result.outcome === 'connected') onConnected(result.account);
      } catch (error) {
        set({ reconnecting: null });
        fail(target.provider, toErrorInfo(error));
      }
    };
    return {
      connecting: null,
      started: null,
      browserFailed: false,
      failure: null,
      reconnecting: null,
      otherPerson: null,
      reconnect: (accountId, provider) => signInAgain({ accountId, provider, permission: null }),
      requestPermission: (accountId, provider, permission) => signInAgain({ accountId, provider, permission }),
      resolveOtherPerson: async (choice) => {
        const pending = get().otherPerson;
        if (!pending) return;
        if (choice === 'retry' && lastReconnect) return signInAgain(lastReconnect);
        set({ otherPerson: null });
        try {
          const added = await api.accounts.resolveOtherPerson({ choiceId: pending.choiceId, choice: choice === 'add' ? 'add' : 'discard' });
          if (added) onConnected(added);
        } catch (error) {
          fail(pending.provider, toErrorInfo(error));
        }
      },
      connect: async (provider) => {
        codeShown = false;
        set({ connecting: provider, started: null, failure: null, otherPerson: null });
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
      onStarted: (event) => {
        codeShown = event.device !== undefined;
        set({ started: event, browserFailed: false, connecting: event.provider, failure: null });
      },
      onBrowserFailed: (event) => {
        if (get().started?.loginId === event.loginId) set({ browserFailed: true });
      },
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
