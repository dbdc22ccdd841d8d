// Just enough of Electron to run the shell's modules in Vitest: IPC (ipc.ts and
// the preload: invoke/handle and send/on, with arguments and results
// structured-cloned as Electron does, and a sender frame the test controls),
// `net.isOnline()` and `powerMonitor`'s events, `shell.openPath`, and `safeStorage`
// (fake-safe-storage.ts: a backend the test switches).
import { EventEmitter } from 'node:events';
import { createFakeNotificationClass } from './fake-notification';
import { fakeSafeStorage } from './fake-safe-storage';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export function createFakeElectron() {
  const handlers = new Map<string, Handler>();
  const rendererSide = new EventEmitter();
  const mainFrame: FakeFrame = { url: 'app://kith/index.html', parent: null };
  const notifications = createFakeNotificationClass();
  const state = {
    senderFrame: mainFrame as FakeFrame | null,
    exposed: new Map<string, unknown>(),
    /** What net.isOnline() answers. */
    online: true,
    /** Every path shell.openPath was given; it answers `openPathError` ('' is success, as Electron's). */
    openedPaths: [] as string[],
    openPathError: '',
  };
  const powerMonitor = new EventEmitter();
  const safeStorage = fakeSafeStorage();

  const webContents = {
    mainFrame,
    isDestroyed: () => false,
    send: (channel: string, payload: unknown) => rendererSide.emit(channel, {}, structuredClone(payload)),
    once: () => webContents,
  };

  return {
    state,
    mainFrame,
    /** Back to the app's own page in the main frame. */
    reset() {
      mainFrame.url = 'app://kith/index.html';
      state.senderFrame = mainFrame;
      state.online = true;
      state.openedPaths = [];
      state.openPathError = '';
      Object.assign(safeStorage.state, { generation: 1, available: true, encryptCalls: 0, backend: 'gnome_libsecret' });
      powerMonitor.removeAllListeners();
    },
    /** Emits a powerMonitor event ('resume', 'suspend', 'unlock-screen'). */
    power: (event: string) => powerMonitor.emit(event),
    powerListeners: (event: string) => powerMonitor.listenerCount(event),
    webContents,
    /** The system notifications shown, and whether the platform supports them. */
    notifications,
    handlerChannels: () => [...handlers.keys()],
    module: {
      ipcMain: {
        handle: (channel: string, handler: Handler) => {
          if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
          handlers.set(channel, handler);
        },
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          const handler = handlers.get(channel);
          if (!handler) throw new Error(`No handler registered for '${channel}'`);
          const event = { senderFrame: state.senderFrame, sender: webContents };
          return structuredClone(await handler(event, ...structuredClone(args)));
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => rendererSide.on(channel, listener),
        removeListener: (channel: string, listener: (...args: unknown[]) => void) => rendererSide.removeListener(channel, listener),
      },
      Notification: notifications.Notification,
      net: { isOnline: () => state.online },
      safeStorage,
      powerMonitor,
      shell: {
        openPath: async (path: string) => {
          state.openedPaths.push(path);
          return state.openPathError;
        },
      },
      contextBridge: {
        exposeInMainWorld: (name: string, value: unknown) => state.exposed.set(name, value),
      },
    },
  };
}

/** One simulated Electron per test file: the preload exposes its API once, at import. */
export const fakeElectron = createFakeElectron();
