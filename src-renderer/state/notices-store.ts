// Short confirmations ("Connected ...", "Disconnected ...") shown in a polite live region.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Notice {
  readonly id: number;
  readonly text: string;
  /** 'warning' and 'error' stay until dismissed: the person has something to read or do. */
  readonly tone: 'success' | 'info' | 'warning' | 'error';
  readonly createdAt: number;
}

export interface NoticesState {
  readonly notices: readonly Notice[];
  push(text: string, tone?: Notice['tone']): number;
  dismiss(id: number): void;
}

export type NoticesStore = StoreApi<NoticesState>;

/** At most this many notices on screen; older ones give way. */
const MAX_NOTICES = 3;

export function createNoticesStore(): NoticesStore {
  let nextId = 1;
  return createStore<NoticesState>()((set, get) => ({
    notices: [],
    push: (text, tone = 'success') => {
      const id = nextId++;
      set({ notices: [...get().notices, { id, text, tone, createdAt: Date.now() }].slice(-MAX_NOTICES) });
      return id;
    },
    dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  }));
}
