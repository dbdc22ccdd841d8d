// The toasts in the window's corner: one per kind of event, keyed, so a repeat
// raises a count instead of stacking ("Synced 3 accounts. ×3"), and so the code
// that knows a cause has ended can clear the toast that reported it.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type NoticeTone = 'success' | 'info' | 'warning' | 'error';

export interface Notice {
  readonly id: number;
  /** The kind of event ("synced", "sync-failed:acc_…"); one notice per key. */
  readonly key: string;
  readonly text: string;
  /** 'success' and 'info' fade by themselves; 'warning' and 'error' stay until their cause ends or the person dismisses them. */
  readonly tone: NoticeTone;
  /** How many times this same text was pushed under this key. */
  readonly count: number;
  /** When it was last pushed: a repeat restarts its fade. */
  readonly pushedAt: number;
}

export interface NoticeInput {
  readonly key: string;
  readonly text: string;
  readonly tone: NoticeTone;
}

export interface NoticesState {
  readonly notices: readonly Notice[];
  push(notice: NoticeInput): number;
  /** Removes the notice of this key, if any: its cause has ended. */
  clear(key: string): void;
  dismiss(id: number): void;
}

export type NoticesStore = StoreApi<NoticesState>;

/** At most this many toasts at once; the oldest give way, fading ones first. */
export const MAX_NOTICES = 4;

export function createNoticesStore(now: () => number = Date.now): NoticesStore {
  let nextId = 1;
  return createStore<NoticesState>()((set, get) => ({
    notices: [],
    push: ({ key, text, tone }) => {
      const existing = get().notices.find((n) => n.key === key);
      if (existing) {
        const count = existing.text === text && existing.tone === tone ? existing.count + 1 : 1;
        const updated: Notice = { ...existing, text, tone, count, pushedAt: now() };
        set({ notices: get().notices.map((n) => (n === existing ? updated : n)) });
        return existing.id;
      }
      const id = nextId++;
      set({ notices: trim([...get().notices, { id, key, text, tone, count: 1, pushedAt: now() }]) });
      return id;
    },
    clear: (key) => {
      if (get().notices.some((n) => n.key === key)) set({ notices: get().notices.filter((n) => n.key !== key) });
    },
    dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  }));
}

/** Drops the oldest fading notice first, so a warning is not pushed out by confirmations. */
function trim(notices: Notice[]): Notice[] {
  const list = [...notices];
  while (list.length > MAX_NOTICES) {
    const fading = list.findIndex((n) => fades(n.tone));
    list.splice(fading === -1 ? 0 : fading, 1);
  }
  return list;
}

export function fades(tone: NoticeTone): boolean {
  return tone === 'success' || tone === 'info';
}
